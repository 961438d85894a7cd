// Low-level HTTP helpers of the sandbox server: request bodies (JSON or form) to parameter maps, Basic auth, replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { TextbridgeError } from '../errors/index.js';

export type Params = Record<string, unknown>;

/** What a route handler answers; `body` undefined means no content (e.g. 204). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text instead of JSON (page assets). */
  text?: string;
  contentType?: string;
}

/** Plivo-sized request bodies (a 1,000-recipient send is well under this). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * A Media upload may carry Plivo's largest: 10 files of 2 MB each, plus the multipart framing. Only that route gets
 * this limit; every other keeps MAX_BODY_BYTES.
 */
export const MAX_MEDIA_UPLOAD_BYTES = 21 * 1024 * 1024;

/** A 4xx/5xx answer in Plivo's shape, raised inside handlers and turned into a reply by the server. */
export function plivoRequestError(status: number, plivoText: string, field?: string): TextbridgeError {
  const code = status === 404 ? 'NOT_FOUND' : status === 401 ? 'AUTHENTICATION_FAILED' : 'INVALID_REQUEST';
  return new TextbridgeError(code, `Sandbox rejected the request (${status}): ${plivoText}`, {
    status,
    plivoError: plivoText,
    ...(field === undefined ? {} : { field }),
  });
}

export interface RequestBody {
  text: string;
  /** The body as received (multipart uploads carry binary files). */
  bytes: Buffer;
  /** The body was over the limit: its bytes were read and dropped, and the answer is a 413. */
  tooLarge: boolean;
}

/**
 * Reads the whole body, keeping at most `limit` bytes. A larger body is still read to its end (and dropped), so
 * the 413 that follows reaches the client instead of a connection reset from unread data.
 */
export function readBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const bytes = tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks);
      resolve({ text: bytes.toString('utf8'), bytes, tooLarge });
    });
    req.on('error', reject);
  });
}

/** The 413 a body over the limit gets, in Plivo's words. */
export const BODY_TOO_LARGE = { status: 413, text: 'request body too large' } as const;

/**
 * The request target as a URL. Only the path and query count (an absolute-form target's host is ignored); repeated
 * slashes merge into one, as Plivo's front end does (the official SDK asks for `/v1/Account/{id}//`). Undefined
 * when the target cannot be read.
 */
export function requestUrl(target: string | undefined): URL | undefined {
  let path = target ?? '/';
  if (!path.startsWith('/')) {
    try {
      const absolute = new URL(path);
      path = `${absolute.pathname}${absolute.search}`;
    } catch {
      return undefined;
    }
  }
  const queryAt = path.search(/[?#]/);
  const pathname = (queryAt < 0 ? path : path.slice(0, queryAt)).replace(/\/{2,}/g, '/');
  const rest = queryAt < 0 ? '' : path.slice(queryAt);
  try {
    return new URL(`${pathname}${rest}`, 'http://sandbox.invalid');
  } catch {
    return undefined;
  }
}

/** Percent-decodes path segments; undefined when one is malformed (e.g. `%ZZ`), which is the client's error. */
export function decodePathParams(captures: readonly string[]): string[] | undefined {
  try {
    return captures.map((capture) => decodeURIComponent(capture));
  } catch {
    return undefined;
  }
}

/** Repeated keys (`media_urls=a&media_urls=b`, or `media_urls[]=…`) become arrays. */
export function searchParamsToParams(search: URLSearchParams): Params {
  // No prototype: a key such as `__proto__` or `toString` is just a parameter.
  const params: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [rawKey, value] of search) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const existing = Object.hasOwn(params, key) ? params[key] : undefined;
    if (existing === undefined) params[key] = rawKey.endsWith('[]') ? [value] : value;
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

/** A file of a multipart upload (the Media API); the sandbox keeps what Plivo reports about it, not its bytes. */
export interface UploadedFile {
  kind: 'file';
  fileName: string;
  contentType: string;
  size: number;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'file';
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads a `multipart/form-data` body: text fields as parameters, files as UploadedFile (repeated names: lists). */
export async function parseMultipartParams(contentType: string | undefined, bytes: Buffer): Promise<Params> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { 'Content-Type': contentType ?? '' } }).formData();
  } catch {
    throw plivoRequestError(400, 'malformed multipart/form-data body');
  }
  const params: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  form.forEach((entry, key) => {
    const value: unknown =
      typeof entry === 'string'
        ? entry
        : ({ kind: 'file', fileName: entry.name, contentType: entry.type || 'application/octet-stream', size: entry.size } satisfies UploadedFile);
    const existing = Object.hasOwn(params, key) ? params[key] : undefined;
    params[key] = existing === undefined ? value : Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
  });
  return params;
}

export function isMultipart(contentType: string | undefined): boolean {
  return mediaType(contentType) === 'multipart/form-data';
}

/** Parses a JSON or form-encoded body; an empty body is no parameters whatever the content type says. */
export function parseBodyParams(contentType: string | undefined, body: string): Params {
  if (body.trim() === '') return {};
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') return searchParamsToParams(new URLSearchParams(body));
  if (type === 'application/json' || type === '' || type.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw plivoRequestError(400, 'invalid json data in the request body');
    }
    // Plivo's Node SDK sends `""` as the JSON body of its GETs: an empty JSON value means no parameters.
    if (parsed === null || parsed === '') return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw plivoRequestError(400, 'the request body must be a json object');
    }
    return parsed as Params;
  }
  throw plivoRequestError(415, `unsupported content type ${type}: send application/json, a form or multipart/form-data`);
}

export interface BasicCredentials {
  user: string;
  password: string;
}

export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Constant-time string comparison, so the token cannot be guessed from response timings. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.text !== undefined) {
    headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
    const payload = Buffer.from(reply.text, 'utf8');
    headers['Content-Length'] = payload.length;
    res.writeHead(reply.status, headers).end(payload);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
  headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = payload.length;
  res.writeHead(reply.status, headers).end(payload);
}

/** The client's IP as Plivo reports it in `requester_ip`. */
export function requesterIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
