#!/usr/bin/env node
// `textbridge`: analyze, send and look up SMS from a terminal, or run the sandbox. See `textbridge --help`.
import { runTextbridgeCli } from '../cli/index.js';

const untilStopped = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

const code = await runTextbridgeCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  untilStopped,
});
process.exitCode = code;
