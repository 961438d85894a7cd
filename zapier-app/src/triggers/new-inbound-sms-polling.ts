// New Inbound SMS (polling): the fallback for accounts where a number cannot be pointed at Zapier. Reads Plivo's
// message log, which has the sender and time but not the text.
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalText } from '../inputs.js';
import { INBOUND_OUTPUT_FIELDS, INBOUND_SAMPLE, inboundRecordOutput, type InboundOutput } from '../inbound-output.js';
import { pollItems } from '../polling.js';
import { plivoClientFor } from '../transport.js';

export async function pollInbound(z: ZObject, bundle: Bundle): Promise<InboundOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const toNumber = optionalText(bundle.inputData.number);
    const found: InboundOutput[] = [];
    const messages = plivoClientFor(z, bundle).listMessages({
      direction: 'inbound',
      ...(toNumber === undefined ? {} : { toNumber }),
      maxItems: pollItems(bundle),
    });
    for await (const message of messages) found.push(inboundRecordOutput(message));
    return found;
  });
}

export const newInboundSmsPollingTrigger = defineTrigger({
  key: 'new_inbound_sms_polling',
  noun: 'Inbound SMS',
  display: {
    label: 'New Inbound SMS (Polling)',
    description:
      'Triggers when your Plivo number receives a text, checking every few minutes. Plivo’s message log does not include the message text: use **New Inbound SMS** to get the text instantly.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'number',
        label: 'Your Plivo Number',
        required: false,
        dynamic: 'sender_number.id.label',
        helpText: 'Only messages to this number. Leave empty for messages to any of your numbers.',
      },
    ],
    perform: pollInbound,
    sample: { ...INBOUND_SAMPLE, text: null },
    outputFields: [...INBOUND_OUTPUT_FIELDS],
  },
});
