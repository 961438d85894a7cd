// One Plivo webhook call as Zapier hands it to a REST hook's `perform`, read by core's handlePlivoWebhook (body
// limits, signature, nonce spent in Zapier's cache and core's store). Shared by New Inbound SMS and Delivery Status
// (Instant). A request that is not from Plivo, or a replay of one that was, gives no event rather than an error, so a
// stranger who finds the URL can neither start the Zap nor get it switched off.
import { calledWebhookUrl, handlePlivoWebhook, type HandlePlivoWebhookResult } from '@textbridge/core/integration';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { credentialsOf } from './credentials.js';
import { flag } from './inputs.js';
import { zapierNonceStore } from './nonce-cache.js';

type Kind = 'inbound' | 'status';
type EventOf<K extends Kind> = Extract<HandlePlivoWebhookResult<K>, { ok: true }>['event'];

/** Zapier hands headers over renamed (`Http-Content-Type`); the body's content type is needed to read it. */
export function contentTypeOf(headers: Record<string, string> | undefined): string | null {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (/^(http[-_])?content[-_]type$/i.test(name)) return value;
  }
  return null;
}

/** The verified event of the call, or null (logged) when it is refused. */
export async function verifiedHookEvent<K extends Kind>(z: ZObject, bundle: Bundle, kind: K): Promise<EventOf<K> | null> {
  const raw = bundle.rawRequest ?? {};
  const subscription = bundle.subscribeData as { url?: string } | undefined;
  const result = await handlePlivoWebhook({
    kind,
    method: raw.method ?? 'POST',
    url: calledWebhookUrl(bundle.targetUrl ?? subscription?.url ?? '', raw.querystring),
    headers: raw.headers ?? {},
    rawBody: raw.content ?? null,
    // Only read when Zapier kept no raw body: the raw bytes are what Plivo signed.
    body: bundle.cleanedRequest,
    query: raw.querystring ?? null,
    contentType: contentTypeOf(raw.headers),
    authToken: credentialsOf(bundle.authData).authToken,
    requireV3: flag(bundle.inputData?.require_v3, false),
    sharedNonceStore: zapierNonceStore(z),
  });
  if (!result.ok) {
    z.console.log(`Ignored a webhook call (${result.status}): ${result.error.message}`);
    return null;
  }
  return result.event as EventOf<K>;
}
