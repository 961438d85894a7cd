// One of the account's numbers as both hosts list it in their pickers: E.164 (the value a Send uses) and a readable
// international form. Short codes and anything libphonenumber cannot read stay as Plivo wrote them.
import { describePhoneNumber } from '../phone/index.js';
import type { AccountNumber } from '../plivo/schemas.js';

export interface AccountNumberForms {
  e164: string;
  international: string;
}

export function accountNumberForms(number: Pick<AccountNumber, 'number'>): AccountNumberForms {
  try {
    const { e164, international } = describePhoneNumber(number.number);
    return { e164, international };
  } catch {
    return { e164: number.number, international: number.number };
  }
}
