// Runs a zod input schema and turns its first problem into a TextbridgeError that names the field and says what
// was wrong in plain words.
import type { z } from 'zod/v4';
import { TextbridgeError } from '../errors/index.js';
import type { TextbridgeErrorCode } from '../errors/codes.js';

/** `['mediaUrls', 2]` -> `mediaUrls[2]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return out ? `${out}.${name}` : name;
  }, '');
}

/** "a number", "a list", "nothing" — never the value itself, which might be a secret. */
export function describeKind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  const kind = typeof value;
  return kind === 'object' ? 'an object' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

export function describeIssue(issue: z.core.$ZodIssue, received: unknown): string {
  // Schemas give their own wording in lower case ("must be an http(s) URL"); zod's defaults start upper case.
  if (/^[a-z]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (received === undefined) return 'is required';
      return `must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}, but got ${describeKind(received)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `must have at most ${String(issue.maximum)} characters`;
      return `must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `has unknown field(s) ${issue.keys.join(', ')}`;
    default:
      return received === undefined ? 'is required' : 'is not valid';
  }
}

/** Per top-level field: a more specific code than INVALID_INPUT, and/or a hint of its own. */
export type FieldErrorOverrides = Readonly<Record<string, { code?: TextbridgeErrorCode; hint?: string }>>;

/**
 * Parses `value` or throws `INVALID_INPUT` (or the override for the top-level field), with a message like
 * "Send message: messageExpiry must be at most 10799 seconds."
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  operation: string,
  overrides: FieldErrorOverrides = {},
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = fieldPath(issue.path);
  const root = typeof issue.path[0] === 'string' ? issue.path[0] : '';
  const subject = field || 'the parameters';
  const message = `${operation}: ${subject} ${describeIssue(issue, valueAt(value, issue.path))}.`;
  const override = overrides[root] ?? {};
  return invalid(override.code ?? 'INVALID_INPUT', message, field || undefined, override.hint);
}

export function invalid(code: TextbridgeErrorCode, message: string, field?: string, hint?: string): never {
  throw new TextbridgeError(code, message, {
    ...(field === undefined ? {} : { field }),
    ...(hint === undefined ? {} : { hint }),
  });
}

/**
 * Runs input preparation for `operation`; errors from shared checks (phone.ts) gain the operation as a prefix, so
 * every message says which call rejected the input.
 */
export function prepareInput<T>(operation: string, prepare: () => T): T {
  try {
    return prepare();
  } catch (error) {
    if (!(error instanceof TextbridgeError) || error.message.startsWith(`${operation}: `)) throw error;
    throw new TextbridgeError(error.code, `${operation}: ${error.message}`, {
      hint: error.hint,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error.details === undefined ? {} : { details: error.details }),
      cause: error,
    });
  }
}
