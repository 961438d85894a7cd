// Hidden trigger behind the "From" and "Your Plivo Number" dropdowns: the account's SMS-enabled numbers.
import { accountNumberForms } from '@textbridge/core/integration';
import type { AccountNumber } from '@textbridge/core/plivo';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { plivoClientFor } from '../transport.js';

/** Numbers per dropdown page (Zapier asks for the next page when the user scrolls to the end). */
const NUMBERS_PER_PAGE = 100;

export type SenderNumberOutput = {
  id: string;
  label: string;
  number: string;
  alias: string | null;
  country: string | null;
  numberType: string | null;
  mmsEnabled: boolean | null;
};


export function senderNumberOutput(number: AccountNumber): SenderNumberOutput {
  const { e164, international } = accountNumberForms(number);
  return {
    id: e164,
    label: number.alias ? `${international} (${number.alias})` : international,
    number: e164,
    alias: number.alias,
    country: number.country,
    numberType: number.numberType,
    mmsEnabled: number.mmsEnabled,
  };
}

export async function listSenderNumbers(z: ZObject, bundle: Bundle): Promise<SenderNumberOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const page = Math.max(0, Number(bundle.meta?.page ?? 0) || 0);
    const numbers: SenderNumberOutput[] = [];
    const found = plivoClientFor(z, bundle).listNumbers({
      services: 'sms',
      offset: page * NUMBERS_PER_PAGE,
      maxItems: NUMBERS_PER_PAGE,
    });
    for await (const number of found) numbers.push(senderNumberOutput(number));
    return numbers;
  });
}

export const senderNumberTrigger = defineTrigger({
  key: 'sender_number',
  noun: 'Phone Number',
  display: {
    label: 'List SMS-Enabled Numbers',
    description: 'Lists the Plivo numbers on your account that can send and receive SMS (used in dropdowns).',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: listSenderNumbers,
    sample: {
      id: '+14155552671',
      label: '+1 415 555 2671 (Support line)',
      number: '+14155552671',
      alias: 'Support line',
      country: 'UNITED STATES',
      numberType: 'local',
      mmsEnabled: true,
    },
    outputFields: [
      { key: 'id', label: 'Number (E.164)' },
      { key: 'label', label: 'Display Name' },
      { key: 'number', label: 'Number' },
      { key: 'alias', label: 'Alias' },
      { key: 'country', label: 'Country' },
      { key: 'numberType', label: 'Number Type' },
      { key: 'mmsEnabled', label: 'MMS Enabled', type: 'boolean' },
    ],
  },
});
