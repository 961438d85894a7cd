// How webhook parameter values of any shape become the strings Plivo signs and the parsers read.
// One rule for body parsing, signature checks and event parsing, so the three can never disagree.

/** Parameters as Plivo sends them: one string per field, or several when a key repeats. */
export type PlivoParams = Record<string, string | string[]>;

/**
 * One value as Plivo would have written it on the wire: strings as they are, numbers and booleans in their
 * usual text form, null/undefined as an empty value, anything structured as compact JSON (Plivo never sends
 * nested values; JSON keeps such a value readable and deterministic).
 */
export function toParamString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Cyclic or hostile objects: still a string, never a throw.
    return Object.prototype.toString.call(value);
  }
}

/** A value for the signed parameter map: arrays keep their items (repeated keys), everything else is one string. */
export function toParamValue(value: unknown): string | string[] {
  return Array.isArray(value) ? value.map(toParamString) : toParamString(value);
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/** Normalises host-supplied params (parsed JSON, a query object, form data) into Plivo's string shape. */
export function toPlivoParams(params: unknown): PlivoParams {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return {};
  // Already in shape (what parseWebhookBody returns): used as it is, never modified.
  if (Object.values(params).every(isStringOrStrings)) return params as PlivoParams;
  const entries: [string, string | string[]][] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    entries.push([key, toParamValue(value)]);
  }
  // fromEntries defines own properties, so a `__proto__` key stays an ordinary field.
  return Object.fromEntries(entries);
}
