// The account's SMS-enabled numbers, as n8n option lists (Send's "From" picker, the trigger's number choice).
import { accountNumberForms } from '@textbridge/core/integration';
import type { AccountNumber, PlivoClient } from '@textbridge/core/plivo';
import type { INodeListSearchItems, INodePropertyOptions } from 'n8n-workflow';

/** Plivo pages hold at most 20 numbers. */
export const NUMBERS_PAGE_SIZE = 20;
/** Enough for any option list a person scrolls through. */
export const MAX_LISTED_NUMBERS = 1000;

export function e164Of(number: AccountNumber): string {
  return accountNumberForms(number).e164;
}

export function numberLabel(number: AccountNumber): string {
  return number.alias ? `${e164Of(number)} (${number.alias})` : e164Of(number);
}

export function matchesNumberFilter(number: AccountNumber, filter: string | undefined): boolean {
  const wanted = (filter ?? '').trim().toLowerCase();
  if (wanted === '') return true;
  const digits = wanted.replace(/\D/g, '');
  return (digits !== '' && number.number.includes(digits)) || (number.alias ?? '').toLowerCase().includes(wanted);
}

export function toListSearchItem(number: AccountNumber): INodeListSearchItems {
  return { name: numberLabel(number), value: e164Of(number) };
}

export async function smsNumberOptions(client: PlivoClient): Promise<INodePropertyOptions[]> {
  const options: INodePropertyOptions[] = [];
  for await (const number of client.listNumbers({ services: 'sms', maxItems: MAX_LISTED_NUMBERS })) {
    options.push({ name: numberLabel(number), value: e164Of(number) });
  }
  return options;
}
