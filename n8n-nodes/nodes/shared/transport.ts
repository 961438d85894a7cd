// The adapter from core's `Transport` to n8n's `httpRequestWithAuthentication`: n8n applies the credential's Basic
// auth (so core's own Authorization header is dropped), proxies and SSRF rules; non-2xx answers come back as
// responses, and failures without an answer are classified by core (was the request sent or not).
import { classifyTransportError, type Transport, type TransportRequest, type TransportResponse } from '@textbridge/core/transport';
import type { IAllExecuteFunctions, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export const PLIVO_CREDENTIAL_TYPE = 'plivoSmsApi';

interface FullResponse {
  statusCode?: unknown;
  headers?: unknown;
  body?: unknown;
}

function withoutAuthorization(headers: Record<string, string>): IDataObject {
  const kept: IDataObject = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'authorization') kept[name] = value;
  }
  return kept;
}

function headerRecord(raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return headers;
  // Axios hands an AxiosHeaders instance; its own enumerable entries are the header values.
  const source = typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): unknown }).toJSON() : raw;
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return headers;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  // Older n8n versions parse JSON answers whatever `json` says: give core the text back.
  return JSON.stringify(body);
}

export function toHttpRequestOptions(request: TransportRequest): IHttpRequestOptions {
  const options: IHttpRequestOptions = {
    url: request.url,
    method: request.method,
    headers: withoutAuthorization(request.headers),
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
    json: false,
    encoding: 'text',
  };
  // Bytes (a media upload) go as a Buffer over the same memory: n8n's HTTP client sends Buffers as they are.
  if (typeof request.body === 'string') options.body = request.body;
  else if (request.body !== undefined) options.body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
  if (request.signal) options.abortSignal = request.signal;
  return options;
}

export function toTransportResponse(answer: unknown): TransportResponse {
  const full = (typeof answer === 'object' && answer !== null ? answer : {}) as FullResponse;
  const status = Number(full.statusCode);
  return {
    status: Number.isInteger(status) ? status : 0,
    headers: headerRecord(full.headers),
    body: bodyText(full.body),
  };
}

/** A core Transport that sends through n8n with the `plivoSmsApi` credential of the running node. */
export function createN8nTransport(context: IAllExecuteFunctions): Transport {
  return async (request) => {
    try {
      const answer: unknown = await context.helpers.httpRequestWithAuthentication.call(
        context,
        PLIVO_CREDENTIAL_TYPE,
        toHttpRequestOptions(request),
      );
      return toTransportResponse(answer);
    } catch (error) {
      // n8n wraps the HTTP library's error (its `cause` chain keeps the socket error code core reads).
      throw classifyTransportError(error, request.signal ? { signal: request.signal } : {});
    }
  };
}
