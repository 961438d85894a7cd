// Runs one `textbridge` command against the given streams and environment; returns the exit code. Errors are
// printed as message + hint (never a stack trace, never the token): 2 for mistakes in the command line or its
// values, 1 for everything else (Plivo refused, network…).
import { analyzeMessage } from '../encoding/index.js';
import { TextbridgeError, isInputError, isTextbridgeError } from '../errors/index.js';
import { checkNumberWiring, repairNumberWiring, splitRecipients, toSendOutput } from '../integration/index.js';
import { normalizePhoneNumber } from '../phone/index.js';
import { labelSendFields, parseSendRequest, withDestinations } from '../plivo/index.js';
import { createPlivoClient, sendBulk } from '../node/index.js';
import { isSendFailure } from '../send/outcomes.js';
import { cliBanner, reportStorageErrors, CLI_USAGE as SANDBOX_USAGE } from '../sandbox/cli.js';
import { startSandbox } from '../sandbox/index.js';
import { parseTextbridgeArgs, type TextbridgeCommand } from './args.js';
import { credentialsFromEnv } from './credentials.js';
import { formatAnalysis, formatLookup, formatSendOutput, formatWiringRepair, formatWiringTable } from './format.js';
import { TEXTBRIDGE_USAGE } from './usage.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Settles when the user asks a long-running command (the sandbox) to stop: Ctrl-C or SIGTERM. */
  untilStopped(): Promise<unknown>;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const USER_AGENT = 'textbridge-cli/0.1.0';

/** The command's flags, so errors name what the user typed. */
const CLI_SEND_LABELS = labelSendFields({ src: '--from', dst: '--to', text: '--text', defaultCountry: '--country' }, 'the message');

async function execute(command: TextbridgeCommand, io: CliIo): Promise<number> {
  switch (command.kind) {
    case 'help':
      io.stdout(TEXTBRIDGE_USAGE);
      return 0;
    case 'analyze': {
      const analysis = analyzeMessage(command.text, command.smart ? { smartEncoding: true } : {});
      io.stdout(command.json ? json(analysis) : `${formatAnalysis(analysis)}\n`);
      return 0;
    }
    case 'send': {
      // Parsed as a whole before anything is sent, so a typo in the third number does not leave two texts sent.
      const to = splitRecipients(command.to);
      const request = parseSendRequest(
        { src: command.from, dst: to.length === 1 ? to[0] : to.length === 0 ? '' : to, text: command.text, type: 'sms' },
        { labels: CLI_SEND_LABELS, defaultCountry: command.country, smartEncoding: command.smart },
      );
      const client = createPlivoClient({ ...credentialsFromEnv(io.env), userAgent: USER_AGENT });
      const results = await sendBulk(
        client,
        request.dst.map((dst) => withDestinations(request, [dst])),
        { fieldLabels: (index) => labelSendFields({ dst: '--to' }, `message ${index + 1}`) },
      );
      const outputs = results.map(toSendOutput);
      if (command.json) io.stdout(json(outputs.length === 1 ? outputs[0] : outputs));
      for (const output of outputs) {
        if (!command.json) (output.status === 'queued' ? io.stdout : io.stderr)(`${formatSendOutput(output)}\n`);
      }
      const failure = results.find(isSendFailure);
      if (failure && !command.json) io.stderr(`  hint: ${failure.error.hint}\n`);
      if (!failure) return 0;
      return isInputError(failure.error) ? 2 : 1;
    }
    case 'lookup': {
      const number = normalizePhoneNumber(command.number, command.country, 'number');
      const client = createPlivoClient({ ...credentialsFromEnv(io.env), userAgent: USER_AGENT });
      const lookup = await client.lookupNumber(number);
      io.stdout(command.json ? json(lookup) : `${formatLookup(lookup)}\n`);
      return 0;
    }
    case 'wiring':
      return wiring(command, io);
    case 'sandbox': {
      if (command.command.kind === 'help') {
        io.stdout(SANDBOX_USAGE.replace(/textbridge-sandbox/g, 'textbridge sandbox'));
        return 0;
      }
      const sandbox = await startSandbox(command.command.options);
      io.stdout(`${cliBanner(sandbox)}\n`);
      reportStorageErrors(sandbox, (text) => io.stderr(text.replace(/^textbridge-sandbox:/, 'textbridge:')));
      await io.untilStopped();
      io.stdout('\nStopping the sandbox…\n');
      await sandbox.stop();
      return 0;
    }
  }
}

/** `textbridge wiring`: the table, checked against --expect; with --repair, re-points and shows the result. */
async function wiring(command: Extract<TextbridgeCommand, { kind: 'wiring' }>, io: CliIo): Promise<number> {
  const given = command.numbers?.split(/[,;\n]+/).map((entry) => entry.trim()).filter((entry) => entry !== '');
  const numbers = given?.map((number, i) => normalizePhoneNumber(number, undefined, given.length === 1 ? '--number' : `--number (number ${i + 1})`));
  if (numbers !== undefined && numbers.length === 0) {
    throw new TextbridgeError('INVALID_INPUT', 'wiring: --number is empty; name one or more of your Plivo numbers, e.g. --number +14155552671.', {
      field: '--number',
    });
  }
  const client = createPlivoClient({ ...credentialsFromEnv(io.env), userAgent: USER_AGENT });
  if (command.repair) {
    const repairs = await repairNumberWiring(client, { numbers: numbers!, url: command.expect! });
    if (command.json) {
      io.stdout(json(repairs));
    } else {
      io.stdout(`${repairs.map(formatWiringRepair).join('\n')}\n`);
      const count = repairs.filter((repair) => repair.action === 'repointed').length;
      io.stdout(count === 0 ? 'Nothing to repair.\n' : `Re-pointed ${count} of ${repairs.length} number${repairs.length === 1 ? '' : 's'} to ${command.expect}.\n`);
    }
    return repairs.every((repair) => repair.after.status === 'points-here') ? 0 : 1;
  }
  const wirings = await checkNumberWiring(client, { ...(numbers ? { numbers } : {}), ...(command.expect ? { expectedUrl: command.expect } : {}) });
  if (command.json) {
    io.stdout(json(wirings));
  } else {
    io.stdout(`${formatWiringTable(wirings)}\n`);
    if (command.expect !== undefined) {
      const wrong = wirings.filter((wiring) => wiring.status !== 'points-here');
      const here = wirings.length - wrong.length;
      io.stdout(`${here} of ${wirings.length} number${wirings.length === 1 ? '' : 's'} send inbound SMS to ${command.expect}.\n`);
      if (numbers !== undefined && wrong.length > 0) {
        const list = wrong.map((wiring) => wiring.number).join(',');
        io.stderr(`To re-point ${wrong.length === 1 ? 'it' : 'them'}: textbridge wiring --number ${list} --expect ${command.expect} --repair\n`);
      }
    }
  }
  // With the numbers named, a wrong wiring is a failure a script (or a monitor) can act on.
  return command.expect !== undefined && numbers !== undefined && wirings.some((wiring) => wiring.status !== 'points-here') ? 1 : 0;
}

export async function runTextbridgeCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await execute(parseTextbridgeArgs(argv, io.env), io);
  } catch (error) {
    const known = isTextbridgeError(error)
      ? error
      : new TextbridgeError('INVALID_RESPONSE', `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    io.stderr(`textbridge: ${known.message}\n  hint: ${known.hint}\n`);
    return isInputError(known) ? 2 : 1;
  }
}
