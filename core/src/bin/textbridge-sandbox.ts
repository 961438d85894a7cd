#!/usr/bin/env node
// `textbridge-sandbox`: starts the Plivo-compatible sandbox and prints where it listens; Ctrl-C stops it.
import { isTextbridgeError } from '../errors/index.js';
import { CLI_USAGE, cliBanner, parseCliArgs, reportStorageErrors } from '../sandbox/cli.js';
import { startSandbox } from '../sandbox/index.js';

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2), process.env);
  if (command.kind === 'help') {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const sandbox = await startSandbox(command.options);
  process.stdout.write(`${cliBanner(sandbox)}\n`);
  reportStorageErrors(sandbox, (text) => process.stderr.write(text));
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the sandbox…\n');
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`textbridge-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (isTextbridgeError(error)) {
    process.stderr.write(`textbridge-sandbox: ${error.message}\n${error.hint}\n`);
    process.exitCode = error.code === 'INVALID_INPUT' ? 2 : 1;
    return;
  }
  process.stderr.write(`textbridge-sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
