// One Plivo client per node run, built from the `plivoSmsApi` credential and sending through n8n.
import { clientCredentials, readPlivoCredentials, type PlivoCredentials } from '@textbridge/core/integration';
import { createPlivoClient, type PlivoClient } from '@textbridge/core/plivo';
import { clockFromSleep } from '@textbridge/core/clock';
import { sleep, type IAllExecuteFunctions } from 'n8n-workflow';
import { createN8nTransport, PLIVO_CREDENTIAL_TYPE } from './transport.js';

export const USER_AGENT = 'n8n-nodes-plivo/0.1.0 (textbridge)';

/** Core waits (back-off, rate pacing) on n8n's own `sleep`: community nodes may not start timers themselves. */
export const n8nClock = clockFromSleep(sleep);

export type { PlivoCredentials };

export async function getPlivoCredentials(context: IAllExecuteFunctions): Promise<PlivoCredentials> {
  return readPlivoCredentials(await context.getCredentials(PLIVO_CREDENTIAL_TYPE));
}

export async function plivoClientFor(context: IAllExecuteFunctions): Promise<PlivoClient> {
  return createPlivoClient({
    ...clientCredentials(await getPlivoCredentials(context)),
    transport: createN8nTransport(context),
    clock: n8nClock,
    userAgent: USER_AGENT,
  });
}
