// Find Number Wiring: where one of your Plivo numbers sends its inbound SMS (its application and that application's
// URL), and whether that is the URL expected, e.g. to see which Zap or workflow a number answers to after changes in
// the Plivo console. A number the account does not have gives no result.
import { checkNumberWiring, type NumberWiring } from '@textbridge/core/integration';
import { isTextbridgeError } from '@textbridge/core/errors';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalText } from '../inputs.js';
import { plivoClientFor } from '../transport.js';

export type WiringOutput = NumberWiring & { id: string; expectedUrl: string | null };

export async function findNumberWiring(z: ZObject, bundle: Bundle): Promise<WiringOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const expectedUrl = optionalText(bundle.inputData.expected_url);
    try {
      const wirings = await checkNumberWiring(plivoClientFor(z, bundle), {
        numbers: [optionalText(bundle.inputData.number) ?? ''],
        ...(expectedUrl === undefined ? {} : { expectedUrl }),
      });
      return wirings.map((wiring) => ({ id: wiring.number, ...wiring, expectedUrl: expectedUrl ?? null }));
    } catch (error) {
      if (isTextbridgeError(error, 'NOT_FOUND')) return [];
      throw error;
    }
  });
}

export const findNumberWiringSearch = defineSearch({
  key: 'find_number_wiring',
  noun: 'Number Wiring',
  display: {
    label: 'Find Number Wiring',
    description:
      'Finds where one of your Plivo numbers sends its incoming texts (its Plivo application and that application’s URL), and whether that is the URL you expect.',
  },
  operation: {
    inputFields: [
      {
        key: 'number',
        label: 'Your Plivo Number',
        required: true,
        dynamic: 'sender_number.id.label',
        helpText: 'The number to check, with its country code (e.g. +14155550123).',
      },
      {
        key: 'expected_url',
        label: 'Expected URL',
        required: false,
        helpText:
          'The URL the number should send its texts to. If a "New Inbound SMS" Zap stopped triggering, turn that Zap off and on again: that points the number back at it.',
      },
    ],
    perform: findNumberWiring,
    sample: {
      id: '+14155550123',
      number: '+14155550123',
      appId: '12345678901234567',
      appName: 'textbridge-hooks-zapier-com-hooks-standard-123',
      messageUrl: 'https://hooks.zapier.com/hooks/standard/123/abc/',
      messageMethod: 'POST',
      status: 'points-here',
      matches: true,
      textbridgeApp: true,
      expectedUrl: 'https://hooks.zapier.com/hooks/standard/123/abc/',
    },
    outputFields: [
      { key: 'number', label: 'Number (E.164)' },
      { key: 'appId', label: 'Application ID' },
      { key: 'appName', label: 'Application Name' },
      { key: 'messageUrl', label: 'Sends Incoming Texts To (URL)' },
      { key: 'messageMethod', label: 'Method' },
      { key: 'status', label: 'Status (points-here, points-elsewhere, linked, no-application, application-missing)' },
      { key: 'matches', label: 'Matches Expected URL', type: 'boolean' },
      { key: 'textbridgeApp', label: 'Application Made by Textbridge', type: 'boolean' },
      { key: 'expectedUrl', label: 'Expected URL' },
    ],
  },
});
