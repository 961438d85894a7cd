// Default Transport on undici: one keep-alive Pool per origin, reused across calls. It dispatches with a low-level
// handler so it knows whether the request was fully written to the socket: a failure before that point provably
// never reached the server (safe to retry a send); after it, the request may have been processed.
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { TextbridgeError } from '../errors/index.js';
import { classifyTransportError } from '../transport/index.js';
import type { RequestSent, Transport, TransportRequest, TransportResponse } from '../transport/index.js';

export interface UndiciTransportOptions {
  /** Maximum sockets per origin (default 10). */
  connections?: number;
  /** How long an idle keep-alive socket stays open (default 4 s, below common server idle limits). */
  keepAliveTimeoutMs?: number;
  /** Give up connecting after this long (default 10 s); such a failure is provably unsent. */
  connectTimeoutMs?: number;
}

export type UndiciTransport = Transport & {
  /** Closes every pooled connection; the transport must not be used afterwards. */
  close(): Promise<void>;
};

// undici calls `onRequestSent` once the whole request was handed to the socket; its public types omit it.
type WriteTrackingHandler = Dispatcher.DispatchHandler & { onRequestSent(): void };

function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TextbridgeError('INVALID_INPUT', `Undici transport: ${name} must be a positive number.`, { field: name });
  }
  return value;
}

function headerRecord(raw: Buffer[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = String(raw[index]).toLowerCase();
    const value = String(raw[index + 1]);
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

function timeoutError(): Error {
  const error = new Error('The request timed out');
  error.name = 'TimeoutError';
  return error;
}

export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const connections = positiveOption('connections', options.connections, 10);
  const keepAliveTimeout = positiveOption('keepAliveTimeoutMs', options.keepAliveTimeoutMs, 4_000);
  const connectTimeout = positiveOption('connectTimeoutMs', options.connectTimeoutMs, 10_000);
  const pools = new Map<string, Pool>();
  let closed = false;

  function poolFor(origin: string): Pool {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections, keepAliveTimeout, connect: { timeout: connectTimeout } });
      pools.set(origin, pool);
    }
    return pool;
  }

  function send(request: TransportRequest): Promise<TransportResponse> {
    return new Promise<TransportResponse>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch (error) {
        reject(classifyTransportError(error, { requestSent: false }));
        return;
      }
      if (closed) {
        reject(classifyTransportError(new Error('The transport was closed'), { requestSent: false }));
        return;
      }

      let requestSent: RequestSent = false;
      let settled = false;
      let abortDispatch: ((error?: Error) => void) | undefined;
      let cancelReason: Error | undefined;
      let timer: NodeJS.Timeout | undefined;
      let status = 0;
      let headers: Record<string, string> = {};
      const chunks: Buffer[] = [];

      const finish = (outcome: { response: TransportResponse } | { error: unknown }): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        if ('response' in outcome) resolve(outcome.response);
        else {
          const signal = cancelReason?.name === 'TimeoutError' ? AbortSignal.abort(cancelReason) : request.signal;
          reject(classifyTransportError(outcome.error, signal ? { signal, requestSent } : { requestSent }));
        }
      };
      // Settle at once. A request not yet written is stopped before a byte goes out (now, or in `onConnect`).
      // One already written is left to finish in the background, bounded by undici's own timeouts: destroying
      // its socket gains nothing once Plivo may have it, and mock sockets (nock) mishandle that destruction.
      const cancel = (reason: Error): void => {
        cancelReason = reason;
        if (!requestSent) abortDispatch?.(reason);
        finish({ error: reason });
      };
      const onAbort = (): void => cancel(request.signal?.reason instanceof Error ? request.signal.reason : new Error('aborted'));

      if (request.signal?.aborted) {
        onAbort();
        return;
      }
      request.signal?.addEventListener('abort', onAbort, { once: true });
      if (request.timeoutMs !== undefined) timer = setTimeout(() => cancel(timeoutError()), request.timeoutMs);

      const handler: WriteTrackingHandler = {
        onConnect(abort) {
          abortDispatch = abort;
          if (cancelReason && !requestSent) abort(cancelReason);
        },
        onRequestSent() {
          requestSent = true;
        },
        onHeaders(statusCode, rawHeaders) {
          requestSent = true;
          // 1xx answers are interim: keep waiting for the final one.
          if (statusCode >= 200) {
            status = statusCode;
            headers = headerRecord(rawHeaders);
          }
          return true;
        },
        onData(chunk) {
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          finish({ response: { status, headers, body: Buffer.concat(chunks).toString('utf8') } });
        },
        onError(error) {
          finish({ error });
        },
      };

      try {
        const dispatchOptions: Dispatcher.DispatchOptions = {
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers: request.headers,
        };
        if (request.body !== undefined) dispatchOptions.body = request.body;
        if (request.timeoutMs !== undefined) {
          dispatchOptions.headersTimeout = request.timeoutMs;
          dispatchOptions.bodyTimeout = request.timeoutMs;
        }
        poolFor(url.origin).dispatch(dispatchOptions, handler);
      } catch (error) {
        finish({ error });
      }
    });
  }

  const transport = send as UndiciTransport;
  transport.close = async () => {
    closed = true;
    const open = [...pools.values()];
    pools.clear();
    await Promise.all(open.map((pool) => pool.close()));
  };
  return transport;
}
