// One Plivo client per node run, built from the `plivoSmsApi` credential and sending through n8n.
import { createPlivoClient, DEFAULT_PLIVO_API_URL, type PlivoClient } from '@textbridge/core/plivo';
import { clockFromSleep } from '@textbridge/core/clock';
import { sleep, type IAllExecuteFunctions, type ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createN8nTransport, PLIVO_CREDENTIAL_TYPE } from './transport.js';

export const USER_AGENT = 'n8n-nodes-plivo/0.1.0 (textbridge)';

/** Core waits (back-off, rate pacing) on n8n's own `sleep`: community nodes may not start timers themselves. */
export const n8nClock = clockFromSleep(sleep);

export interface PlivoCredentials {
  authId: string;
  authToken: string;
  /** Undefined for Plivo itself, so that lookups keep going to Plivo's Lookup API host. */
  baseUrl: string | undefined;
}

export function readCredentials(data: ICredentialDataDecryptedObject): PlivoCredentials {
  const baseUrl = typeof data.baseUrl === 'string' ? data.baseUrl.trim().replace(/\/+$/, '') : '';
  return {
    authId: typeof data.authId === 'string' ? data.authId.trim() : '',
    authToken: typeof data.authToken === 'string' ? data.authToken : '',
    baseUrl: baseUrl === '' || baseUrl === DEFAULT_PLIVO_API_URL ? undefined : baseUrl,
  };
}

export async function getPlivoCredentials(context: IAllExecuteFunctions): Promise<PlivoCredentials> {
  return readCredentials(await context.getCredentials(PLIVO_CREDENTIAL_TYPE));
}

export async function plivoClientFor(context: IAllExecuteFunctions): Promise<PlivoClient> {
  const credentials = await getPlivoCredentials(context);
  return createPlivoClient({
    authId: credentials.authId,
    authToken: credentials.authToken,
    ...(credentials.baseUrl === undefined ? {} : { baseUrl: credentials.baseUrl }),
    transport: createN8nTransport(context),
    clock: n8nClock,
    userAgent: USER_AGENT,
  });
}
