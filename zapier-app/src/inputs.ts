// Reading Zapier's input values, which arrive as typed values or as text depending on how a Zap maps them.

/** Text, trimmed; undefined when empty or missing. */
export function optionalText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** Phone numbers never contain these, so a mapped "a, b; c" list can be split on them. */
export const PHONE_LIST_SEPARATORS = /[,;\n]/;
/** URLs may contain commas and semicolons but never whitespace. */
export const URL_LIST_SEPARATORS = /\s+/;

/** A `list: true` field: an array, or one mapped text holding several values. */
export function textList(value: unknown, separators: RegExp): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items
    .flatMap((item) => String(item).split(separators))
    .map((item) => item.trim())
    .filter((item) => item !== '');
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
