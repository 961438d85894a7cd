// What Zapier does with a REST hook, for the e2e tests: a stand-in for hooks.zapier.com that records what the sandbox
// (as Plivo) sends to the Zap's webhook URL, and the `rawRequest` Zapier hands the trigger's `perform`.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface WebhookReceiver {
  server: Server;
  /** The Zap's webhook URL (`bundle.targetUrl`). */
  url: string;
  captured: CapturedRequest[];
  /** The next request to arrive. */
  next(): Promise<CapturedRequest>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const captured: CapturedRequest[] = [];
  const waiting: ((request: CapturedRequest) => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      captured.push(request);
      waiting.shift()?.(request);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/hooks/standard/4242/0123456789abcdef/`,
    captured,
    next: () => new Promise((done) => waiting.push(done)),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface ZapierRawRequest {
  method: 'POST';
  querystring: string;
  headers: Record<string, string>;
  content: string;
}

/** What Zapier hands `perform`: every header renamed `Http-Title-Case`, the body untouched. */
export function zapierRawRequest(request: CapturedRequest): ZapierRawRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const title = name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('-');
    headers[`Http-${title}`] = Array.isArray(value) ? value.join(',') : value;
  }
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  return { method: request.method as 'POST', querystring: query, headers, content: request.body };
}

/** Polls `probe` until it gives a value (the sandbox delivers messages and callbacks in the background). */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
