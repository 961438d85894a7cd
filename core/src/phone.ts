// Phone numbers and sender IDs: everything goes through libphonenumber-js. The `max` metadata (~73 kB more than
// `min`) is used because describePhoneNumber reports the line type, which `min` cannot tell.
//
// Acceptance policy: a number is accepted when libphonenumber considers it *possible* (a known country calling code
// and a length that country uses), not only when it is *valid* (inside an assigned range). Fictional ranges such as
// +1 415 555 01xx or +44 7700 900xxx are used by tests, demos and our sandbox; Plivo itself rejects unassigned
// numbers (as `invalid_number`), so nothing is lost. describePhoneNumber reports `valid` for callers who care.
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { TextbridgeError } from './errors.js';
import {
  ALPHANUMERIC_SENDER_CHARACTER,
  ALPHANUMERIC_SENDER_MAX_LENGTH,
  COUNTRY_CODE_ALIASES,
  E164_PATTERN,
  INTERNATIONAL_PREFIXES,
  LIBPHONENUMBER_TYPE_TO_KIND,
  MAX_PHONE_INPUT_LENGTH,
  PHONE_FORMATTING_CHARACTERS,
  SHORT_CODE_PATTERN,
  type PhoneNumberKind,
} from './phone-data.js';

export { PHONE_NUMBER_TYPES, type PhoneNumberKind } from './phone-data.js';

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

interface Candidate {
  /** '+digits' (international) or national digits read with `country`. */
  text: string;
  country?: CountryCode;
}

/**
 * Reads a phone number as CRMs, spreadsheets and Plivo write it and returns it in E.164 (`+14155550100`).
 * Without '+', the digits are read first as a national number of `defaultCountry` (when given), then after an
 * international prefix (00, 011), then as digits that start with the country code (Plivo's own format).
 * Throws TextbridgeError INVALID_PHONE_NUMBER naming `field`.
 */
export function normalizePhoneNumber(input: unknown, defaultCountry?: string, field = 'phone number'): string {
  const country = normalizeCountryCode(defaultCountry, 'defaultCountry', field);
  return parseCandidates(input, country, field).number;
}

/** Formats and facts about a number (normalised as normalizePhoneNumber does; throws the same errors). */
export function describePhoneNumber(input: unknown, defaultCountry?: string): PhoneNumberDescription {
  const country = normalizeCountryCode(defaultCountry, 'defaultCountry', 'phone number');
  const parsed = parseCandidates(input, country, 'phone number');
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

function parseCandidates(input: unknown, country: CountryCode | undefined, field: string): PhoneNumber {
  const { digits, international } = cleanPhoneInput(input, field);
  const shown = show(typeof input === 'number' ? String(input) : (input as string).trim());
  const candidates = buildCandidates(digits, international, country, field, shown);

  // First a number in an assigned range, else the first of a possible length (see the policy at the top).
  let possible: PhoneNumber | undefined;
  for (const candidate of candidates) {
    const parsed = tryParse(candidate);
    if (!parsed?.isPossible() || !isStableE164(parsed, candidate)) continue;
    if (parsed.isValid()) return parsed;
    possible ??= parsed;
  }
  if (possible) return possible;
  throw explainFailure(candidates[0]!, international || country !== undefined, field, shown);
}

/** Strips formatting and a `tel:` prefix; rejects what cannot be part of a phone number, saying what it was. */
function cleanPhoneInput(input: unknown, field: string): { digits: string; international: boolean } {
  let text: string;
  if (typeof input === 'string') {
    text = input.trim();
  } else if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0) {
      throw phoneError(field, `${field} ${String(input)} is not a phone number: numbers must be whole and positive.`);
    }
    text = String(input);
  } else {
    throw phoneError(field, `${field} must be a string or number, but got ${describeType(input)}.`);
  }
  if (text === '') throw phoneError(field, `${field} is empty.`);
  if (text.length > MAX_PHONE_INPUT_LENGTH) {
    throw phoneError(field, `${field} is too long to be a phone number (${text.length} characters).`);
  }
  text = text.replace(/^tel:/i, '').trim();

  const shown = show(text);
  const letters = text.match(/\p{L}/gu);
  if (letters) {
    throw phoneError(
      field,
      `${field} ${shown} contains letters (${show(letters.slice(0, 8).join(''))}).`,
      'Write the number in digits only, with its country code (e.g. +14155550100); SMS cannot go to an extension.',
    );
  }
  const international = text.startsWith('+');
  const body = text.slice(international ? 1 : 0).replace(PHONE_FORMATTING_CHARACTERS, '');
  const unexpected = body.match(/[^0-9]/u);
  if (unexpected) {
    throw phoneError(
      field,
      unexpected[0] === '+'
        ? `${field} ${shown} has a '+' that is not at the start.`
        : `${field} ${shown} contains the character ${show(unexpected[0])}, which is not part of a phone number.`,
    );
  }
  if (body === '') throw phoneError(field, `${field} ${shown} contains no digits.`);
  return { digits: body, international };
}

function buildCandidates(
  digits: string,
  international: boolean,
  country: CountryCode | undefined,
  field: string,
  shown: string,
): Candidate[] {
  if (international) return [{ text: `+${digits}` }];
  const candidates: Candidate[] = [];
  // libphonenumber applies the default country's own national and international prefixes.
  if (country) candidates.push({ text: digits, country });
  const prefix = INTERNATIONAL_PREFIXES.find((p) => digits.startsWith(p));
  if (prefix) {
    candidates.push({ text: `+${digits.slice(prefix.length)}` });
  } else if (digits.startsWith('0')) {
    // No country code starts with 0: this is a national number, readable only with a default country.
    if (!country) {
      throw phoneError(
        field,
        `${field} ${shown} starts with 0, so it is a national number, and no default country was given to read it.`,
        'Set the default country (e.g. GB), or write the number with its country code, e.g. +44 20 7946 0958.',
      );
    }
  } else {
    candidates.push({ text: `+${digits}` });
  }
  return candidates;
}

/**
 * libphonenumber deems a few over-long numbers possible (E.164 allows 15 digits), and national numbers made of odd
 * digits (leading zeros after a trunk prefix) can give an E.164 string that it reads back differently. Neither would
 * survive a round trip, so both are refused.
 */
function isStableE164(parsed: PhoneNumber, candidate: Candidate): boolean {
  if (!E164_PATTERN.test(parsed.number)) return false;
  // Already read from exactly this E.164 text: the round trip is the parse just done.
  if (candidate.country === undefined && candidate.text === parsed.number) return true;
  return tryParse({ text: parsed.number })?.number === parsed.number;
}

function tryParse(candidate: Candidate): PhoneNumber | undefined {
  try {
    return parsePhoneNumberWithError(candidate.text, { defaultCountry: candidate.country, extract: false });
  } catch {
    return undefined;
  }
}

function explainFailure(candidate: Candidate, hadCountryContext: boolean, field: string, shown: string): TextbridgeError {
  const overLong = (tryParse(candidate)?.number.length ?? 0) > 16;
  const reason =
    validatePhoneNumberLength(candidate.text, { defaultCountry: candidate.country }) ?? (overLong ? 'TOO_LONG' : undefined);
  const hint = hadCountryContext
    ? 'Check the digits of the number and its country code, e.g. +14155550100.'
    : 'Include the country code (e.g. +14155550100), or set the default country to read local numbers.';
  const details = { reason: reason ?? 'NOT_POSSIBLE', readAs: candidate.text, country: candidate.country };
  if (reason === 'INVALID_COUNTRY' || reason === 'NOT_A_NUMBER') {
    const message = candidate.text.startsWith('+')
      ? `${field} ${shown} does not start with a known country calling code (read as ${candidate.text}).`
      : `${field} ${shown} is not a phone number.`;
    return phoneError(field, message, hint, details);
  }
  const where = describeNumberingPlan(candidate);
  const problem =
    reason === 'TOO_SHORT'
      ? 'is too short'
      : reason === 'TOO_LONG'
        ? 'is too long'
        : reason === 'INVALID_LENGTH'
          ? 'does not have a length used'
          : 'is not a possible number';
  const target = where ? `for ${where}` : reason === 'INVALID_LENGTH' ? 'by any country' : 'to be a phone number';
  return phoneError(field, `${field} ${shown} ${problem} ${target}.`, hint, details);
}

/** "United Kingdom (+44) numbers" for messages; falls back to the calling code alone, or undefined. */
function describeNumberingPlan(candidate: Candidate): string | undefined {
  const country = candidate.country ?? tryParse({ text: candidate.text })?.country;
  if (country) return `${countryName(country)} (+${getCountryCallingCode(country)}) numbers`;
  const callingCode = tryParse({ text: candidate.text })?.countryCallingCode;
  return callingCode ? `numbers with country code +${callingCode}` : undefined;
}

let regionNames: Intl.DisplayNames | undefined;
function countryName(code: CountryCode): string {
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  return regionNames.of(code) ?? code;
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

function phoneError(field: string, message: string, hint?: string, details?: Record<string, unknown>): TextbridgeError {
  return new TextbridgeError('INVALID_PHONE_NUMBER', message, { field, hint, details });
}

function senderError(field: string, message: string, cause?: TextbridgeError): TextbridgeError {
  return new TextbridgeError('INVALID_SENDER', message, { field, cause, details: cause?.details });
}

/** Quoted and shortened, so messages stay readable whatever the input was. */
function show(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 32 ? `${text.slice(0, 31)}…` : text);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return `the number ${String(value)}`;
  return `a value of type ${typeof value}`;
}
