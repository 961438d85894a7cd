// Find Message: one message by its UUID, with its current delivery status. An unknown UUID gives no result.
import { isTextbridgeError } from '@textbridge/core/errors';
import { toMessageOutput as messageOutput, type MessageOutput } from '@textbridge/core/integration';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalText } from '../inputs.js';
import { MESSAGE_OUTPUT_FIELDS, MESSAGE_SAMPLE } from '../message-output.js';
import { plivoClientFor } from '../transport.js';

export async function findMessage(z: ZObject, bundle: Bundle): Promise<MessageOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const uuid = optionalText(bundle.inputData.message_uuid) ?? '';
    try {
      return [messageOutput(await plivoClientFor(z, bundle).getMessage(uuid))];
    } catch (error) {
      if (isTextbridgeError(error, 'NOT_FOUND')) return [];
      throw error;
    }
  });
}

export const findMessageSearch = defineSearch({
  key: 'find_message',
  noun: 'Message',
  display: {
    label: 'Find Message',
    description: 'Finds a sent or received message by its Message UUID and tells you its delivery status.',
  },
  operation: {
    inputFields: [
      {
        key: 'message_uuid',
        label: 'Message UUID',
        required: true,
        helpText: 'The Message UUID from an earlier **Send SMS** step or trigger, e.g. 2b3f8f4e-1c2d-11ef-9a1c-0242ac110002.',
      },
    ],
    perform: findMessage,
    sample: MESSAGE_SAMPLE,
    outputFields: [...MESSAGE_OUTPUT_FIELDS],
  },
});
