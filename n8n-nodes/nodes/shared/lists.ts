/** A field holding several values: a list from an expression, or text separated by commas, semicolons or lines. */
export function splitList(value: unknown): string[] {
  const entries = Array.isArray(value) ? value.map((entry) => String(entry)) : String(value ?? '').split(/[\n,;]+/);
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}
