// New Inbound SMS (instant): subscribing points the chosen Plivo number at this Zap's webhook URL (through a Plivo
// Application, restored on unsubscribe); each call is accepted only with a valid Plivo signature whose nonce was
// not used before (checked in Zapier's cache, then in core's in-memory store).
import { registerInboundWebhook, unregisterInboundWebhook, type InboundWebhookRegistration } from '@textbridge/core/integration';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { INBOUND_OUTPUT_FIELDS, INBOUND_SAMPLE, inboundEventOutput, inboundRecordOutput, type InboundOutput } from '../inbound-output.js';
import { verifiedHookEvent } from '../hook-request.js';
import { optionalText } from '../inputs.js';
import { plivoClientFor } from '../transport.js';

/** Returned to Zapier, which hands it back as `bundle.subscribeData`. */
export type InboundSubscription = InboundWebhookRegistration & { id: string };

/** Messages shown as samples when the Zap is set up. */
const SAMPLE_MESSAGES = 3;

export async function subscribeInbound(z: ZObject, bundle: Bundle): Promise<InboundSubscription> {
  return withZapierErrors(z, bundle, async () => {
    const registration = await registerInboundWebhook(plivoClientFor(z, bundle), {
      url: bundle.targetUrl ?? '',
      method: 'POST',
      numbers: [optionalText(bundle.inputData.number) ?? ''],
    });
    return { id: registration.appId, ...registration };
  });
}

export async function unsubscribeInbound(z: ZObject, bundle: Bundle): Promise<{ id: string | null; unsubscribed: true }> {
  return withZapierErrors(z, bundle, async () => {
    const registration = bundle.subscribeData as InboundSubscription | undefined;
    await unregisterInboundWebhook(plivoClientFor(z, bundle), registration);
    return { id: registration?.appId ?? null, unsubscribed: true };
  });
}

/** Verifies and reads one webhook call (see hook-request.ts): a refused call gives no result. */
export async function receiveInbound(z: ZObject, bundle: Bundle): Promise<InboundOutput[]> {
  const event = await verifiedHookEvent(z, bundle, 'inbound');
  return event ? [inboundEventOutput(event, new Date().toISOString())] : [];
}

/** Recent messages to the number from Plivo's message log, for setting up the Zap (the log keeps no text). */
export async function listRecentInbound(z: ZObject, bundle: Bundle): Promise<InboundOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const toNumber = optionalText(bundle.inputData.number);
    const page = await plivoClientFor(z, bundle).listMessagesPage({
      direction: 'inbound',
      ...(toNumber === undefined ? {} : { toNumber }),
      limit: SAMPLE_MESSAGES,
    });
    return page.items.map(inboundRecordOutput);
  });
}

export const newInboundSmsTrigger = defineTrigger({
  key: 'new_inbound_sms',
  noun: 'Inbound SMS',
  display: {
    label: 'New Inbound SMS',
    description: 'Triggers instantly when someone sends a text message to your Plivo number.',
  },
  operation: {
    type: 'hook',
    inputFields: [
      {
        key: 'number',
        label: 'Your Plivo Number',
        required: true,
        dynamic: 'sender_number.id.label',
        helpText:
          'The number that receives the messages. While this Zap is on, Plivo sends that number’s incoming texts to Zapier instead of to the number’s current application; turning the Zap off puts the previous setting back.',
      },
      {
        key: 'require_v3',
        label: 'Require V3 Signatures',
        type: 'boolean',
        required: false,
        default: 'false',
        helpText:
          'Ignore calls signed only with Plivo’s older V2 signature, which does not cover the message: a captured call stripped of its V3 signature could carry other text. Turn on if your Plivo account’s callbacks carry `X-Plivo-Signature-V3`.',
      },
    ],
    performSubscribe: subscribeInbound,
    performUnsubscribe: unsubscribeInbound,
    perform: receiveInbound,
    performList: listRecentInbound,
    sample: INBOUND_SAMPLE,
    outputFields: [...INBOUND_OUTPUT_FIELDS],
  },
});
