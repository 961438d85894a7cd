// Hosts take several recipients or media URLs in one field: an n8n expression's list, a Zapier line list, or one
// mapped text such as "+1 415 555 0100, +44 7700 900123". Both hosts and the CLI split them here, the same way.

/** Phone numbers never contain these, so a list written in one text can be split on them. */
export const RECIPIENT_SEPARATORS = /[,;\n]+/;
/**
 * URLs may contain commas and semicolons but never whitespace: split on whitespace, and on a comma or semicolon
 * only where it ends a URL (before whitespace, the end, or the next http(s)://).
 */
export const URL_SEPARATORS = /\s+|[,;]+(?=\s|$|https?:\/\/)/i;

function splitEach(value: unknown, separators: RegExp): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items
    .flatMap((item) => (item === undefined || item === null ? [] : String(item).split(separators)))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Recipients from a list, or text separated by commas, semicolons or lines; empty entries dropped, order kept. */
export function splitRecipients(value: unknown): string[] {
  return splitEach(value, RECIPIENT_SEPARATORS);
}

/** Media URLs from a list, or text separated by whitespace, lines or commas between URLs. */
export function splitUrls(value: unknown): string[] {
  return splitEach(value, URL_SEPARATORS);
}
