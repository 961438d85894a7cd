// The `textbridge-sandbox` command line: flags -> SandboxOptions, and the banner it prints.
import { parseArgs } from 'node:util';
import { TextbridgeError } from '../errors/index.js';
import type { Sandbox } from './server.js';
import type { SandboxOptions } from './options.js';

export const CLI_USAGE = `Usage: textbridge-sandbox [options]

A Plivo-compatible SMS API on your machine, with a virtual phones page.

Options:
  --port <n>             Port to listen on (default 4010; 0 picks a free one)
  --host <address>       Address to listen on (default 127.0.0.1)
  --latency <ms>         Delay added to every API answer (default 0)
  --delivery-delay <ms>  Time per lifecycle step queued -> sent -> delivered (default 500)
  --no-rate-limit        Turn off Plivo's 300 requests / 5 s limit (and the List Messages limit)
  --fault-500 <p>        Probability of a 500 after a request was processed (0..1)
  --fault-503 <p>        Probability of a 503 before a request is processed (0..1)
  --fault-reset <p>      Probability of a connection reset after a request was processed (0..1)
  --seed <n>             Seed of the fault generator (default 1)
  --number <e164>        A number of the account (repeat for several; replaces the demo numbers)
  --auth-id <id>         Auth ID to accept (default: the demo MA… ID)
  --auth-token <token>   Auth Token to accept (default: the demo token)
  --data-dir <folder>    Keep numbers' wiring, applications, messages and opt-outs in this folder, so a restart
                         loses nothing (default: $TEXTBRIDGE_SANDBOX_DATA_DIR; without either, nothing is kept)
  -h, --help             Show this help
`;

/** Environment variable naming the data folder when --data-dir is not given. */
export const DATA_DIR_VARIABLE = 'TEXTBRIDGE_SANDBOX_DATA_DIR';

export type CliCommand = { kind: 'help' } | { kind: 'start'; options: SandboxOptions };

function number(flag: string, raw: string | undefined, { min, max, integer }: { min: number; max: number; integer: boolean }): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new TextbridgeError('INVALID_INPUT', `--${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got "${raw}".`, {
      field: flag,
      hint: 'Run textbridge-sandbox --help for the list of options.',
    });
  }
  return value;
}

/** Reads the command line (and TEXTBRIDGE_SANDBOX_DATA_DIR); throws TextbridgeError INVALID_INPUT naming the flag. */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        latency: { type: 'string' },
        'delivery-delay': { type: 'string' },
        'no-rate-limit': { type: 'boolean' },
        'fault-500': { type: 'string' },
        'fault-503': { type: 'string' },
        'fault-reset': { type: 'string' },
        seed: { type: 'string' },
        number: { type: 'string', multiple: true },
        'auth-id': { type: 'string' },
        'auth-token': { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new TextbridgeError('INVALID_INPUT', error instanceof Error ? error.message : String(error), {
      hint: 'Run textbridge-sandbox --help for the list of options.',
    });
  }
  if (values.help) return { kind: 'help' };
  const options: SandboxOptions = { port: number('port', values.port, { min: 0, max: 65535, integer: true }) ?? 4010 };
  const probability = { min: 0, max: 1, integer: false };
  const ms = { min: 0, max: 3_600_000, integer: true };
  if (values.host !== undefined) options.host = values.host;
  const latency = number('latency', values.latency, ms);
  if (latency !== undefined) options.latencyMs = latency;
  const deliveryDelay = number('delivery-delay', values['delivery-delay'], ms);
  if (deliveryDelay !== undefined) options.deliveryDelayMs = deliveryDelay;
  if (values['no-rate-limit']) options.rateLimit = false;
  const faults = {
    error500: number('fault-500', values['fault-500'], probability) ?? 0,
    error503: number('fault-503', values['fault-503'], probability) ?? 0,
    reset: number('fault-reset', values['fault-reset'], probability) ?? 0,
  };
  if (faults.error500 + faults.error503 + faults.reset > 0) options.faults = faults;
  const seed = number('seed', values.seed, { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true });
  if (seed !== undefined) options.seed = seed;
  if (values.number !== undefined) options.numbers = values.number;
  if (values['auth-id'] !== undefined) options.authId = values['auth-id'];
  if (values['auth-token'] !== undefined) options.authToken = values['auth-token'];
  const dataDir = values['data-dir'] ?? env[DATA_DIR_VARIABLE];
  if (dataDir !== undefined && dataDir.trim() === '' && values['data-dir'] !== undefined) {
    throw new TextbridgeError('INVALID_INPUT', '--data-dir needs a folder, e.g. --data-dir ./sandbox-data.', {
      field: 'data-dir',
      hint: 'Run textbridge-sandbox --help for the list of options.',
    });
  }
  if (dataDir !== undefined && dataDir.trim() !== '') options.dataDir = dataDir;
  return { kind: 'start', options };
}

/** Reports the data folder's write failures on `write` (stderr) as they happen; returns the unsubscribe. */
export function reportStorageErrors(sandbox: Sandbox, write: (text: string) => void): () => void {
  return sandbox.events.subscribe((event) => {
    if (event.type === 'storage') write(`textbridge-sandbox: ${event.summary}\n  hint: ${String(event.data.hint ?? '')}\n`);
  });
}

/** What the CLI prints once the sandbox listens. The token is the sandbox's own demo credential, never a real one. */
export function cliBanner(sandbox: Sandbox): string {
  return [
    `Textbridge Plivo sandbox listening on ${sandbox.url}`,
    '',
    `  Virtual phones   ${sandbox.url}/`,
    `  API base URL     ${sandbox.url}   (account: ${sandbox.accountUrl}/)`,
    `  Auth ID          ${sandbox.authId}`,
    `  Auth Token       ${sandbox.authToken}`,
    `  Numbers          ${sandbox.numbers.join(', ')}`,
    `  State            ${sandbox.stateFile ?? 'not kept (pass --data-dir to keep it between runs)'}`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}
