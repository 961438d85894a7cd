// The webhook: body, Plivo signature (V3, V2 fallback) against the credential's token, the nonce spent once, and
// parsing, all in core. A refused request (forged, unsigned, replayed, malformed) is answered 400/401/403/413/415
// and starts nothing; an event the filters leave out is answered 200 and starts nothing either.
//
// The trigger answers Plivo itself, at once, with an empty 200: Plivo reads the body of its answer to an inbound
// message as a reply document (Message XML), and n8n's own "onReceived" answer would be JSON (or the literal text
// `firstEntryJson`). Replies are sent with Plivo SMS > Send, so Plivo never waits for the workflow (it retries after
// 8 s).
//
// Nonces are spent in core's process-wide store (24 h, 100,000 nonces; keys per account and URL): n8n runs
// production webhooks in its main process. It is forgotten on restart; with several webhook processes (queue
// mode) a shared store is plugged in through core's setDefaultNonceStore (see the package README).
//
// Nothing here evaluates an expression per request in version 2 (see the node's description): the Auth Token is
// cached (webhookAuthToken.ts), and the parameters read are plain values unless the user wrote an expression.
import { calledWebhookUrl, handlePlivoWebhook, matchesWebhookFilter, type WebhookKind } from '@textbridge/core/integration';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { splitList } from '../../shared/lists.js';
import { webhookAuthToken } from './webhookAuthToken.js';

interface TriggerOptions {
  statuses?: string[];
  intents?: string[];
  keywords?: string;
}


function queryOf(requestUrl: string | undefined): string {
  const start = (requestUrl ?? '').indexOf('?');
  return start === -1 ? '' : requestUrl!.slice(start + 1);
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const req = this.getRequestObject();
  const kind = this.getNodeParameter('event') as WebhookKind;
  const verifySignature = this.getNodeParameter('verifySignature', true) as boolean;
  const requireV3 = verifySignature && (this.getNodeParameter('requireV3', false) as boolean);
  const options = this.getNodeParameter('options', {}) as TriggerOptions;
  // Without verification there is nothing to check the token against: the credential is not loaded at all.
  const token = verifySignature ? await webhookAuthToken(this) : { authToken: '', reload: undefined };
  // n8n reads the body before calling a version 1 node; from version 2 on, only for types it parses itself.
  if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();

  const contentType = req.headers['content-type'];
  const result = await handlePlivoWebhook({
    kind,
    method: req.method,
    // The public webhook URL n8n knows, plus the query string Plivo called it with.
    url: calledWebhookUrl(this.getNodeWebhookUrl('default') ?? '', queryOf(req.originalUrl ?? req.url)),
    headers: req.headers,
    rawBody: req.rawBody,
    body: req.body as unknown,
    query: req.query as Record<string, unknown>,
    contentType: typeof contentType === 'string' ? contentType : null,
    authToken: token.authToken,
    ...(token.reload ? { reloadAuthToken: token.reload } : {}),
    verifySignature,
    requireV3,
  });

  const res = this.getResponseObject();
  if (!result.ok) {
    res.status(result.status).send(`${result.error.code}: ${result.error.message}`).end();
    return { noWebhookResponse: true };
  }
  res.status(200).end();
  const filter = {
    statuses: options.statuses ?? [],
    intents: options.intents ?? [],
    keywords: splitList(options.keywords ?? ''),
  };
  if (!matchesWebhookFilter(result.event, filter)) return { noWebhookResponse: true };
  const json = { ...result.event, signatureVersion: result.signatureVersion } as unknown as IDataObject;
  return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([json])] };
}
