// Phone numbers and sender IDs: everything goes through libphonenumber-js. The `max` metadata (~73 kB more than
// `min`) is used because describePhoneNumber reports the line type, which `min` cannot tell.
//
// Acceptance policy: a number is accepted when libphonenumber considers it *possible* (a known country calling code
// and a length that country uses), not only when it is *valid* (inside an assigned range). Fictional ranges such as
// +1 415 555 01xx or +44 7700 900xxx are used by tests, demos and our sandbox; Plivo itself rejects unassigned
// numbers (as `invalid_number`), so nothing is lost. describePhoneNumber reports `valid` for callers who care.
//
// Which country a number is read as (the rule that keeps sends in the right country) is phone-reading.ts.
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { TextbridgeError } from '../errors/index.js';
import {
  ALPHANUMERIC_SENDER_CHARACTER,
  ALPHANUMERIC_SENDER_MAX_LENGTH,
  COUNTRY_CODE_ALIASES,
  E164_PATTERN,
  LIBPHONENUMBER_TYPE_TO_KIND,
  SHORT_CODE_PATTERN,
  type PhoneNumberKind,
} from './data.js';
import { describeType, readPhoneNumber, show } from './reading.js';

export { PHONE_NUMBER_TYPES, type PhoneNumberKind } from './data.js';

export interface PhoneNumberDescription {
  /** `+14155550100` */
  e164: string;
  /** `(415) 555-0100` — as dialled inside the country. */
  national: string;
  /** `+1 415 555 0100` */
  international: string;
  /** `tel:+14155550100` */
  rfc3966: string;
  /** ISO 3166-1 alpha-2, or undefined when a shared calling code (+1, +44, +7…) cannot be pinned to one country. */
  countryIso2: string | undefined;
  /** Without '+', e.g. `1`. */
  countryCallingCode: string;
  type: PhoneNumberKind;
  /** True when the number is in an assigned range, not merely of a possible length (see the policy above). */
  valid: boolean;
  /** Plivo's own format: digits without '+'. */
  plivo: string;
}

export interface SenderId {
  kind: 'number' | 'shortcode' | 'alphanumeric';
  /** E.164 for numbers, the digits for short codes, the trimmed ID for alphanumeric senders. */
  value: string;
}

/**
 * Reads a phone number as CRMs, spreadsheets and Plivo write it and returns it in E.164 (`+14155550100`).
 * With '+' or an international prefix the number keeps its own country. Otherwise, with `defaultCountry`, it is a
 * national number of that country — that country's number or an error, never another country's. Without a default
 * country, digits that start with their country code (Plivo's own format) are read; a national number is an error
 * asking for a country code or a default country.
 * Throws TextbridgeError INVALID_PHONE_NUMBER naming `field`.
 */
export function normalizePhoneNumber(input: unknown, defaultCountry?: string, field = 'phone number'): string {
  const country = normalizeCountryCode(defaultCountry, 'defaultCountry', field);
  return readPhoneNumber(input, country, field).number;
}

/** Formats and facts about a number (normalised as normalizePhoneNumber does; throws the same errors). */
export function describePhoneNumber(input: unknown, defaultCountry?: string): PhoneNumberDescription {
  const country = normalizeCountryCode(defaultCountry, 'defaultCountry', 'phone number');
  const parsed = readPhoneNumber(input, country, 'phone number');
  const libType = parsed.getType();
  return {
    e164: parsed.number,
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
    rfc3966: parsed.getURI(),
    countryIso2: parsed.country,
    countryCallingCode: parsed.countryCallingCode,
    type: (libType && LIBPHONENUMBER_TYPE_TO_KIND[libType]) ?? 'unknown',
    valid: parsed.isValid(),
    plivo: parsed.number.slice(1),
  };
}

/** Plivo's number format: the E.164 digits without '+' (`+14155550100` -> `14155550100`). */
export function plivoNumber(e164: string): string {
  if (typeof e164 !== 'string' || !E164_PATTERN.test(e164)) {
    throw new TextbridgeError(
      'INVALID_PHONE_NUMBER',
      `phone number ${show(e164)} is not in E.164 format ('+', country code and number, at most 15 digits).`,
      { field: 'phone number', hint: 'Normalise the number first (normalizePhoneNumber), e.g. +14155550100.' },
    );
  }
  return e164.slice(1);
}

/**
 * Checks a Plivo sender (`src`): a phone number with its country code, a short code (3–8 digits) or an
 * alphanumeric sender ID (at most 11 of A–Z, a–z, 0–9 and space, with at least one letter).
 * Throws TextbridgeError INVALID_SENDER naming `field`.
 */
export function validateSender(input: unknown, field = 'src'): SenderId {
  if (typeof input === 'number') input = Number.isSafeInteger(input) && input >= 0 ? String(input) : input;
  if (typeof input !== 'string') {
    throw senderError(field, `${field} must be a text sender ID or number, but got ${describeType(input)}.`);
  }
  const text = input.trim();
  if (text === '') throw senderError(field, `${field} is empty.`);

  if (/\p{L}/u.test(text) && !/^tel:/i.test(text)) return validateAlphanumericSender(text, field);
  if (SHORT_CODE_PATTERN.test(text)) return { kind: 'shortcode', value: text };
  try {
    return { kind: 'number', value: normalizePhoneNumber(text, undefined, field) };
  } catch (error) {
    if (!(error instanceof TextbridgeError)) throw error;
    throw senderError(field, error.message, error);
  }
}

/**
 * Reads an ISO 3166-1 alpha-2 country code (case-insensitive; "UK" is accepted for GB). Empty means "none".
 * Throws INVALID_PHONE_NUMBER with `field` set, since a wrong default country makes local numbers unreadable.
 */
export function normalizeCountryCode(input: unknown, field = 'defaultCountry', usedFor?: string): CountryCode | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  const purpose = usedFor ? ` (used to read ${usedFor})` : '';
  const hint = 'Use a two-letter ISO country code such as US, GB, DE or IN, or leave it empty.';
  if (typeof input !== 'string') {
    throw new TextbridgeError(
      'INVALID_PHONE_NUMBER',
      `${field}${purpose} must be a two-letter country code, but got ${describeType(input)}.`,
      { field, hint },
    );
  }
  const upper = input.trim().toUpperCase();
  const code = COUNTRY_CODE_ALIASES[upper] ?? upper;
  if (!isSupportedCountry(code)) {
    throw new TextbridgeError(
      'INVALID_PHONE_NUMBER',
      `${field} ${show(input)}${purpose} is not a known two-letter ISO country code.`,
      { field, hint },
    );
  }
  return code;
}

function validateAlphanumericSender(text: string, field: string): SenderId {
  const invalid = [...new Set([...text].filter((char) => !ALPHANUMERIC_SENDER_CHARACTER.test(char)))];
  if (invalid.length > 0) {
    throw senderError(
      field,
      `${field} ${show(text)} contains ${invalid.map(show).join(', ')}: an alphanumeric sender ID may only use A–Z, a–z, 0–9 and spaces.`,
    );
  }
  if (text.length > ALPHANUMERIC_SENDER_MAX_LENGTH) {
    throw senderError(
      field,
      `${field} ${show(text)} is ${text.length} characters long: an alphanumeric sender ID may have at most ${ALPHANUMERIC_SENDER_MAX_LENGTH}.`,
    );
  }
  return { kind: 'alphanumeric', value: text };
}

function senderError(field: string, message: string, cause?: TextbridgeError): TextbridgeError {
  return new TextbridgeError('INVALID_SENDER', message, { field, cause, details: cause?.details });
}
