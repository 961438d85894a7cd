// The host side of a webhook: raw HTTP body (or query) -> Plivo's parameters, with the HTTP status to answer
// when the request cannot be a Plivo webhook. Hosts (n8n, Zapier) call this, then verifyPlivoSignature, then
// parseInboundMessage / parseDeliveryStatus.
import { TextbridgeError } from '../errors/index.js';
import { toPlivoParams } from './param-values.js';
import type { PlivoParams } from './param-values.js';

export interface ParseWebhookBodyInput {
  method: string;
  /** The Content-Type header, parameters included (`application/x-www-form-urlencoded; charset=utf-8`). */
  contentType?: string | null;
  /** The body exactly as received (n8n: `req.rawBody`; Zapier: `bundle.rawRequest.content`). */
  rawBody?: Buffer | Uint8Array | string | null;
  /** For GET: the query string (with or without `?`) or the host's parsed query object. */
  query?: string | URLSearchParams | Record<string, unknown> | null;
  /** Larger bodies are refused with 413. Default 1 MiB. */
  maxBytes?: number;
  /** Most parameters (form pairs, or JSON keys and array items in total). Default 1,000. */
  maxKeys?: number;
  /** Deepest JSON nesting accepted; Plivo's own payloads are flat. Default 20. */
  maxDepth?: number;
}

export type ParseWebhookBodyResult =
  | { ok: true; params: PlivoParams }
  | { ok: false; status: 400 | 413 | 415; error: TextbridgeError };

export const DEFAULT_WEBHOOK_MAX_BYTES = 1024 * 1024;
export const DEFAULT_WEBHOOK_MAX_KEYS = 1_000;
export const DEFAULT_WEBHOOK_MAX_DEPTH = 20;

type Refusal = Extract<ParseWebhookBodyResult, { ok: false }>;

function refuse(status: 400 | 413 | 415, field: string, message: string, hint?: string): Refusal {
  const options = hint === undefined ? { field } : { field, hint };
  return { ok: false, status, error: new TextbridgeError('INVALID_WEBHOOK', message, options) };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** One form component: `+` is a space, %XX must form valid UTF-8. Null when malformed. */
function decodeFormComponent(text: string): string | null {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return null;
  }
}

/** `a=1&b=2&a=3` -> `{ a: ['1', '3'], b: '2' }`; a key without `=` has an empty value. */
function parseForm(text: string, field: string, maxKeys: number): ParseWebhookBodyResult {
  const values = new Map<string, string[]>();
  let count = 0;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    if (++count > maxKeys) return refuse(413, field, `The webhook ${field} has more than ${maxKeys} parameters.`);
    const eq = pair.indexOf('=');
    const key = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeFormComponent(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === null || value === null) {
      const shown = pair.length > 60 ? `${pair.slice(0, 60)}…` : pair;
      return refuse(400, field, `The webhook ${field} has malformed percent-encoding in "${shown}".`);
    }
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  // fromEntries defines own properties, so a `__proto__` key stays an ordinary parameter.
  const params = Object.fromEntries([...values].map(([key, list]) => [key, list.length === 1 ? list[0]! : list]));
  return { ok: true, params };
}

/** Nesting depth of a JSON text, scanning only until it passes `limit` (so bombs are refused before parsing). */
function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}

/** Object keys plus array items, everywhere in the document; stops counting past `limit`. */
function jsonEntriesExceed(root: object, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const children = Array.isArray(node) ? node : Object.values(node);
    count += children.length;
    if (count > limit) return true;
    stack.push(...children.filter((child) => child !== null && typeof child === 'object'));
  }
  return false;
}

function parseJson(text: string, maxKeys: number, maxDepth: number): ParseWebhookBodyResult {
  if (jsonDepthExceeds(text, maxDepth))
    return refuse(413, 'body', `The JSON body is nested deeper than ${maxDepth} levels.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return refuse(
      400,
      'body',
      `The JSON body is not valid JSON (${cause instanceof Error ? cause.message : 'parse error'}).`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return refuse(400, 'body', `The JSON body must be an object of parameters, not ${kind}.`);
  }
  if (jsonEntriesExceed(value, maxKeys))
    return refuse(413, 'body', `The JSON body has more than ${maxKeys} keys and items.`);
  return { ok: true, params: toPlivoParams(value) };
}

const CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/** `form`, `json`, or a refusal naming what the media type or charset was. */
function bodyKind(contentType: string | null | undefined): 'form' | 'json' | Refusal {
  const hint = 'Plivo sends webhooks as application/x-www-form-urlencoded (POST) or in the query (GET).';
  if (typeof contentType !== 'string' || contentType.trim() === '') {
    return refuse(415, 'content-type', 'The webhook has a body but no Content-Type header.', hint);
  }
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice(8)
    .replace(/^"|"$/g, '');
  if (charset !== undefined && !CHARSETS.has(charset)) {
    return refuse(415, 'content-type', `The webhook body's charset ${charset} is not supported; only UTF-8 is.`, hint);
  }
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  if (mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType)) return 'json';
  return refuse(
    415,
    'content-type',
    `The webhook's Content-Type ${mediaType || contentType} is not form data or JSON.`,
    hint,
  );
}

function queryParams(query: ParseWebhookBodyInput['query'], maxKeys: number): ParseWebhookBodyResult {
  if (query === undefined || query === null) return { ok: true, params: {} };
  if (typeof query === 'string') return parseForm(query.replace(/^\?/, ''), 'query', maxKeys);
  if (query instanceof URLSearchParams) return parseForm(query.toString(), 'query', maxKeys);
  if (typeof query !== 'object' || Array.isArray(query)) {
    return refuse(
      400,
      'query',
      `query must be a query string or an object, not ${Array.isArray(query) ? 'an array' : typeof query}.`,
    );
  }
  if (Object.keys(query).length > maxKeys)
    return refuse(413, 'query', `The webhook query has more than ${maxKeys} parameters.`);
  return { ok: true, params: toPlivoParams(query) };
}

function bodyBytesOrText(rawBody: unknown): Uint8Array | string | Refusal {
  if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return rawBody;
  return refuse(
    400,
    'rawBody',
    `rawBody must be the body as received (a Buffer or string), not ${Array.isArray(rawBody) ? 'an array' : typeof rawBody}.`,
    'Pass the unparsed body (n8n: req.rawBody; Zapier: bundle.rawRequest.content), so the parameters match what Plivo signed.',
  );
}

function parseBody(input: ParseWebhookBodyInput): ParseWebhookBodyResult {
  const maxBytes = input.maxBytes ?? DEFAULT_WEBHOOK_MAX_BYTES;
  const maxKeys = input.maxKeys ?? DEFAULT_WEBHOOK_MAX_KEYS;
  const maxDepth = input.maxDepth ?? DEFAULT_WEBHOOK_MAX_DEPTH;
  const method = typeof input.method === 'string' ? input.method.toUpperCase() : '';
  if (method === 'GET' || method === 'HEAD') return queryParams(input.query, maxKeys);

  if (input.rawBody === undefined || input.rawBody === null) return { ok: true, params: {} };
  const body = bodyBytesOrText(input.rawBody);
  if (typeof body === 'object' && !(body instanceof Uint8Array)) return body;
  // A string has at least as many UTF-8 bytes as UTF-16 units: long strings are refused without encoding them.
  const size =
    typeof body === 'string' ? (body.length > maxBytes ? body.length : Buffer.byteLength(body)) : body.byteLength;
  if (size > maxBytes) return refuse(413, 'body', `The webhook body is larger than ${maxBytes} bytes.`);
  if (size === 0) return { ok: true, params: {} };

  const kind = bodyKind(input.contentType);
  if (typeof kind === 'object') return kind;
  let text: string;
  // TextDecoder drops a byte-order mark from bytes; strings get the same treatment.
  if (typeof body === 'string') text = body.startsWith('\ufeff') ? body.slice(1) : body;
  else {
    try {
      text = strictUtf8.decode(body);
    } catch {
      return refuse(400, 'body', 'The webhook body is not valid UTF-8.');
    }
  }
  if (text.trim() === '') return { ok: true, params: {} };
  return kind === 'form' ? parseForm(text.trim(), 'body', maxKeys) : parseJson(text, maxKeys, maxDepth);
}

/**
 * Reads a webhook request into Plivo's parameters: form bodies (repeated keys become arrays), JSON objects
 * (values turned into the strings Plivo signs), or the query for GET. Never throws: refusals carry the status
 * to answer (400 malformed, 413 too large, 415 wrong content type) and an INVALID_WEBHOOK error.
 */
export function parseWebhookBody(input: ParseWebhookBodyInput): ParseWebhookBodyResult {
  try {
    if (input === null || typeof input !== 'object') {
      return refuse(400, 'input', 'parseWebhookBody needs an object with method, contentType, rawBody and query.');
    }
    return parseBody(input);
  } catch (cause) {
    const error = new TextbridgeError('INVALID_WEBHOOK', 'The webhook request could not be read.', {
      field: 'body',
      cause,
    });
    return { ok: false, status: 400, error };
  }
}
