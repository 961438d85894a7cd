// The sandbox's HTTP server: Plivo's REST API under /v1/Account/{id}/, the Lookup API under /v1/Number/, the virtual
// phones page at /, and sandbox-only endpoints under /__sandbox/. API requests pass, in order: Basic auth (and the
// account id in the path), the rate limits, injected faults, the handler, then latency. Whatever arrives — a body over
// the limit, a target or escape that cannot be read, a request Node's parser rejects — is answered with a 4xx in
// Plivo's error shape, never a 500 or a dropped connection.
import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TextbridgeError, isTextbridgeError } from '../errors/index.js';
import { accountNumbers } from './account-numbers.js';
import { SandboxCarrier } from './carrier.js';
import type { ApiRequest, SandboxContext } from './context.js';
import { SandboxEventBus, type SandboxEventType } from './events.js';
import { planFaults } from './faults.js';
import {
  BODY_TOO_LARGE,
  MAX_BODY_BYTES,
  MAX_MEDIA_UPLOAD_BYTES,
  decodePathParams,
  isMultipart,
  parseBasicAuth,
  parseBodyParams,
  parseMultipartParams,
  readBody,
  requestUrl,
  requesterIp,
  safeEqual,
  searchParamsToParams,
  writeReply,
  type Reply,
  type RequestBody,
} from './http.js';
import { resolveSandboxOptions, type ResolvedSandboxOptions, type SandboxOptions } from './options.js';
import { loadPageAssets } from './page/assets.js';
import { createSeededRandom } from './random.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import { getAccount, updateAccount } from './routes/account.js';
import {
  createApplication,
  deleteApplication,
  getApplication,
  listApplications,
  updateApplication,
} from './routes/applications.js';
import { lookupNumber } from './routes/lookup.js';
import { getMedia, listMedia, uploadMedia } from './routes/media.js';
import { getMessage, getMessageMedia, listMessageMedia, listMessages, sendMessage } from './routes/messages.js';
import { getNumber, listNumbers, unrentNumber, updateNumber } from './routes/numbers.js';
import { createSession, getSession, listSessions, validateSession } from './routes/verify.js';
import { getState, openEventStream, postInbound, postReset, receiveFromPhone, type InboundRequest } from './routes/sandbox.js';
import { errorBody, lookupErrorBody } from './shapes.js';
import { SandboxState, type SandboxMessage } from './state.js';
import { restoreState, snapshotState } from './state-snapshot.js';
import { STATE_FILE_NAME, openStateStore, type StateStore } from './state-store.js';

type Handler = (request: ApiRequest) => Reply;

interface Route {
  pattern: RegExp;
  handlers: Partial<Record<string, Handler>>;
  /** GET on this route also counts against the List Messages limit. */
  listLimited?: boolean;
}

/** Routes under /v1/Account/{id}, matched against the rest of the path. */
const ACCOUNT_ROUTES: readonly Route[] = [
  { pattern: /^\/?$/, handlers: { GET: getAccount, POST: updateAccount } },
  { pattern: /^\/Message\/?$/, handlers: { POST: sendMessage, GET: listMessages }, listLimited: true },
  { pattern: /^\/Message\/([^/]+)\/?$/, handlers: { GET: getMessage } },
  { pattern: /^\/Message\/([^/]+)\/Media\/?$/, handlers: { GET: listMessageMedia } },
  { pattern: /^\/Message\/([^/]+)\/Media\/([^/]+)\/?$/, handlers: { GET: getMessageMedia } },
  { pattern: /^\/Application\/?$/, handlers: { POST: createApplication, GET: listApplications } },
  {
    pattern: /^\/Application\/([^/]+)\/?$/,
    handlers: { GET: getApplication, POST: updateApplication, DELETE: deleteApplication },
  },
  { pattern: /^\/Media\/?$/, handlers: { POST: uploadMedia, GET: listMedia } },
  { pattern: /^\/Media\/([^/]+)\/?$/, handlers: { GET: getMedia } },
  { pattern: /^\/Number\/?$/, handlers: { GET: listNumbers } },
  { pattern: /^\/Number\/([^/]+)\/?$/, handlers: { GET: getNumber, POST: updateNumber, DELETE: unrentNumber } },
  { pattern: /^\/Verify\/Session\/?$/, handlers: { POST: createSession, GET: listSessions } },
  { pattern: /^\/Verify\/Session\/([^/]+)\/?$/, handlers: { GET: getSession, POST: validateSession } },
];

const LOOKUP_ROUTE: Route = { pattern: /^\/v1\/Number\/([^/]+)$/, handlers: { GET: lookupNumber } };

/** Sandbox-only JSON endpoints (no auth, no faults). */
const SANDBOX_ROUTES: readonly Route[] = [
  { pattern: /^\/__sandbox\/state\/?$/, handlers: { GET: getState } },
  { pattern: /^\/__sandbox\/reset\/?$/, handlers: { POST: postReset } },
  { pattern: /^\/__sandbox\/inbound\/?$/, handlers: { POST: postInbound } },
];

export interface Sandbox {
  /** Origin serving the API, the Lookup API and the page, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** `url` + `/v1/Account/{authId}` — what Plivo's SDKs take as their `url` option. */
  accountUrl: string;
  authId: string;
  authToken: string;
  /** The account's numbers, E.164. */
  numbers: string[];
  state: SandboxState;
  events: SandboxEventBus;
  options: ResolvedSandboxOptions;
  /** The file keeping the state between runs (`<dataDir>/state.json`), or null without a data folder. */
  stateFile: string | null;
  /** A text from a virtual phone to one of the account's numbers (default: the first), as the page sends it. */
  inbound(input: { from: string; to?: string; text: string; type?: 'sms' | 'mms'; mediaUrls?: string[] }): SandboxMessage;
  /**
   * Forgets messages, callbacks, opt-outs, counters and rate-limit windows, and cancels pending lifecycle steps and
   * callbacks of earlier messages (numbers and applications stay).
   */
  reset(): void;
  /** Stops listening and cancels what is in flight; with a data folder, writes the final state and unlocks it. */
  stop(): Promise<void>;
}

/** `http://host:port` as the client addressed the sandbox (for absolute URLs in answers, such as media links). */
function originOf(req: IncomingMessage): string {
  const host = req.headers.host;
  const local = req.socket.localPort === undefined ? '127.0.0.1' : `127.0.0.1:${req.socket.localPort}`;
  return `http://${host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? host : local}`;
}

function matchRoute(routes: readonly Route[], path: string): { route: Route; captures: string[] } | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) return { route, captures: match.slice(1).map((capture) => capture ?? '') };
  }
  return undefined;
}

/** Query parameters, plus the body's for methods that carry one (Plivo ignores the body of a GET). */
async function requestParams(req: IncomingMessage, url: URL, body: RequestBody): Promise<Record<string, unknown>> {
  const query = searchParamsToParams(url.searchParams);
  if (req.method === 'GET' || req.method === 'HEAD') return query;
  const contentType = req.headers['content-type'];
  const fromBody =
    isMultipart(contentType) && body.bytes.length > 0
      ? await parseMultipartParams(contentType, body.bytes)
      : parseBodyParams(contentType, body.text);
  return { ...query, ...fromBody };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

const API_ERROR_TEXTS = {
  noCredentials: 'authentication credentials were not provided',
  badCredentials: 'authentication credentials are invalid',
  notFound: 'not found',
  methodNotAllowed: 'method not allowed',
  tooManyRequests: 'too many requests',
  internal: 'internal server error',
  unavailable: 'service unavailable',
  malformedUrl: 'malformed url: the path or query could not be read',
  malformedPath: 'malformed url: invalid percent-encoding in the path',
  malformedRequest: 'malformed request',
  headersTooLarge: 'request header fields too large',
} as const;

/** The Lookup API's paths (its errors have their own shape). */
const isLookupPath = (pathname: string): boolean => LOOKUP_ROUTE.pattern.test(pathname);
const MEDIA_UPLOAD_PATH = /^\/v1\/Account\/[^/]+\/Media\/?$/;

/** The body a request may carry: Media uploads get room for Plivo's 10 files of 2 MB, the rest Plivo-sized bodies. */
function bodyLimit(method: string | undefined, pathname: string | undefined): number {
  return method === 'POST' && pathname !== undefined && MEDIA_UPLOAD_PATH.test(pathname) ? MAX_MEDIA_UPLOAD_BYTES : MAX_BODY_BYTES;
}

/** Decodes `%xx` in the account id of the path; a malformed id stays as it is and fails authentication. */
function accountIdOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return decodePathParams([raw])?.[0] ?? raw;
}

/**
 * Opens the data folder: restores what it saved (resuming unfinished messages) and writes each change back —
 * carrier steps through the events they publish, API changes through commit() in the request path.
 */
async function openPersistence(dir: string, state: SandboxState, events: SandboxEventBus, carrier: SandboxCarrier): Promise<StateStore> {
  const store = await openStateStore(dir, () => snapshotState(state), (error) =>
    events.publish('storage', error.message, { file: join(dir, STATE_FILE_NAME), hint: error.hint }),
  );
  if (store.saved) for (const message of restoreState(state, store.saved)) carrier.resume(message);
  const persisted: ReadonlySet<SandboxEventType> = new Set([
    'message.created',
    'message.status',
    'optout.changed',
    'verify.session',
    'reset',
  ]);
  events.subscribe((event) => {
    if (persisted.has(event.type)) store.changed();
  });
  // A folder that cannot be written fails the start now, not silently at the first change.
  if (!(await store.commit())) {
    const failure = store.failure;
    await store.close().catch(() => undefined);
    throw new TextbridgeError('SANDBOX_STATE_ERROR', failure ?? `The sandbox could not write ${store.file}.`, {
      field: 'dataDir',
      hint: 'Give a data folder this user may write to, with free disk space.',
    });
  }
  return store;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveSandboxOptions(options);
  const pageAssets = await loadPageAssets();
  const state = new SandboxState();
  for (const number of accountNumbers(resolved)) state.numbers.set(number.number, number);
  const events = new SandboxEventBus();
  const carrier = new SandboxCarrier(state, events, resolved);
  const store = resolved.dataDir === undefined ? undefined : await openPersistence(resolved.dataDir, state, events, carrier);
  const random = createSeededRandom(resolved.seed);
  const limits = resolved.rateLimit;
  const apiLimiter = limits === false ? undefined : new SlidingWindowLimiter(limits.requests, limits.windowMs);
  const listLimiter =
    limits === false || limits.listMessages === false
      ? undefined
      : new SlidingWindowLimiter(limits.listMessages.requests, limits.listMessages.windowMs);
  const reset = (): void => {
    carrier.cancelInFlight();
    state.clearTraffic();
    apiLimiter?.reset();
    listLimiter?.reset();
    events.publish('reset', 'sandbox reset: messages, callbacks, opt-outs and counters cleared');
  };
  const ctx: SandboxContext = { options: resolved, state, carrier, events, startedAt: Date.now(), reset };
  const eventStreams = new Set<() => void>();

  /** Plivo's error shape for the API, Lookup's for the Lookup API. */
  const errorReply = (lookup: boolean, status: number, text: string, withApiId = true): Reply => ({
    status,
    body: lookup ? lookupErrorBody(status, text) : withApiId ? errorBody(text) : { error: text },
  });

  const rateLimited = (lookup: boolean, retryAfterMs: number): Reply => {
    state.requestCounts.rateLimited++;
    const reply = errorReply(lookup, 429, API_ERROR_TEXTS.tooManyRequests);
    reply.headers = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
    return reply;
  };

  const authenticate = (req: IncomingMessage, pathAccountId: string | undefined, lookup: boolean): Reply | undefined => {
    const credentials = parseBasicAuth(req.headers.authorization);
    const challenge = { 'WWW-Authenticate': 'Basic realm="Textbridge Plivo sandbox"' };
    if (!credentials) {
      state.requestCounts.unauthorized++;
      return { ...errorReply(lookup, 401, API_ERROR_TEXTS.noCredentials, false), headers: challenge };
    }
    const valid =
      safeEqual(credentials.user, resolved.authId) &&
      safeEqual(credentials.password, resolved.authToken) &&
      (pathAccountId === undefined || pathAccountId === resolved.authId);
    if (valid) return undefined;
    state.requestCounts.unauthorized++;
    return { ...errorReply(lookup, 401, API_ERROR_TEXTS.badCredentials), headers: challenge };
  };

  const runHandler = (handler: Handler, request: ApiRequest, lookup: boolean): Reply => {
    try {
      return handler(request);
    } catch (error) {
      if (isTextbridgeError(error) && error.status !== undefined && error.plivoError !== undefined) {
        return errorReply(lookup, error.status, error.plivoError);
      }
      events.publish('fault', `sandbox bug while handling ${request.method} ${request.url.pathname}: ${String(error)}`);
      return errorReply(lookup, 500, API_ERROR_TEXTS.internal);
    }
  };

  /** Everything under /v1/: auth, limits, faults, handler, latency. */
  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL, body: RequestBody): Promise<void> => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    state.requestCounts.total++;
    const accountMatch = /^\/v1\/Account\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const lookupMatch = accountMatch ? undefined : LOOKUP_ROUTE.pattern.exec(url.pathname);
    const lookup = lookupMatch !== undefined && lookupMatch !== null;
    const finish = async (reply: Reply, destroy = false): Promise<void> => {
      await sleep(resolved.latencyMs);
      events.publish('request', `${method} ${url.pathname} -> ${destroy ? 'connection reset' : reply.status} (${Date.now() - started} ms)`, {
        method,
        path: url.pathname,
        status: destroy ? null : reply.status,
      });
      if (destroy) req.socket.destroy();
      else writeReply(res, reply);
    };

    const authFailure = authenticate(req, accountIdOf(accountMatch?.[1]), lookup);
    if (authFailure) return finish(authFailure);

    const matched = accountMatch
      ? matchRoute(ACCOUNT_ROUTES, accountMatch[2] ?? '/')
      : lookup
        ? { route: LOOKUP_ROUTE, captures: lookupMatch.slice(1).map((capture) => capture ?? '') }
        : undefined;
    const pathParams = matched ? decodePathParams(matched.captures) : [];
    if (apiLimiter) {
      const decision = apiLimiter.take(started);
      if (!decision.allowed) return finish(rateLimited(lookup, decision.retryAfterMs));
    }
    if (!matched) return finish(errorReply(lookup, 404, API_ERROR_TEXTS.notFound));
    if (!pathParams) return finish(errorReply(lookup, 400, API_ERROR_TEXTS.malformedPath));
    const handler = matched.route.handlers[method];
    if (!handler) {
      const reply = errorReply(lookup, 405, API_ERROR_TEXTS.methodNotAllowed);
      reply.headers = { Allow: Object.keys(matched.route.handlers).join(', ') };
      return finish(reply);
    }
    if (matched.route.listLimited && method === 'GET' && listLimiter) {
      const decision = listLimiter.take(started);
      if (!decision.allowed) return finish(rateLimited(lookup, decision.retryAfterMs));
    }

    const faults = planFaults(resolved.faults, random);
    if (faults.rejectWith503) {
      state.faultCounts.error503++;
      events.publish('fault', `injected 503 before handling ${method} ${url.pathname} (nothing processed)`);
      return finish({ ...errorReply(lookup, 503, API_ERROR_TEXTS.unavailable), headers: { 'Retry-After': '1' } });
    }

    let params: Record<string, unknown>;
    try {
      params = await requestParams(req, url, body);
    } catch (error) {
      if (isTextbridgeError(error) && error.status !== undefined) {
        return finish(errorReply(lookup, error.status, error.plivoError ?? error.message));
      }
      throw error;
    }
    const request: ApiRequest = { method, url, params, pathParams, requesterIp: requesterIp(req), origin: originOf(req), ctx };
    const reply = runHandler(handler, request, lookup);
    // What the API acknowledged is on disk before the answer goes out.
    if (store && method !== 'GET' && method !== 'HEAD') await store.commit();

    if (faults.slowMs > 0) {
      state.faultCounts.slow++;
      await sleep(faults.slowMs);
    }
    if (faults.after === 'error500') {
      state.faultCounts.error500++;
      events.publish('fault', `injected 500 after handling ${method} ${url.pathname} (the request WAS processed)`);
      return finish(errorReply(lookup, 500, API_ERROR_TEXTS.internal));
    }
    if (faults.after === 'reset') {
      state.faultCounts.reset++;
      events.publish('fault', `injected connection reset after handling ${method} ${url.pathname} (the request WAS processed)`);
      return finish(reply, true);
    }
    return finish(reply);
  };

  const handleSandbox = async (req: IncomingMessage, res: ServerResponse, url: URL, body: RequestBody): Promise<void> => {
    const method = req.method ?? 'GET';
    const asset = pageAssets.get(url.pathname);
    if (asset) {
      if (method !== 'GET' && method !== 'HEAD') return writeReply(res, { status: 405, body: errorBody(API_ERROR_TEXTS.methodNotAllowed) });
      return writeReply(res, { status: 200, text: asset.text, contentType: asset.contentType, headers: { 'Cache-Control': 'no-store' } });
    }
    if (url.pathname === '/__sandbox/events' && method === 'GET') {
      const close = openEventStream(ctx, res);
      eventStreams.add(close);
      res.on('close', () => eventStreams.delete(close));
      return;
    }
    const matched = matchRoute(SANDBOX_ROUTES, url.pathname);
    if (!matched) return writeReply(res, { status: 404, body: errorBody(API_ERROR_TEXTS.notFound) });
    const pathParams = decodePathParams(matched.captures);
    if (!pathParams) return writeReply(res, { status: 400, body: errorBody(API_ERROR_TEXTS.malformedPath) });
    const handler = matched.route.handlers[method];
    if (!handler) return writeReply(res, { status: 405, body: errorBody(API_ERROR_TEXTS.methodNotAllowed) });
    let params: Record<string, unknown>;
    try {
      params = await requestParams(req, url, body);
    } catch (error) {
      if (isTextbridgeError(error) && error.status !== undefined) {
        return writeReply(res, { status: error.status, body: errorBody(error.plivoError ?? error.message) });
      }
      throw error;
    }
    const request: ApiRequest = { method, url, params, pathParams, requesterIp: requesterIp(req), origin: originOf(req), ctx };
    const reply = runHandler(handler, request, false);
    if (store && method === 'POST') await store.commit();
    writeReply(res, reply);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = requestUrl(req.url);
    readBody(req, bodyLimit(req.method, url?.pathname))
      .then((body) => {
        const lookup = url !== undefined && isLookupPath(url.pathname);
        if (!url) return writeReply(res, { ...errorReply(false, 400, API_ERROR_TEXTS.malformedUrl), headers: { Connection: 'close' } });
        if (body.tooLarge) {
          state.requestCounts.total++;
          return writeReply(res, { ...errorReply(lookup, BODY_TOO_LARGE.status, BODY_TOO_LARGE.text), headers: { Connection: 'close' } });
        }
        return url.pathname.startsWith('/v1/') ? handleApi(req, res, url, body) : handleSandbox(req, res, url, body);
      })
      .catch((error: unknown) => {
        if (res.headersSent || res.destroyed) return;
        const status = isTextbridgeError(error) && error.status !== undefined ? error.status : 500;
        writeReply(res, { status, body: errorBody(isTextbridgeError(error) ? (error.plivoError ?? error.message) : API_ERROR_TEXTS.internal) });
      });
  };
  const server = createServer({ keepAliveTimeout: 10_000 }, onRequest);
  // A client that asks before sending (`Expect: 100-continue`) a body over the limit gets the 413 without sending it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length']) > bodyLimit(req.method, requestUrl(req.url)?.pathname)) {
      const lookup = isLookupPath(requestUrl(req.url)?.pathname ?? '');
      writeReply(res, { ...errorReply(lookup, BODY_TOO_LARGE.status, BODY_TOO_LARGE.text), headers: { Connection: 'close' } });
      return;
    }
    res.writeContinue();
    onRequest(req, res);
  });
  // Requests Node's parser rejects (bad request line, oversized headers) get Plivo's error shape too, not a bare close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const payload = JSON.stringify(errorBody(status === 431 ? API_ERROR_TEXTS.headersTooLarge : API_ERROR_TEXTS.malformedRequest));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
    );
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        reject(
          new TextbridgeError('SANDBOX_START_FAILED', `The sandbox could not listen on ${resolved.host}:${resolved.port}: ${error.code ?? error.message}.`, {
            field: 'port',
            cause: error,
          }),
        );
      };
      server.once('error', onError);
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
  } catch (error) {
    await carrier.stop();
    await store?.close().catch(() => undefined);
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  const wildcard = resolved.host === '0.0.0.0' || resolved.host === '::';
  const host = wildcard ? '127.0.0.1' : resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  const url = `http://${host}:${port}`;
  let stopped: Promise<void> | undefined;

  return {
    url,
    accountUrl: `${url}/v1/Account/${resolved.authId}`,
    authId: resolved.authId,
    authToken: resolved.authToken,
    numbers: [...state.numbers.values()].map((number) => number.e164),
    state,
    events,
    options: resolved,
    stateFile: store?.file ?? null,
    inbound(input) {
      const to = input.to ?? [...state.numbers.values()][0]?.e164 ?? '';
      const request: InboundRequest = { from: input.from, to, text: input.text, type: input.type ?? 'sms', media_urls: input.mediaUrls ?? [] };
      return receiveFromPhone(ctx, request);
    },
    reset,
    stop() {
      stopped ??= (async () => {
        for (const close of eventStreams) close();
        await carrier.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await store?.close();
      })();
      return stopped;
    },
  };
}
