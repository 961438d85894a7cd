// The webhook: body, Plivo signature (V3, V2 fallback) against the credential's token, and parsing, all in core.
// A refused request is answered 400/401/403 and starts nothing; an event the filters leave out is answered 200 and
// starts nothing either.
import { calledWebhookUrl, handlePlivoWebhook, matchesWebhookFilter, type WebhookKind } from '@textbridge/core/integration';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { getPlivoCredentials } from '../../shared/client.js';
import { splitList } from '../../shared/lists.js';

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
  const options = this.getNodeParameter('options', {}) as TriggerOptions;
  const { authToken } = await getPlivoCredentials(this);

  const contentType = req.headers['content-type'];
  const result = handlePlivoWebhook({
    kind,
    method: req.method,
    // The public webhook URL n8n knows, plus the query string Plivo called it with.
    url: calledWebhookUrl(this.getNodeWebhookUrl('default') ?? '', queryOf(req.originalUrl ?? req.url)),
    headers: req.headers,
    rawBody: req.rawBody,
    body: req.body as unknown,
    query: req.query as Record<string, unknown>,
    contentType: typeof contentType === 'string' ? contentType : null,
    authToken,
    verifySignature,
  });

  if (!result.ok) {
    const res = this.getResponseObject();
    res.status(result.status).send(`${result.error.code}: ${result.error.message}`).end();
    return { noWebhookResponse: true };
  }
  const filter = {
    statuses: options.statuses ?? [],
    intents: options.intents ?? [],
    keywords: splitList(options.keywords ?? ''),
  };
  if (!matchesWebhookFilter(result.event, filter)) return {};
  const json = { ...result.event, signatureVersion: result.signatureVersion } as unknown as IDataObject;
  return { workflowData: [this.helpers.returnJsonArray([json])] };
}
