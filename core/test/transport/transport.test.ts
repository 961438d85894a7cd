// The transport seam: classifyTransportError's verdict on "could this request have reached the server?", and the
// undici transport against a real node:http server on 127.0.0.1 (keep-alive, refused, closed after read, timeouts).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORT_FAILURE_CODES, TextbridgeError, classifyTransportError, createUndiciTransport } from '../../src/index.js';

function sysError(code: string, syscall?: string): Error {
  return Object.assign(new Error(`${syscall ?? 'read'} ${code}`), { code, ...(syscall ? { syscall } : {}) });
}

describe('classifyTransportError', () => {
  it.each<[string, string, boolean | 'unknown', unknown]>([
    ['connection refused', 'NETWORK', false, sysError('ECONNREFUSED', 'connect')],
    ['DNS failure', 'NETWORK', false, sysError('ENOTFOUND', 'getaddrinfo')],
    ['DNS failure without syscall', 'NETWORK', false, sysError('EAI_AGAIN')],
    ['TCP connect timeout', 'NETWORK', false, sysError('ETIMEDOUT', 'connect')],
    ['undici connect timeout', 'NETWORK', false, sysError('UND_ERR_CONNECT_TIMEOUT')],
    ['TLS certificate failure', 'NETWORK', false, sysError('CERT_HAS_EXPIRED')],
    ['reset', 'NETWORK', 'unknown', sysError('ECONNRESET')],
    ['broken pipe', 'NETWORK', 'unknown', sysError('EPIPE', 'write')],
    ['undici socket closed', 'NETWORK', 'unknown', sysError('UND_ERR_SOCKET')],
    ['read timeout', 'TIMEOUT', 'unknown', sysError('ETIMEDOUT')],
    ['axios timeout', 'TIMEOUT', 'unknown', sysError('ECONNABORTED')],
    ['undici headers timeout', 'TIMEOUT', true, sysError('UND_ERR_HEADERS_TIMEOUT')],
    ['undici body timeout', 'TIMEOUT', true, sysError('UND_ERR_BODY_TIMEOUT')],
    ['fetch failed wrapping a refusal', 'NETWORK', false, new TypeError('fetch failed', { cause: sysError('ECONNREFUSED', 'connect') })],
    [
      'happy-eyeballs AggregateError',
      'NETWORK',
      false,
      Object.assign(new AggregateError([sysError('ECONNREFUSED', 'connect'), sysError('ECONNREFUSED', 'connect')]), {
        code: 'ECONNREFUSED',
      }),
    ],
    ['a ConnectTimeoutError by name', 'NETWORK', false, Object.assign(new Error('x'), { name: 'ConnectTimeoutError' })],
    ['a DOMException TimeoutError', 'TIMEOUT', 'unknown', new DOMException('timed out', 'TimeoutError')],
    ['a SocketError by name', 'NETWORK', 'unknown', Object.assign(new Error('other side closed'), { name: 'SocketError' })],
    ['an unknown error', 'NETWORK', 'unknown', new Error('boom')],
    ['a thrown string', 'NETWORK', 'unknown', 'boom'],
    ['nothing', 'NETWORK', 'unknown', undefined],
  ])('%s -> %s, requestSent %s', (_label, code, requestSent, error) => {
    const result = classifyTransportError(error);
    expect(result).toBeInstanceOf(TextbridgeError);
    expect(result.code).toBe(code);
    expect(result.details?.requestSent).toBe(requestSent);
    expect(result.message).toMatch(requestSent === false ? /was not sent/ : /sent|reached/);
  });

  it('names the error code in the message and details', () => {
    const result = classifyTransportError(sysError('ECONNREFUSED', 'connect'));
    expect(result.message).toBe('No answer from the server: the server refused the connection (ECONNREFUSED); the request was not sent.');
    expect(result.details).toEqual({ requestSent: false, errorCode: 'ECONNREFUSED' });
    expect((result as { cause?: unknown }).cause).toBeInstanceOf(Error);
  });

  it("lets a transport's own knowledge of what was written override the guess", () => {
    expect(classifyTransportError(sysError('ECONNRESET'), { requestSent: false }).details?.requestSent).toBe(false);
    // A timeout before anything was written is as safe to retry as a refused connection.
    expect(classifyTransportError(sysError('ETIMEDOUT'), { requestSent: false }).code).toBe('NETWORK');
    expect(classifyTransportError(sysError('ECONNRESET'), { requestSent: true }).details?.requestSent).toBe(true);
  });

  it('reports a fired caller signal as ABORTED, and a timeout signal as TIMEOUT', () => {
    const aborted = classifyTransportError(new Error('aborted'), { signal: AbortSignal.abort() });
    expect(aborted.code).toBe('ABORTED');
    const timedOut = classifyTransportError(new Error('aborted'), {
      signal: AbortSignal.abort(new DOMException('t', 'TimeoutError')),
      requestSent: true,
    });
    expect(timedOut.code).toBe('TIMEOUT');
    expect(timedOut.details?.requestSent).toBe(true);
  });

  it('passes TextbridgeErrors through unchanged', () => {
    const original = new TextbridgeError('NETWORK', 'x', { details: { requestSent: false } });
    expect(classifyTransportError(original)).toBe(original);
  });

  it('has a NETWORK or TIMEOUT verdict for every code in its table', () => {
    for (const [code, kind] of Object.entries(TRANSPORT_FAILURE_CODES)) {
      expect(['NETWORK', 'TIMEOUT'], code).toContain(kind.code);
      expect([true, false, 'unknown'], code).toContain(kind.requestSent);
    }
  });
});

describe('createUndiciTransport against node:http on 127.0.0.1', () => {
  type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;
  let handler: Handler = (_request, _body, response) => response.end();
  let connections = 0;
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    requests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let origin = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function reset(next: Handler): void {
    handler = next;
    connections = 0;
    requests = 0;
  }

  it('sends method, headers and body, returns status, lower-case headers and body, and reuses keep-alive sockets', async () => {
    const seen: { method?: string; url?: string; type?: string; body: string }[] = [];
    const ports: (number | undefined)[] = [];
    reset((request, body, response) => {
      seen.push({ method: request.method, url: request.url, type: request.headers['content-type'], body });
      ports.push(request.socket.remotePort);
      response.writeHead(202, { 'Content-Type': 'application/json', 'X-Plivo-Trace': 'abc' });
      response.end(JSON.stringify({ ok: seen.length }));
    });
    const transport = createUndiciTransport();
    try {
      for (let index = 1; index <= 10; index += 1) {
        const answer = await transport({
          method: 'POST',
          url: `${origin}/v1/Account/MA1/Message/?x=${index}`,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ n: index }),
        });
        expect(answer).toEqual({
          status: 202,
          headers: expect.objectContaining({ 'content-type': 'application/json', 'x-plivo-trace': 'abc' }),
          body: JSON.stringify({ ok: index }),
        });
      }
      expect(seen[9]).toEqual({ method: 'POST', url: '/v1/Account/MA1/Message/?x=10', type: 'application/json', body: '{"n":10}' });
      // undici may open a second socket while the first one drains; after that both are reused.
      expect(connections).toBeLessThanOrEqual(2);
      expect(new Set(ports).size).toBe(connections);
    } finally {
      await transport.close();
    }
  });

  it('passes error statuses through as answers', async () => {
    reset((_request, _body, response) => {
      response.writeHead(503, { 'Retry-After': '2' });
      response.end('busy');
    });
    const transport = createUndiciTransport();
    try {
      await expect(transport({ method: 'GET', url: `${origin}/`, headers: {} })).resolves.toEqual({
        status: 503,
        headers: expect.objectContaining({ 'retry-after': '2' }),
        body: 'busy',
      });
    } finally {
      await transport.close();
    }
  });

  it('connection refused -> NETWORK, requestSent false', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const transport = createUndiciTransport();
    try {
      const error = await transport({ method: 'POST', url: `http://127.0.0.1:${port}/`, headers: {}, body: '{}' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TextbridgeError);
      expect(error).toMatchObject({ code: 'NETWORK', details: { requestSent: false, errorCode: 'ECONNREFUSED' } });
    } finally {
      await transport.close();
    }
  });

  it('server closes the socket after reading the request -> NETWORK, not provably unsent', async () => {
    reset((request) => request.socket.destroy());
    const transport = createUndiciTransport();
    try {
      const error = await transport({ method: 'POST', url: `${origin}/`, headers: {}, body: '{"src":"1"}' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'NETWORK' });
      expect((error as TextbridgeError).details?.requestSent).not.toBe(false);
      expect(requests).toBe(1);
    } finally {
      await transport.close();
    }
  });

  it('no answer within timeoutMs -> TIMEOUT, requestSent true', async () => {
    reset(() => {});
    const transport = createUndiciTransport();
    try {
      const error = await transport({ method: 'POST', url: `${origin}/`, headers: {}, body: '{}', timeoutMs: 80 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'TIMEOUT', details: { requestSent: true } });
    } finally {
      for (const socket of sockets) socket.destroy();
      await transport.close();
    }
  });

  it('a request that times out while queued behind a busy socket was never sent -> NETWORK, requestSent false', async () => {
    reset(() => {});
    const transport = createUndiciTransport({ connections: 1 });
    try {
      const first = transport({ method: 'POST', url: `${origin}/first`, headers: {}, body: '{}', timeoutMs: 2_000 }).catch((e: unknown) => e);
      const second = await transport({ method: 'POST', url: `${origin}/second`, headers: {}, body: '{}', timeoutMs: 60 }).catch(
        (e: unknown) => e,
      );
      expect(second).toMatchObject({ code: 'NETWORK', details: { requestSent: false } });
      for (const socket of sockets) socket.destroy();
      expect(await first).toMatchObject({ code: 'NETWORK', details: { requestSent: true } });
      // Give the pool the chance to dispatch the timed-out request on a fresh socket: it must not.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests).toBe(1);
    } finally {
      await transport.close();
    }
  });

  it('an aborted signal sends nothing -> ABORTED, requestSent false', async () => {
    reset((_request, _body, response) => response.end());
    const transport = createUndiciTransport();
    try {
      const error = await transport({ method: 'POST', url: `${origin}/`, headers: {}, body: '{}', signal: AbortSignal.abort() }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'ABORTED', details: { requestSent: false } });
      expect(requests).toBe(0);
    } finally {
      await transport.close();
    }
  });

  it('after close() it refuses work without sending', async () => {
    const transport = createUndiciTransport();
    await transport.close();
    const error = await transport({ method: 'GET', url: `${origin}/`, headers: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK', details: { requestSent: false } });
  });

  it('rejects invalid options', () => {
    expect(() => createUndiciTransport({ connections: 0 })).toThrow(TextbridgeError);
    expect(() => createUndiciTransport({ keepAliveTimeoutMs: Number.NaN })).toThrow(/keepAliveTimeoutMs/);
  });
});
