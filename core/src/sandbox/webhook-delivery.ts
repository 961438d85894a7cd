// Calls a customer's URL the way Plivo does: form body for POST, query string for GET, signed with both the V2 and
// the V3 Plivo signature headers (core's own signer, so a drift between signing and verifying shows up in tests).
import { plivoSignatureHeaders } from '../webhooks/signature.js';
import type { HttpMethod } from './state.js';

export interface WebhookRequest {
  url: string;
  method: HttpMethod;
  params: Record<string, string>;
  authToken: string;
  timeoutMs: number;
  /** Aborts the call when the sandbox stops. */
  signal: AbortSignal;
}

export interface WebhookResult {
  /** HTTP status, or null when there was no answer (refused, timed out, aborted). */
  status: number | null;
  body: string;
  contentType: string;
  error: string | null;
}

export const WEBHOOK_USER_AGENT = 'PlivoHTTP/1.0 (Textbridge sandbox)';

/** The URL Plivo calls for a GET webhook: the configured URL with the parameters appended to its query. */
export function webhookGetUrl(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.append(key, value);
  return target.toString();
}

export async function deliverWebhook(request: WebhookRequest): Promise<WebhookResult> {
  const { method, params, authToken } = request;
  const targetUrl = method === 'GET' ? webhookGetUrl(request.url, params) : request.url;
  // A GET's parameters travel in the URL, so its signature covers them there; a POST's are signed as body params.
  const signature = plivoSignatureHeaders({
    method,
    url: targetUrl,
    params: method === 'GET' ? {} : params,
    authToken,
  });
  const headers: Record<string, string> = { ...signature, 'User-Agent': WEBHOOK_USER_AGENT };
  let body: string | undefined;
  if (method === 'POST') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(params).toString();
  }
  const timeout = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(targetUrl, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.any([timeout, request.signal]),
    });
    const text = await response.text();
    return { status: response.status, body: text, contentType: response.headers.get('content-type') ?? '', error: null };
  } catch (error) {
    const reason = timeout.aborted
      ? `no answer within ${request.timeoutMs} ms`
      : error instanceof Error
        ? describeNetworkError(error)
        : String(error);
    return { status: null, body: '', contentType: '', error: reason };
  }
}

function describeNetworkError(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
