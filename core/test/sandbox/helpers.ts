// Shared by the sandbox tests: a started sandbox with short delays, a tiny HTTP client, and a local webhook receiver.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';

/** Lifecycle steps of 5 ms and retries within a few tens of ms keep the suites fast. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ deliveryDelayMs: 5, callbackRetryDelaysMs: [20, 40, 80], callbackTimeoutMs: 1000, ...options });
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read Plivo's untyped JSON freely
  text: string;
}

export interface CallOptions {
  json?: unknown;
  form?: Record<string, string | string[]>;
  /** `false` sends no Authorization header; a pair overrides the sandbox's credentials. */
  auth?: false | { user: string; password: string };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function call(sandbox: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (options.auth !== false) {
    const { user, password } = options.auth ?? { user: sandbox.authId, password: sandbox.authToken };
    headers.Authorization = basicAuth(user, password);
  }
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
    }
    body = form.toString();
  }
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text), text };
}

/** Path of an account resource, e.g. account(sandbox, 'Message/'). */
export function account(sandbox: Sandbox, rest = ''): string {
  return `/v1/Account/${sandbox.authId}/${rest}`;
}

export interface ReceivedRequest {
  method: string;
  /** The URL as the sandbox called it (what a receiver verifies signatures against). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Form body for POST, query for GET. */
  params: Record<string, string>;
  at: number;
}

export type ReceiverAnswer = { status: number; body?: string; contentType?: string } | 'hang';

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Decides each answer (default 200, empty). */
  respond: (request: ReceivedRequest) => ReceiverAnswer;
  close(): Promise<void>;
}

export async function startReceiver(respond: Receiver['respond'] = () => ({ status: 200 })): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const receiver: Receiver = { url: '', requests, respond, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = `${receiver.url}${req.url ?? '/'}`;
      const params = Object.fromEntries(req.method === 'GET' ? new URL(url).searchParams : new URLSearchParams(body));
      const received: ReceivedRequest = { method: req.method ?? '', url, headers: req.headers, body, params, at: Date.now() };
      requests.push(received);
      const answer = receiver.respond(received);
      if (answer === 'hang') return; // never answers: the sandbox's timeout must fire
      res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'text/plain' }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

/** Polls until `check` returns a value other than undefined/false (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 3000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
