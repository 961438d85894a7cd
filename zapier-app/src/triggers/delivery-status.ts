// Delivery Status Update: polls Plivo's message log for sent messages. Zapier remembers each (message, status) pair
// it has seen, so a message triggers again each time its status changes (queued -> sent -> delivered).
import { toMessageOutput as messageOutput, type MessageOutput } from '@textbridge/core/integration';
import { MESSAGE_STATES, type ListMessagesFilters, type Message } from '@textbridge/core/plivo';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalText } from '../inputs.js';
import { MESSAGE_OUTPUT_FIELDS, MESSAGE_SAMPLE } from '../message-output.js';
import { pollItems } from '../polling.js';
import { plivoClientFor } from '../transport.js';

/** Plivo's outbound message states, with what each means, for the status filter. */
const STATUS_CHOICES = Object.fromEntries(
  MESSAGE_STATES.filter((state) => state.outbound).map((state) => [state.value, `${state.label} (${state.description})`]),
);

/** The dedupe key: the same message is new again in each status. */
export function statusUpdateOutput(message: Message): MessageOutput {
  return { ...messageOutput(message), id: `${message.messageUuid}:${message.messageState}` };
}

export async function pollStatusUpdates(z: ZObject, bundle: Bundle): Promise<MessageOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const wanted = optionalText(bundle.inputData.status)?.toLowerCase();
    const updates: MessageOutput[] = [];
    const messages = plivoClientFor(z, bundle).listMessages({
      direction: 'outbound',
      // A custom value is passed on as typed: core checks it and names the field when Plivo has no such status.
      ...(wanted === undefined ? {} : { state: wanted as ListMessagesFilters['state'] }),
      maxItems: pollItems(bundle),
    });
    for await (const message of messages) updates.push(statusUpdateOutput(message));
    return updates;
  });
}

export const deliveryStatusTrigger = defineTrigger({
  key: 'delivery_status',
  noun: 'Delivery Status',
  display: {
    label: 'Delivery Status Update',
    description:
      'Triggers when a message you sent changes status, e.g. when it is delivered or fails. Checks every few minutes.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'status',
        label: 'Only This Status',
        required: false,
        choices: STATUS_CHOICES,
        helpText:
          'Leave empty to trigger on every status change, or pick one, e.g. **Undelivered** to follow up on messages that did not arrive.',
      },
    ],
    perform: pollStatusUpdates,
    sample: { ...MESSAGE_SAMPLE, id: `${MESSAGE_SAMPLE.messageUuid}:${MESSAGE_SAMPLE.status}` },
    outputFields: MESSAGE_OUTPUT_FIELDS.map((field) =>
      field.key === 'messageUuid' || field.key === 'status' ? { ...field, primary: true } : { ...field },
    ),
  },
});
