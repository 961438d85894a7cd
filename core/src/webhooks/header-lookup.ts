// Case-insensitive header access that also sees through hosts' renamings, so hosts need no Plivo knowledge.
import { FORWARDED_HEADER_PREFIXES } from './signature-headers.js';

/** Headers as hosts hold them: a plain object (Node, n8n, Zapier) or a fetch `Headers`-like object. */
export type HeaderSource =
  | Record<string, string | readonly string[] | number | undefined | null>
  | { forEach(callback: (value: string, name: string) => void): void };

/** `HTTP_X_PLIVO_SIGNATURE_V3`, `Http-X-Plivo-Signature-V3` and `x-plivo-signature-v3` all become the last one. */
export function canonicalHeaderName(name: string): string {
  let canonical = name.trim().toLowerCase().replaceAll('_', '-');
  for (const prefix of FORWARDED_HEADER_PREFIXES) {
    if (canonical.startsWith(prefix)) canonical = canonical.slice(prefix.length);
  }
  return canonical;
}

function headerValueText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // Repeated headers: HTTP joins them with commas, which is also how several signatures are listed.
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join(',');
  return undefined;
}

const PLIVO_HEADER = /plivo/i;

/**
 * Plivo's headers, by lower-cased canonical name; the first non-empty value wins when several spellings are
 * present. Other headers are skipped unread.
 */
export function collectPlivoHeaders(headers: unknown): Map<string, string> {
  const collected = new Map<string, string>();
  const add = (name: unknown, value: unknown): void => {
    if (typeof name !== 'string' || !PLIVO_HEADER.test(name)) return;
    const text = headerValueText(value)?.trim();
    if (!text) return;
    const key = canonicalHeaderName(name);
    if (!collected.has(key)) collected.set(key, text);
  };
  if (headers === null || typeof headers !== 'object') return collected;
  const forEach = (headers as { forEach?: unknown }).forEach;
  if (typeof forEach === 'function' && !Array.isArray(headers)) {
    (forEach as (callback: (value: unknown, name: unknown) => void) => void).call(headers, (value, name) =>
      add(name, value),
    );
  } else if (!Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return collected;
}

/**
 * A reader for Plivo's headers. Plain objects are first read by the usual spellings (as sent, and lower-cased
 * as Node delivers them), which answers nearly every request without walking all headers; other spellings
 * (Zapier's `Http-…`, CGI's `HTTP_…`) and `Headers` objects are found by one full pass, done only if needed.
 */
export function plivoHeaderReader(headers: unknown): (name: string) => string | undefined {
  let collected: Map<string, string> | undefined;
  const plain =
    headers !== null &&
    typeof headers === 'object' &&
    !Array.isArray(headers) &&
    typeof (headers as { forEach?: unknown }).forEach !== 'function'
      ? (headers as Record<string, unknown>)
      : undefined;
  return (name) => {
    if (plain !== undefined) {
      const direct = (headerValueText(plain[name]) ?? headerValueText(plain[name.toLowerCase()]))?.trim();
      if (direct) return direct;
    }
    collected ??= collectPlivoHeaders(headers);
    return collected.get(name.toLowerCase());
  };
}
