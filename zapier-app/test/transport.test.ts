import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isTextbridgeError, type TransportRequest } from '@textbridge/core';
import type { Bundle, HttpRequestOptionsWithUrl, ZObject } from 'zapier-platform-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPlivoAuthHeader } from '../src/authentication.js';
import { findMessage } from '../src/searches/find-message.js';
import { createZapierTransport } from '../src/transport.js';
import {
  ACCOUNT_PATH,
  AUTH_ID,
  AUTH_TOKEN,
  BASIC,
  appTester,
  authData,
  failureOf,
  isolateNetwork,
  messageRecord,
  plivoApi,
  resetNetwork,
  zapierErrorBody,
} from './helpers.js';

/** A loopback URL nothing listens on: a port the system just handed out and took back. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const GET_MESSAGE = `${ACCOUNT_PATH}/Message/m-1/`;

/** A `z` whose request records its options and answers (or fails) as told. */
function fakeZ(answer: () => Promise<unknown>) {
  const calls: Record<string, unknown>[] = [];
  const z = {
    request: async (options: Record<string, unknown>) => {
      calls.push(options);
      return answer();
    },
  } as unknown as ZObject;
  return { z, calls };
}

const REQUEST: TransportRequest = {
  method: 'POST',
  url: 'https://api.plivo.com/v1/Account/X/Message/',
  headers: { Authorization: 'Basic from-core', 'Content-Type': 'application/json' },
  body: '{"text":"{{bundle.authData.auth_token}}"}',
  timeoutMs: 1234,
};

describe('Zapier transport', () => {
  it('sends through z.request without core’s Authorization header, keeping non-2xx answers as responses', async () => {
    const headers = new Map([['Retry-After', '3'], ['Content-Type', 'application/json']]);
    const { z, calls } = fakeZ(async () => ({ status: 429, headers, content: '{"error":"too many requests"}' }));
    const response = await createZapierTransport(z)(REQUEST);
    expect(response).toEqual({ status: 429, headers: { 'retry-after': '3', 'content-type': 'application/json' }, body: '{"error":"too many requests"}' });
    expect(calls).toEqual([
      {
        url: REQUEST.url,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: REQUEST.body,
        timeout: 1234,
        skipThrowForStatus: true,
        throwForThrottlingEarly: false,
        merge: false,
      },
    ]);
  });

  it('maps a refused connection to NETWORK (provably not sent) and node-fetch’s timeout to TIMEOUT', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', syscall: 'connect' });
    const network = await failureOf(createZapierTransport(fakeZ(() => Promise.reject(refused)).z)(REQUEST));
    expect(isTextbridgeError(network, 'NETWORK')).toBe(true);
    expect((network as { details?: Record<string, unknown> }).details?.requestSent).toBe(false);

    const timedOut = Object.assign(new Error('network timeout at: https://api.plivo.com/'), { type: 'request-timeout' });
    const timeout = await failureOf(createZapierTransport(fakeZ(() => Promise.reject(timedOut)).z)(REQUEST));
    expect(isTextbridgeError(timeout, 'TIMEOUT')).toBe(true);
  });
});

describe('Basic auth middleware', () => {
  const bundle = { authData } as unknown as Bundle;
  const z = {} as ZObject;

  it('replaces any Authorization header, whatever its case, with exactly one for this connection', () => {
    const request: HttpRequestOptionsWithUrl = { url: 'https://api.plivo.com/v1/Account/X/', headers: { authorization: 'Basic stale', Accept: 'application/json' } };
    expect(addPlivoAuthHeader(request, z, bundle).headers).toEqual({ Accept: 'application/json', Authorization: BASIC });
  });

  it('leaves requests to other hosts alone', () => {
    const request: HttpRequestOptionsWithUrl = { url: 'https://attacker.example/', headers: {} };
    expect(addPlivoAuthHeader(request, z, bundle).headers).toEqual({});
  });
});

describe('error mapping through the app', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('turns a 429 into a ThrottledError carrying Plivo’s Retry-After, without waiting for it', async () => {
    const scope = plivoApi().get(GET_MESSAGE).once().reply(429, { api_id: 'x', error: 'too many requests' }, { 'Retry-After': '42' });
    const error = await failureOf(appTester(findMessage, { authData, inputData: { message_uuid: 'm-1' } }));
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
    expect(zapierErrorBody(error)).toMatchObject({ delay: 42 });
    expect(String(zapierErrorBody(error).message)).toMatch(/Plivo asked to wait 42 s before retrying \(Retry-After\)/);
    expect(String(zapierErrorBody(error).message)).toMatch(/Send again after 42 s/);
  });

  it('retries a passing server error on a read and succeeds', async () => {
    plivoApi().get(GET_MESSAGE).reply(500, { api_id: 'x', error: 'internal error' });
    plivoApi().get(GET_MESSAGE).reply(200, { api_id: 'y', ...messageRecord({ message_uuid: 'm-1' }) });
    const [message] = await appTester(findMessage, { authData, inputData: { message_uuid: 'm-1' } });
    expect(message?.messageUuid).toBe('m-1');
  });

  it('reports an unreachable Plivo as a NETWORK error with a hint', async () => {
    const closed = await closedPortUrl();
    const error = await failureOf(appTester(findMessage, { authData: { ...authData, base_url: closed }, inputData: { message_uuid: 'm-1' } }));
    const body = zapierErrorBody(error);
    expect(body.code).toBe('NETWORK');
    expect(body.message).toMatch(/Could not reach Plivo/);
  });

  it('never shows the token, even when Plivo’s answer echoes it', async () => {
    plivoApi().get(GET_MESSAGE).reply(400, { api_id: 'x', error: `bad request for token ${AUTH_TOKEN}` });
    const error = await failureOf(appTester(findMessage, { authData, inputData: { message_uuid: 'm-1' } }));
    expect(zapierErrorBody(error).code).toBe('INVALID_REQUEST');
    expect(error.message).not.toContain(AUTH_TOKEN);
    expect(error.message).toContain('[redacted]');
  });

  it('never shows the token in any form: Basic values, base64 of the token, URL- and JSON-encoded echoes', async () => {
    const base64 = (text: string): string => Buffer.from(text).toString('base64');
    const forms = [AUTH_TOKEN, base64(`${AUTH_ID}:${AUTH_TOKEN}`), base64(AUTH_TOKEN), encodeURIComponent(AUTH_TOKEN)];
    for (const echo of [BASIC, base64(AUTH_TOKEN), JSON.stringify({ auth: AUTH_TOKEN }), `t=${encodeURIComponent(AUTH_TOKEN)}`]) {
      plivoApi().get(GET_MESSAGE).reply(400, { api_id: 'x', error: `rejected: ${echo}` });
      const error = await failureOf(appTester(findMessage, { authData, inputData: { message_uuid: 'm-1' } }));
      const shown = [error.message, String(error.stack), inspect(error, { depth: Infinity })].join('\n');
      for (const form of forms) expect(shown).not.toContain(form);
    }
  });
});
