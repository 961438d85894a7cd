import { describe, expect, it, vi } from 'vitest';
import type { IAllExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { createN8nTransport, toTransportResponse } from '../nodes/shared/transport.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

/** A node context whose HTTP helper records what it was asked and answers (or fails) as told. */
function contextAnswering(answer: () => unknown) {
  const calls: { type: string; options: IHttpRequestOptions }[] = [];
  const context = {
    helpers: {
      async httpRequestWithAuthentication(type: string, options: IHttpRequestOptions) {
        calls.push({ type, options });
        return answer();
      },
    },
  } as unknown as IAllExecuteFunctions;
  return { context, calls };
}

describe('n8n transport adapter', () => {
  it('sends through the plivoSmsApi credential without core\'s own Authorization header, asking for the raw answer', async () => {
    const { context, calls } = contextAnswering(() => ({ statusCode: 202, headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }));
    const response = await createN8nTransport(context)({
      method: 'POST',
      url: 'https://api.plivo.com/v1/Account/X/Message/',
      headers: { Authorization: 'Basic c2VjcmV0', 'Content-Type': 'application/json', 'User-Agent': 'ua' },
      body: '{"dst":"1"}',
      timeoutMs: 5000,
    });

    expect(response).toEqual({ status: 202, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(calls[0]!.type).toBe('plivoSmsApi');
    expect(calls[0]!.options).toMatchObject({
      url: 'https://api.plivo.com/v1/Account/X/Message/',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'ua' },
      body: '{"dst":"1"}',
      timeout: 5000,
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      json: false,
    });
    expect(Object.keys(calls[0]!.options.headers ?? {}).map((name) => name.toLowerCase())).not.toContain('authorization');
  });

  it('hands error statuses back as responses, whatever form the body comes in', () => {
    expect(toTransportResponse({ statusCode: 429, headers: { 'retry-after': '2' }, body: Buffer.from('{"error":"slow down"}') })).toEqual({
      status: 429,
      headers: { 'retry-after': '2' },
      body: '{"error":"slow down"}',
    });
    expect(toTransportResponse({ statusCode: 400, headers: {}, body: { error: 'parsed by an older n8n' } }).body).toBe(
      '{"error":"parsed by an older n8n"}',
    );
    expect(toTransportResponse({ statusCode: 204, headers: { 'set-cookie': ['a=1', 'b=2'] }, body: undefined })).toEqual({
      status: 204,
      headers: { 'set-cookie': 'a=1, b=2' },
      body: '',
    });
  });

  it('classifies failures without an answer: a refused connection was provably not sent', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', syscall: 'connect' });
    const wrapped = Object.assign(new Error('The service refused the connection'), { cause: refused });
    const { context } = contextAnswering(() => {
      throw wrapped;
    });
    await expect(createN8nTransport(context)({ method: 'GET', url: 'https://api.plivo.com/', headers: {} })).rejects.toMatchObject({
      name: 'TextbridgeError',
      code: 'NETWORK',
      details: { requestSent: false },
    });

    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const { context: resetting } = contextAnswering(() => {
      throw Object.assign(new Error('wrapped'), { cause: reset });
    });
    await expect(createN8nTransport(resetting)({ method: 'POST', url: 'https://api.plivo.com/', headers: {} })).rejects.toMatchObject({
      code: 'NETWORK',
      details: { requestSent: 'unknown' },
    });
  });
});
