// The Auth Token the trigger checks signatures with, kept between requests. In a webhook, n8n's getCredentials
// decrypts the credential and resolves it in a throwaway workflow with an expression sandbox of its own: that was a
// third of the trigger's cost per request. Kept per workflow, trigger node and credential (so each workflow still
// loads the credentials it may use, once), for at most 10 s, and loaded again before a signature that does not match
// is refused (core's createAuthTokenCache / handlePlivoWebhook's reloadAuthToken): an edited token counts at once, a
// revoked one stops counting within 10 s.
import { createAuthTokenCache } from '@textbridge/core/integration';
import type { IWebhookFunctions } from 'n8n-workflow';
import { getPlivoCredentials } from '../../shared/client.js';
import { PLIVO_CREDENTIAL_TYPE } from '../../shared/transport.js';

const cache = createAuthTokenCache({ now: () => Date.now() });

export interface WebhookAuthToken {
  authToken: string;
  reload: () => Promise<string>;
}

/** Null when the node names no stored credential (nothing to key on): the token is then loaded every time. */
function cacheKey(context: IWebhookFunctions): string | null {
  const node = context.getNode();
  const credentialId = node.credentials?.[PLIVO_CREDENTIAL_TYPE]?.id;
  if (!credentialId) return null;
  return JSON.stringify([context.getWorkflow().id ?? '', node.id ?? node.name, credentialId]);
}

export async function webhookAuthToken(context: IWebhookFunctions): Promise<WebhookAuthToken> {
  const load = async () => (await getPlivoCredentials(context)).authToken;
  const key = cacheKey(context);
  if (key === null) return { authToken: await load(), reload: load };
  return { authToken: await cache.get(key, load), reload: async () => await cache.reload(key, load) };
}
