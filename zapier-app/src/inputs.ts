// Reading Zapier's input values, which arrive as typed values or as text depending on how a Zap maps them.

/** Text, trimmed; undefined when empty or missing. */
export function optionalText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** A boolean field: true/false, or the texts Zapier uses for them; `fallback` when empty. */
export function flag(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  const text = optionalText(value)?.toLowerCase();
  if (text === undefined) return fallback;
  if (['true', 'yes', '1', 'on'].includes(text)) return true;
  if (['false', 'no', '0', 'off'].includes(text)) return false;
  return fallback;
}

/** An integer field; a value that is not a whole number is passed on unchanged so core names the field in its error. */
export function optionalInteger(value: unknown): number | undefined {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : (text as unknown as number);
}
