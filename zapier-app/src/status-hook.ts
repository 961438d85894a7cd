// The Delivery Status (Instant) trigger's subscriptions, as core's status-callback registry keeps them at Plivo:
// Send SMS reports delivery to the newest one when the step names no Status Callback URL.
import { listStatusCallbacks } from '@textbridge/core/integration';
import type { PlivoClient } from '@textbridge/core/plivo';
import type { ZObject } from 'zapier-platform-core';

/** Labels of Zapier's status hooks start with this; n8n's with `n8n-`. */
export const ZAPIER_STATUS_LABEL = 'zapier-';

/** The hook URL's tail tells Zaps apart in the Plivo console. */
export function zapierStatusLabel(targetUrl: string): string {
  return `${ZAPIER_STATUS_LABEL}${targetUrl.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(-24)}`;
}

/**
 * The newest subscribed status hook's URL, or null when there is none. A failure to list (after the client's own
 * retries) does not fail the send: the message goes without a status callback, the step says so
 * (`statusCallbackUrl` null) and the reason is logged. Sending is what the step is for; a report is extra.
 */
export async function subscribedStatusUrl(z: ZObject, client: PlivoClient): Promise<string | null> {
  try {
    const [newest] = await listStatusCallbacks(client, { labelPrefix: ZAPIER_STATUS_LABEL });
    return newest?.url ?? null;
  } catch (error) {
    z.console.log(`Delivery Status hooks could not be listed, sending without a status callback: ${(error as Error).message}`);
    return null;
  }
}
