// One call for a host that received a request on its webhook URL: body -> signature -> nonce spent -> typed event,
// with the HTTP status to answer when it is refused. Hosts only translate their request object into this input
// (and pass a shared nonce store when the host has one).
import { TextbridgeError } from '../errors/index.js';
import { parseWebhookBody } from '../webhooks/body.js';
import type { NonceStore } from '../webhooks/nonce-store.js';
import { parseDeliveryStatus, parseInboundMessage } from '../webhooks/parse.js';
import type { DeliveryStatusEvent, InboundMessageEvent } from '../webhooks/parse.js';
import type { PlivoParams } from '../webhooks/param-values.js';
import { defaultNonceStore, nonceKeys, spendNonceKeys } from '../webhooks/replay.js';
import { replayError, verifyPlivoSignatureNonces } from '../webhooks/signature.js';
import type { SignatureVersion } from '../webhooks/signature.js';

export type WebhookKind = 'inbound' | 'status';

/**
 * The URL Plivo signed, rebuilt by a host that knows its public webhook URL and, separately, the query string the
 * call came with (with or without `?`). A V3 signature covers the query, so a query added or changed on the way
 * must be part of what is checked.
 */
export function calledWebhookUrl(publicUrl: string, query: string | null | undefined): string {
  const q = (query ?? '').replace(/^\?/, '');
  return q === '' ? publicUrl : `${publicUrl.split('?')[0]}?${q}`;
}

export interface HandlePlivoWebhookInput {
  kind: WebhookKind;
  method: string;
  /** The URL as Plivo called it (public scheme, host, path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined> | unknown;
  /** The body bytes as received; preferred, since parsed bodies may have lost repeated keys or types. */
  rawBody?: Buffer | Uint8Array | string | null;
  /** An already-parsed body, for hosts that do not keep the raw one. */
  body?: unknown;
  query?: string | URLSearchParams | Record<string, unknown> | null;
  contentType?: string | null;
  authToken: string;
  /**
   * For hosts that cache the Auth Token (see createAuthTokenCache): loads it afresh. Called once when a signature
   * does not match `authToken`, and the request checked again with what it returns before being refused: the
   * credential may have been edited since the token was cached.
   */
  reloadAuthToken?: () => Promise<string>;
  /** Default true. Turn off only for local tests: anyone could then start the workflow. */
  verifySignature?: boolean;
  /** Refuse requests without a V3 signature (401): for accounts whose callbacks carry V3. Default false. */
  requireV3?: boolean;
  /**
   * Where the nonces of accepted requests are spent. Default: the process-wide store (defaultNonceStore()), so
   * every receiving path refuses replays without configuration.
   */
  nonceStore?: NonceStore;
  /** A store the host shares between its processes or invocations (e.g. Zapier's cache), checked before `nonceStore`. */
  sharedNonceStore?: NonceStore;
  maxBytes?: number;
}

export type HandlePlivoWebhookResult<K extends WebhookKind = WebhookKind> =
  | {
      ok: true;
      event: K extends 'inbound' ? InboundMessageEvent : K extends 'status' ? DeliveryStatusEvent : InboundMessageEvent | DeliveryStatusEvent;
      params: PlivoParams;
      signatureVersion: SignatureVersion | null;
    }
  | { ok: false; status: 400 | 401 | 403 | 413 | 415 | 503; error: TextbridgeError };

function paramsOf(input: HandlePlivoWebhookInput) {
  const hasRaw = input.rawBody !== undefined && input.rawBody !== null && input.rawBody.length > 0;
  if (!hasRaw && input.body !== undefined && input.body !== null && typeof input.body === 'object' && input.method.toUpperCase() !== 'GET') {
    // The host parsed the body already: serialise it back as JSON so the same limits and value rules apply.
    return parseWebhookBody({
      method: input.method,
      contentType: 'application/json',
      rawBody: JSON.stringify(input.body),
      query: input.query ?? null,
      ...(input.maxBytes === undefined ? {} : { maxBytes: input.maxBytes }),
    });
  }
  return parseWebhookBody({
    method: input.method,
    contentType: input.contentType ?? null,
    rawBody: input.rawBody ?? null,
    query: input.query ?? null,
    ...(input.maxBytes === undefined ? {} : { maxBytes: input.maxBytes }),
  });
}

/** Spends the request's nonces; a refusal when one was spent before (403) or a store failed (503). */
async function spendNonces(
  input: HandlePlivoWebhookInput,
  nonces: readonly string[],
  nonceField: string,
): Promise<{ ok: false; status: 403 | 503; error: TextbridgeError } | null> {
  const stores = [input.sharedNonceStore, input.nonceStore ?? defaultNonceStore()].filter((store) => store !== undefined);
  try {
    const result = await spendNonceKeys(nonceKeys(input.url, input.authToken, nonces), stores);
    return result.spent ? null : { ok: false, status: 403, error: replayError(nonceField) };
  } catch (cause) {
    const error = new TextbridgeError(
      'REPLAY_CHECK_FAILED',
      'The nonce store did not answer, so the request was refused rather than risk accepting a replay.',
      { cause, field: 'nonceStore' },
    );
    return { ok: false, status: 503, error };
  }
}

/**
 * Reads, verifies and parses one webhook request. A valid request's nonces are spent (in the process-wide store
 * unless told otherwise) before it is parsed, so a replay is refused with 403 whatever its body says.
 */
export async function handlePlivoWebhook<K extends WebhookKind>(
  input: HandlePlivoWebhookInput & { kind: K },
): Promise<HandlePlivoWebhookResult<K>> {
  try {
    const body = paramsOf(input);
    if (!body.ok) return body;
    let signatureVersion: SignatureVersion | null = null;
    if (input.verifySignature !== false) {
      const verifyWith = (authToken: string) =>
        verifyPlivoSignatureNonces({
          method: input.method,
          url: input.url,
          params: body.params,
          headers: input.headers,
          authToken,
          requireV3: input.requireV3 === true,
        });
      let authToken = input.authToken;
      let { check, nonces, nonceField } = verifyWith(authToken);
      if (!check.valid && !check.unsigned && input.reloadAuthToken) {
        let fresh: string;
        try {
          fresh = await input.reloadAuthToken();
        } catch (cause) {
          // Possibly signed with a token the host has and we could not load: 503, so Plivo retries it later.
          const error = new TextbridgeError(
            'AUTHENTICATION_FAILED',
            'The signature does not match the Auth Token in use, and the credential could not be loaded again to check it against the current one; the request was refused so that Plivo retries it.',
            { cause, field: 'authToken' },
          );
          return { ok: false, status: 503, error };
        }
        if (fresh !== authToken) {
          authToken = fresh;
          ({ check, nonces, nonceField } = verifyWith(authToken));
        }
      }
      // 401: nothing to check (no complete signature, or no V3 one when it is required); 403: a signature that
      // does not match, or a replay.
      if (!check.valid) return { ok: false, status: check.unsigned ? 401 : 403, error: check.error };
      const refusal = await spendNonces({ ...input, authToken }, nonces, nonceField);
      if (refusal) return refusal;
      signatureVersion = check.version;
    }
    const parsed = input.kind === 'inbound' ? parseInboundMessage(body.params) : parseDeliveryStatus(body.params);
    if (!parsed.ok) return { ok: false, status: 400, error: parsed.error };
    return { ok: true, event: parsed.event, params: body.params, signatureVersion } as HandlePlivoWebhookResult<K>;
  } catch (error) {
    const wrapped =
      error instanceof TextbridgeError
        ? error
        : new TextbridgeError('INVALID_WEBHOOK', 'The webhook request could not be read.', { cause: error });
    return { ok: false, status: 400, error: wrapped };
  }
}
