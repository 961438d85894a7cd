// The HTTP seam between core and the outside world. Core never imports a host: n8n, Zapier or the undici default
// each supply a `Transport`, and `classifyTransportError` turns their failures into one TextbridgeError shape that
// says whether the request can have reached Plivo (the fact the retry rules depend on).
import { TextbridgeError } from '../errors/index.js';

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL, including the query string. */
  url: string;
  headers: Record<string, string>;
  /** JSON text, or bytes (a multipart media upload). */
  body?: string | Uint8Array;
  /** Give up after this long (the transport decides whether the request was sent by then). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** Resolves with any HTTP answer (4xx/5xx included); rejects only when no answer came. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** `false` only when the request provably never reached the server; `'unknown'` when it may have. */
export type RequestSent = boolean | 'unknown';

interface TransportFailureKind {
  code: 'NETWORK' | 'TIMEOUT';
  requestSent: RequestSent;
  what: string;
}

// Data: error codes of Node's net/dns/tls layers, undici, and common HTTP libraries (axios, got, request),
// with what each proves about the request having been sent.
export const TRANSPORT_FAILURE_CODES: Readonly<Record<string, TransportFailureKind>> = {
  ECONNREFUSED: { code: 'NETWORK', requestSent: false, what: 'the server refused the connection' },
  ENOTFOUND: { code: 'NETWORK', requestSent: false, what: 'the host name could not be resolved' },
  EAI_AGAIN: { code: 'NETWORK', requestSent: false, what: 'the host name could not be resolved (DNS failure)' },
  EAI_FAIL: { code: 'NETWORK', requestSent: false, what: 'the host name could not be resolved (DNS failure)' },
  EAI_NONAME: { code: 'NETWORK', requestSent: false, what: 'the host name could not be resolved' },
  ENETUNREACH: { code: 'NETWORK', requestSent: false, what: 'the network is unreachable' },
  ENETDOWN: { code: 'NETWORK', requestSent: false, what: 'the network is down' },
  EHOSTUNREACH: { code: 'NETWORK', requestSent: false, what: 'the host is unreachable' },
  EHOSTDOWN: { code: 'NETWORK', requestSent: false, what: 'the host is down' },
  EADDRNOTAVAIL: { code: 'NETWORK', requestSent: false, what: 'no local address was available to connect' },
  UND_ERR_CONNECT_TIMEOUT: { code: 'NETWORK', requestSent: false, what: 'connecting to the server timed out' },
  UND_ERR_INVALID_ARG: { code: 'NETWORK', requestSent: false, what: 'the HTTP client rejected the request' },
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: { code: 'NETWORK', requestSent: false, what: 'the request body was malformed' },
  ERR_INVALID_URL: { code: 'NETWORK', requestSent: false, what: 'the URL is invalid' },
  CERT_HAS_EXPIRED: { code: 'NETWORK', requestSent: false, what: "the server's TLS certificate has expired" },
  DEPTH_ZERO_SELF_SIGNED_CERT: { code: 'NETWORK', requestSent: false, what: "the server's TLS certificate is self-signed" },
  SELF_SIGNED_CERT_IN_CHAIN: { code: 'NETWORK', requestSent: false, what: "the server's TLS certificate is not trusted" },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { code: 'NETWORK', requestSent: false, what: "the server's TLS certificate is not trusted" },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { code: 'NETWORK', requestSent: false, what: "the server's TLS certificate is not trusted" },
  ERR_TLS_CERT_ALTNAME_INVALID: { code: 'NETWORK', requestSent: false, what: "the server's TLS certificate does not match its name" },
  ECONNRESET: { code: 'NETWORK', requestSent: 'unknown', what: 'the connection was reset' },
  EPIPE: { code: 'NETWORK', requestSent: 'unknown', what: 'the connection was closed while writing' },
  ECONNABORTED: { code: 'TIMEOUT', requestSent: 'unknown', what: 'the request timed out' },
  ETIMEDOUT: { code: 'TIMEOUT', requestSent: 'unknown', what: 'the request timed out' },
  ESOCKETTIMEDOUT: { code: 'TIMEOUT', requestSent: 'unknown', what: 'the request timed out' },
  UND_ERR_SOCKET: { code: 'NETWORK', requestSent: 'unknown', what: 'the server closed the connection' },
  UND_ERR_CLOSED: { code: 'NETWORK', requestSent: 'unknown', what: 'the HTTP client was closed' },
  UND_ERR_DESTROYED: { code: 'NETWORK', requestSent: 'unknown', what: 'the HTTP client was destroyed' },
  ERR_STREAM_PREMATURE_CLOSE: { code: 'NETWORK', requestSent: 'unknown', what: 'the connection closed early' },
  UND_ERR_HEADERS_TIMEOUT: { code: 'TIMEOUT', requestSent: true, what: 'the server did not answer in time' },
  UND_ERR_BODY_TIMEOUT: { code: 'TIMEOUT', requestSent: true, what: 'the answer did not arrive in time' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { code: 'NETWORK', requestSent: true, what: 'the answer was cut short' },
  UND_ERR_RES_EXCEEDED_MAX_SIZE: { code: 'NETWORK', requestSent: true, what: 'the answer was too large' },
};

// Data: error class names (for libraries without codes), checked when no known code is found.
const TRANSPORT_FAILURE_NAMES: Readonly<Record<string, TransportFailureKind>> = {
  ConnectTimeoutError: { code: 'NETWORK', requestSent: false, what: 'connecting to the server timed out' },
  TimeoutError: { code: 'TIMEOUT', requestSent: 'unknown', what: 'the request timed out' },
  HeadersTimeoutError: { code: 'TIMEOUT', requestSent: true, what: 'the server did not answer in time' },
  BodyTimeoutError: { code: 'TIMEOUT', requestSent: true, what: 'the answer did not arrive in time' },
  SocketError: { code: 'NETWORK', requestSent: 'unknown', what: 'the server closed the connection' },
};

// Node system calls that fail before any byte of the request can be written.
const PRE_SEND_SYSCALLS = new Set(['connect', 'getaddrinfo', 'getaddrinfo_a', 'queryA', 'queryAaaa']);

const UNKNOWN_FAILURE: TransportFailureKind = { code: 'NETWORK', requestSent: 'unknown', what: 'the request failed' };

export interface ClassifyTransportErrorOptions {
  /** The caller's signal: when it is aborted, the failure is an `ABORTED` (or a timeout, if its reason is one). */
  signal?: AbortSignal;
  /** What the transport knows for certain about the request having been written; overrides the guess by code. */
  requestSent?: RequestSent;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

/** The error itself, then its `cause` chain and `errors` (AggregateError from happy-eyeballs connects). */
function* errorChain(error: unknown, depth = 0): Generator<unknown> {
  if (error === undefined || error === null || depth > 5) return;
  yield error;
  yield* errorChain(field(error, 'cause'), depth + 1);
  const inner = field(error, 'errors');
  if (Array.isArray(inner)) for (const item of inner) yield* errorChain(item, depth + 1);
}

function knownKind(error: unknown): { kind: TransportFailureKind; errorCode?: string } {
  for (const candidate of errorChain(error)) {
    const code = stringField(candidate, 'code');
    const known = code === undefined ? undefined : TRANSPORT_FAILURE_CODES[code];
    if (known && code) {
      const syscall = stringField(candidate, 'syscall');
      // ETIMEDOUT from `connect` is a TCP connect timeout: nothing was written.
      if (syscall && PRE_SEND_SYSCALLS.has(syscall) && known.requestSent !== false) {
        return { kind: { code: 'NETWORK', requestSent: false, what: `${known.what} while connecting` }, errorCode: code };
      }
      return { kind: known, errorCode: code };
    }
  }
  for (const candidate of errorChain(error)) {
    const name = stringField(candidate, 'name');
    const known = name === undefined ? undefined : TRANSPORT_FAILURE_NAMES[name];
    if (known) return { kind: known, errorCode: stringField(candidate, 'code') ?? name };
  }
  const code = stringField(error, 'code');
  return code === undefined ? { kind: UNKNOWN_FAILURE } : { kind: UNKNOWN_FAILURE, errorCode: code };
}

function isTimeoutReason(reason: unknown): boolean {
  return stringField(reason, 'name') === 'TimeoutError' || (reason instanceof TextbridgeError && reason.code === 'TIMEOUT');
}

function sentPhrase(requestSent: RequestSent): string {
  if (requestSent === false) return 'the request was not sent';
  return requestSent === true ? 'the request had been sent' : 'the request may have reached the server';
}

/**
 * Maps any HTTP library's failure (no answer received) to a TextbridgeError: `NETWORK` or `TIMEOUT` with
 * `details.requestSent` (`false` only when provably unsent), or `ABORTED` when the caller's signal fired.
 * A TextbridgeError passes through unchanged.
 */
export function classifyTransportError(error: unknown, options: ClassifyTransportErrorOptions = {}): TextbridgeError {
  if (error instanceof TextbridgeError) return error;
  const { signal } = options;
  if (signal?.aborted && !isTimeoutReason(signal.reason)) {
    const requestSent = options.requestSent ?? 'unknown';
    return new TextbridgeError('ABORTED', `The request was cancelled; ${sentPhrase(requestSent)}.`, {
      details: { requestSent },
      cause: error,
    });
  }
  const { kind, errorCode } = knownKind(error);
  const requestSent = options.requestSent ?? kind.requestSent;
  const timedOut = kind.code === 'TIMEOUT' || (signal?.aborted === true && isTimeoutReason(signal.reason));
  // A timeout before anything was written is as safe as a refused connection: report it as NETWORK.
  const code = timedOut && requestSent !== false ? 'TIMEOUT' : 'NETWORK';
  const what = timedOut && kind.code !== 'TIMEOUT' ? 'the request timed out' : kind.what;
  const suffix = errorCode ? ` (${errorCode})` : '';
  const details: Record<string, unknown> = { requestSent };
  if (errorCode) details.errorCode = errorCode;
  return new TextbridgeError(code, `No answer from the server: ${what}${suffix}; ${sentPhrase(requestSent)}.`, {
    details,
    cause: error,
  });
}
