// The strings Plivo's webhook signatures are computed over (V2 and V3).
//
// The reference is Plivo's Node SDK (plivo@4.79 `validateV3Signature` / `validateSignature`), which the project's
// signature vectors were checked with: URL, nonce and token are UTF-8-encoded once more before hashing (so raw
// non-ASCII in a URL is hashed double-encoded), the URL's query is percent-decoded, params are hashed as UTF-8.
// Two readings of the URL differ only in how it is split into origin, path and query:
// - `sdk`: the Node SDK's own splitter (a "loose" parseUri). It takes the first `@` anywhere after the scheme as
//   the end of a user-info part, so `https://host/hook?email=a@b.com` becomes host `b.com`, and it drops a
//   `__proto__` query key. Our signer uses this reading, so every request the sandbox signs passes the SDK.
// - `rfc3986`: the standard split (as Plivo's Python SDK and any URL parser do). Verification accepts it too, so
//   a URL with an `@` in its path or query still verifies when Plivo signed it correctly.
// For ordinary URLs both readings give the same string, and only one HMAC is computed.
import type { KeyObject } from 'node:crypto';
import { hmacSha256Key } from './hmac-sha256.js';
import type { PlivoParams } from './param-values.js';
import { parseQueryValues } from './query-string.js';

export type UrlReading = 'sdk' | 'rfc3986';

/** Verification accepts both readings of a URL; signing uses the Node SDK's. */
export const VERIFY_READINGS: readonly UrlReading[] = ['sdk', 'rfc3986'];
export const SIGN_READINGS: readonly UrlReading[] = ['sdk'];

interface UrlParts {
  /** scheme://host[:port][/path], the part both signature versions start with. */
  readonly base: string;
  /** The raw query (without `?`), still percent-encoded. */
  readonly query: string;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The Node SDK passes URL, nonce and token through `utf8.encode`: each UTF-8 byte becomes one character. */
function asUtf8ByteString(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
}

/** Index of the first character of `chars` in `text` at or after `from`, or text.length. */
function indexOfAny(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return text.length;
}

/** Joins scheme, authority and path the way the SDK's URL builder does (it trims the path and adds a leading /). */
function joinBase(scheme: string, host: string, port: string, path: string): string {
  let base = `${scheme === '' ? 'http' : scheme}://${host}${port === '' ? '' : `:${port}`}`;
  if (base.endsWith('/')) base = base.slice(0, -1);
  if (path !== '') {
    const trimmed = path.trim();
    base += trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  }
  return base;
}

/** The Node SDK's URL split (a loose parseUri), re-derived from how it behaves (property-tested against the SDK). */
function splitLikeNodeSdk(url: string): UrlParts {
  let pos = 0;
  let scheme = '';
  const schemeEnd = url.indexOf(':');
  // A scheme is a run without `:/?#.` before the first colon, unless the start looks like `user:password@`.
  if (schemeEnd > 0 && !/[/?#.]/.test(url.slice(0, schemeEnd)) && !/^[^:@]+:[^:@/]*@/.test(url)) {
    scheme = url.slice(0, schemeEnd);
    pos = schemeEnd + 1;
  }
  if (url.startsWith('//', pos)) pos += 2;
  // User info: text up to the first `@` (at most one `:` before it), wherever that `@` is.
  const first = indexOfAny(url, ':@', pos);
  if (url[first] === '@') pos = first + 1;
  else if (url[first] === ':') {
    const second = indexOfAny(url, ':@', first + 1);
    if (url[second] === '@') pos = second + 1;
  }
  const hostEnd = indexOfAny(url, ':/?#', pos);
  const host = url.slice(pos, hostEnd);
  pos = hostEnd;
  let port = '';
  if (url[pos] === ':') {
    let end = pos + 1;
    while (end < url.length && url[end]! >= '0' && url[end]! <= '9') end++;
    port = url.slice(pos + 1, end);
    pos = end;
  }
  const pathEnd = indexOfAny(url, url[pos] === '/' ? '?#' : '?#/', pos);
  const path = url.slice(pos, pathEnd);
  pos = pathEnd;
  const query = url[pos] === '?' ? url.slice(pos + 1, indexOfAny(url, '#', pos)) : '';
  return { base: joinBase(scheme, host, port, path), query };
}

/** RFC 3986 appendix B split; user info dropped, port kept as written, path as written. */
function splitRfc3986(url: string): UrlParts {
  const match = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?/.exec(url);
  const authority = (match?.[2] ?? '').replace(/^.*@/, '');
  const portMatch = /:(\d*)$/.exec(authority);
  const host = portMatch ? authority.slice(0, portMatch.index) : authority;
  const base = `${match?.[1] ?? 'http'}://${host}${portMatch?.[1] ? `:${portMatch[1]}` : ''}${match?.[3] ?? ''}`;
  return { base, query: match?.[4] ?? '' };
}

/** The HMAC key: the Auth Token's bytes, as the SDK's `utf8.encode` leaves them. */
export function signingKey(authToken: string): KeyObject {
  return hmacSha256Key(Buffer.from(asUtf8ByteString(authToken), 'utf8'));
}

/**
 * The URL's query as Plivo reads it (`+` is a space, %XX decoded), key -> values.
 * The Node SDK copies the parsed query into a plain object, where a `__proto__` key vanishes: the `sdk`
 * reading drops it the same way.
 */
function queryValuesOf(query: string, reading: UrlReading): Map<string, string[]> {
  const values = parseQueryValues(query);
  if (reading === 'sdk') values.delete('__proto__');
  return values;
}

/** A copy of `values` with the params' values appended (GET signs the URL's query and the params together). */
function addParams(values: ReadonlyMap<string, readonly string[]>, params: PlivoParams): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const [key, list] of values) merged.set(key, [...list]);
  for (const key of Object.keys(params)) {
    const value = params[key]!;
    const list = merged.get(key) ?? [];
    if (typeof value === 'string') list.push(value);
    else list.push(...value);
    merged.set(key, list);
  }
  return merged;
}

/** `k=v&k=v…` sorted by key, then by value (code-unit order, as the SDK's Array#sort). */
function sortedQuery(values: ReadonlyMap<string, readonly string[]>): string {
  const pairs: string[] = [];
  for (const key of [...values.keys()].sort()) {
    for (const value of [...values.get(key)!].sort()) pairs.push(`${key}=${value}`);
  }
  return pairs.join('&');
}

/** `k1v1k2v2…` sorted by key, then by value: how V3 folds POST body params into the signed string. */
function concatenatedParams(params: PlivoParams): string {
  let out = '';
  for (const key of Object.keys(params).sort()) {
    const value = params[key]!;
    if (typeof value === 'string') out += key + value;
    else for (const item of [...value].sort()) out += key + item;
  }
  return out;
}

interface UrlReadingParts {
  readonly base: string;
  /** The URL's query as Plivo reads it, key -> values. */
  readonly queryValues: ReadonlyMap<string, readonly string[]>;
  /** `queryValues` as the sorted `k=v&…` text (what POST signs). */
  readonly sortedQuery: string;
}

/** A host checks every webhook against the same few URLs: their readings are kept (bounded), per reading set. */
const urlCaches = new Map<readonly UrlReading[], Map<string, UrlReadingParts[]>>();
const URL_CACHE_LIMIT = 64;

/**
 * The URL's distinct readings. Both readings give the same parts unless the URL splits differently, or its
 * query has a `__proto__` key (only the `sdk` reading drops it).
 */
function readUrl(url: string, readings: readonly UrlReading[]): UrlReadingParts[] {
  let cache = urlCaches.get(readings);
  if (cache === undefined) urlCaches.set(readings, (cache = new Map()));
  const cached = cache.get(url);
  if (cached !== undefined) return cached;
  const bytes = asUtf8ByteString(url);
  const parts: UrlReadingParts[] = [];
  for (const reading of readings) {
    const { base, query } = reading === 'sdk' ? splitLikeNodeSdk(bytes) : splitRfc3986(bytes);
    const queryValues = queryValuesOf(query, reading);
    const sorted = sortedQuery(queryValues);
    if (!parts.some((other) => other.base === base && other.sortedQuery === sorted)) {
      parts.push({ base, queryValues, sortedQuery: sorted });
    }
  }
  if (cache.size >= URL_CACHE_LIMIT) cache.clear();
  cache.set(url, parts);
  return parts;
}

/** V2 signs the URL without its query, followed directly by the nonce. One string per distinct reading. */
export function v2SigningTexts(url: string, nonce: string, readings: readonly UrlReading[]): string[] {
  const nonceText = asUtf8ByteString(nonce);
  const texts = readUrl(url, readings).map(({ base }) => base + nonceText);
  return texts.length === 1 ? texts : [...new Set(texts)];
}

/**
 * V3 signs `base?sortedQuery` for GET (the URL's query merged with the params), and for POST
 * `base?sortedUrlQuery.` followed by the body params as `keyvalue` pairs; then `.nonce`.
 * One string per distinct reading.
 */
export function v3SigningTexts(
  method: 'GET' | 'POST',
  url: string,
  params: PlivoParams,
  nonce: string,
  readings: readonly UrlReading[],
): string[] {
  const suffix = `.${asUtf8ByteString(nonce)}`;
  const hasParams = Object.keys(params).length > 0;
  // The params part does not depend on how the URL is read: built once.
  const paramsText = method === 'POST' && hasParams ? concatenatedParams(params) : '';
  const texts = readUrl(url, readings).map(({ base, queryValues, sortedQuery: sorted }) => {
    if (method === 'GET') {
      const merged = hasParams ? sortedQuery(addParams(queryValues, params)) : sorted;
      return (merged === '' ? base : `${base}?${merged}`) + suffix;
    }
    if (hasParams) return `${base}?${sorted}${sorted === '' ? '' : '.'}${paramsText}${suffix}`;
    return (sorted === '' ? base : `${base}?${sorted}`) + suffix;
  });
  return texts.length === 1 ? texts : [...new Set(texts)];
}
