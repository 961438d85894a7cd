// The `textbridge` command line: argv -> one command with checked options. Mistakes are TextbridgeError
// INVALID_INPUT naming the option; the sandbox command keeps the sandbox CLI's own flags (sandbox/cli.ts).
import { parseArgs } from 'node:util';
import { TextbridgeError } from '../errors/index.js';
import { parseCliArgs as parseSandboxArgs, type CliCommand as SandboxCommand } from '../sandbox/cli.js';
import { USAGE_HINT } from './usage.js';

export type TextbridgeCommand =
  | { kind: 'help' }
  | { kind: 'analyze'; text: string; smart: boolean; json: boolean }
  | { kind: 'send'; from: string; to: string; text: string; smart: boolean; country: string | undefined; json: boolean }
  | { kind: 'lookup'; number: string; country: string | undefined; json: boolean }
  | { kind: 'wiring'; numbers: string | undefined; expect: string | undefined; repair: boolean; json: boolean }
  | { kind: 'sandbox'; command: SandboxCommand };

const COMMANDS = ['analyze', 'send', 'lookup', 'wiring', 'sandbox'] as const;

function usageError(message: string, field?: string): TextbridgeError {
  return new TextbridgeError('INVALID_INPUT', message, { hint: USAGE_HINT, ...(field === undefined ? {} : { field }) });
}

const FLAGS = {
  smart: { type: 'boolean' },
  json: { type: 'boolean' },
  country: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  text: { type: 'string' },
  number: { type: 'string' },
  expect: { type: 'string' },
  repair: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof FLAGS;

/** The command's flags and positionals; flags it does not take are refused by name. */
function readFlags(command: string, argv: string[], allowed: readonly Flag[]) {
  const options = Object.fromEntries(allowed.map((flag) => [flag, FLAGS[flag]]));
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw usageError(`${command}: ${text.replace(/\. To specify a positional argument.*$/s, '.')}`);
  }
}

function requiredOption(command: string, values: Record<string, unknown>, flag: Flag, example: string): string {
  const value = values[flag];
  if (typeof value !== 'string' || value.trim() === '') {
    throw usageError(`${command}: --${flag} is required, e.g. --${flag} ${example}.`, flag);
  }
  return value;
}

function onePositional(command: string, positionals: string[], what: string, example: string): string {
  if (positionals.length !== 1 || positionals[0] === undefined || positionals[0] === '') {
    throw usageError(
      `${command} takes exactly one ${what}${positionals.length > 1 ? ` (got ${positionals.length}; quote a text with spaces)` : ''}, e.g. textbridge ${command} ${example}.`,
      what,
    );
  }
  return positionals[0];
}

/** `env` supplies what a command reads from the environment besides credentials (the sandbox's data folder). */
export function parseTextbridgeArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): TextbridgeCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw usageError(`unknown command "${command}"; the commands are ${COMMANDS.join(', ')}.`, 'command');
  }
  if (command === 'sandbox') return { kind: 'sandbox', command: parseSandboxArgs(rest, env) };

  if (command === 'analyze') {
    const { values, positionals } = readFlags(command, rest, ['smart', 'json', 'help']);
    if (values.help) return { kind: 'help' };
    const text = onePositional(command, positionals, 'text', '"Hello there"');
    return { kind: 'analyze', text, smart: values.smart === true, json: values.json === true };
  }
  if (command === 'send') {
    const { values, positionals } = readFlags(command, rest, ['from', 'to', 'text', 'smart', 'country', 'json', 'help']);
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw usageError(`send takes no positional arguments (got "${positionals[0]}"); use --text "…".`);
    return {
      kind: 'send',
      from: requiredOption(command, values, 'from', '+14155552671'),
      to: requiredOption(command, values, 'to', '+12125550101'),
      text: requiredOption(command, values, 'text', '"Hello"'),
      smart: values.smart === true,
      country: typeof values.country === 'string' ? values.country : undefined,
      json: values.json === true,
    };
  }
  if (command === 'wiring') {
    const { values, positionals } = readFlags(command, rest, ['number', 'expect', 'repair', 'json', 'help']);
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw usageError(`wiring takes no positional arguments (got "${positionals[0]}"); name numbers with --number.`);
    const numbers = typeof values.number === 'string' ? values.number : undefined;
    const expect = typeof values.expect === 'string' ? values.expect : undefined;
    if (values.repair === true) {
      // Re-pointing every number of the account at one workflow would take numbers from other workflows.
      if (expect === undefined) throw usageError('wiring --repair needs --expect <webhook URL>: the URL the numbers must send their SMS to.', 'expect');
      if (numbers === undefined) {
        throw usageError('wiring --repair needs --number <numbers>: the numbers that belong to that webhook, e.g. --number +14155552671.', 'number');
      }
    }
    return { kind: 'wiring', numbers, expect, repair: values.repair === true, json: values.json === true };
  }
  const { values, positionals } = readFlags(command, rest, ['country', 'json', 'help']);
  if (values.help) return { kind: 'help' };
  return {
    kind: 'lookup',
    number: onePositional(command, positionals, 'number', '+14155552671'),
    country: typeof values.country === 'string' ? values.country : undefined,
    json: values.json === true,
  };
}
