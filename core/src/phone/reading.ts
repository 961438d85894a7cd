// How a written phone number is read: which country it belongs to, and why not when it cannot be read.
// The rule that keeps sends in the right country: only '+' or an international prefix makes a number foreign.
// - With a default country C, digits without a prefix are a national number of C (libphonenumber also reads C's
//   trunk prefix and C's own country code written without '+'). They become C's number or an error — never another
//   country's, even when the digits happen to start with another country's code (+241 Gabon for "(241) 555-0100").
// - C's international prefix comes from libphonenumber's metadata (011 in North America, 0011 in Australia…); the
//   ITU's "00" is read as international too, unless the digits are a valid national number of C.
// - Without a default country: '+', "00", digits only that start with their country code (Plivo's own format), or
//   North America's "1 (415) 555-0100". Anything else written as a person writes a national number needs a country
//   code or a default country: "(212) 555-0100" must not become Moroccan, nor be blamed on Morocco.
import {
  Metadata,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { TextbridgeError } from '../errors/index.js';
import {
  E164_PATTERN,
  ITU_INTERNATIONAL_PREFIX,
  MAX_PHONE_INPUT_LENGTH,
  NANP_COUNTRY_CODE,
  NANP_INTERNATIONAL_PREFIX,
  PHONE_FORMATTING_CHARACTERS,
  PHONE_GROUP_SEPARATORS,
  PRINTED_NON_ZERO_TRUNK_PREFIXES,
  PRINTED_ZERO_TRUNK_COUNTRIES,
} from './data.js';

const ITU_PREFIX_PATTERN = new RegExp(`^${ITU_INTERNATIONAL_PREFIX}`);

interface Candidate {
  /** '+digits' (international) or national digits read with `country`. */
  text: string;
  country?: CountryCode;
}

interface CleanInput {
  /** The digits, formatting and any leading '+' removed. */
  digits: string;
  /** Written with a leading '+'. */
  international: boolean;
  /** The input as written (trimmed, without `tel:`), for messages and for its digit groups. */
  written: string;
}

/** Reads `input` as a phone number (see the rules at the top). Throws TextbridgeError INVALID_PHONE_NUMBER. */
export function readPhoneNumber(input: unknown, country: CountryCode | undefined, field: string): PhoneNumber {
  const clean = cleanPhoneInput(input, field);
  const shown = show(clean.written);
  if (clean.international) return readInternational(`+${clean.digits}`, field, shown);
  return country ? readWithCountry(clean, country, field, shown) : readWithoutCountry(clean, field, shown);
}

function readInternational(e164: string, field: string, shown: string, hint?: string): PhoneNumber {
  const parsed = possible({ text: e164 });
  if (parsed) return parsed;
  throw explainFailure({ text: e164 }, field, shown, hint);
}

function readWithCountry(clean: CleanInput, country: CountryCode, field: string, shown: string): PhoneNumber {
  const { digits, written } = clean;
  const prefix = internationalPrefix(country);
  const afterPrefix = stripInternationalPrefix(digits, prefix.pattern);
  const afterItu = stripInternationalPrefix(digits, ITU_PREFIX_PATTERN);
  if (afterPrefix !== undefined) return readAfterOwnPrefix(digits, written, afterPrefix, afterItu, field, shown);

  const callingCode = getCountryCallingCode(country);
  const read = possible({ text: digits, country });
  const national = read?.countryCallingCode === callingCode ? read : undefined;
  if (afterItu !== undefined) {
    // "00" that is not the country's own prefix: international, unless the digits are a valid national number.
    // Where both readings are merely possible, guessing would risk the wrong country: refused.
    if (national?.isValid()) return national;
    const abroad = possible({ text: `+${afterItu}` });
    if (abroad && (abroad.isValid() || !national)) return abroad;
    throw explainFailure(
      { text: `+${afterItu}` },
      field,
      shown,
      `It starts with 00, read as the international prefix, but is no number of that country code` +
        `${national ? ` (nor a valid number of ${countryName(country)})` : ''}: check the digits, or write the number with '+' and its country code.`,
    );
  }
  if (national) return national;
  const dialOut = prefix.shown ? `, or dial out with ${countryName(country)}'s international prefix ${prefix.shown}` : '';
  throw explainFailure(
    { text: digits, country },
    field,
    shown,
    `Check the digits. It was read as a national number of ${countryName(country)} (the default country); ` +
      `a number of another country needs '+' and its country code (e.g. ${callingCode === '44' ? '+33 6 12 34 56 78' : '+44 20 7946 0958'})${dialOut}.`,
  );
}

/**
 * Digits that start with the default country's own international prefix. Where that prefix extends 00 (Korea's 001,
 * 002…, Hong Kong's 001…), "00" + country code is the other reading: the way it was written decides ("00 1 …" or
 * "001 …"), else an assigned number wins over a merely possible one, and on a tie "00", as most of the world writes.
 */
function readAfterOwnPrefix(
  digits: string,
  written: string,
  afterPrefix: string,
  afterItu: string | undefined,
  field: string,
  shown: string,
): PhoneNumber {
  const firstGroup = written.replace(/^\+/, '').split(PHONE_GROUP_SEPARATORS)[0]!;
  const ownPrefix = digits.slice(0, digits.length - afterPrefix.length);
  const rests =
    afterItu === undefined || afterItu === afterPrefix
      ? [afterPrefix]
      : firstGroup === ITU_INTERNATIONAL_PREFIX
        ? [afterItu]
        : firstGroup === ownPrefix
          ? [afterPrefix]
          : [afterItu, afterPrefix];
  const readings = rests.flatMap((rest) => possible({ text: `+${rest}` }) ?? []);
  const parsed = readings.find((reading) => reading.isValid()) ?? readings[0];
  if (parsed) return parsed;
  throw explainFailure({ text: `+${rests[0]}` }, field, shown);
}

function readWithoutCountry(clean: CleanInput, field: string, shown: string): PhoneNumber {
  const { digits, written } = clean;
  if (digits.startsWith(ITU_INTERNATIONAL_PREFIX)) return readInternational(`+${digits.slice(ITU_INTERNATIONAL_PREFIX.length)}`, field, shown);
  if (digits.startsWith(NANP_INTERNATIONAL_PREFIX)) {
    throw phoneError(
      field,
      `${field} ${shown} starts with 011, the international prefix of North America, and no default country was given to read it.`,
      "Write the number with '+' instead of 011 (e.g. +44 20 7946 0958), or set the default country (e.g. US).",
    );
  }
  if (digits.startsWith('0')) {
    // No country code starts with 0: this is a national number, readable only with a default country.
    throw phoneError(
      field,
      `${field} ${shown} starts with 0, so it is a national number, and no default country was given to read it.`,
      'Set the default country (e.g. GB), or write the number with its country code, e.g. +44 20 7946 0958.',
    );
  }

  const e164 = `+${digits}`;
  if (PHONE_GROUP_SEPARATORS.test(written)) {
    // Written by a person: without '+', only North America's "1 (415) 555-0100" names its country for sure (there
    // the trunk prefix is the country code). "500 12345" is Kuwaiti, "40 61 23 45" Norwegian, "(202) 555-0100"
    // American: read from their first digits, they would be numbers of the Falklands, Romania and Egypt.
    if (written.split(PHONE_GROUP_SEPARATORS)[0] !== NANP_COUNTRY_CODE) throw needsCountry(field, shown, e164, 'is written as a national number');
    const parsed = possible({ text: e164 });
    if (parsed?.countryCallingCode !== NANP_COUNTRY_CODE) throw needsCountry(field, shown, e164, 'is no complete North American number');
    return parsed;
  }

  // Plivo's own format: digits that start with the country code.
  const parsed = possible({ text: e164 });
  if (parsed) {
    // A US CRM's 2025550100 is Washington, not the unassigned Egyptian +20 2555 0100, and a Bolivian 63000000 is
    // no Philippine number: a reading that is merely possible does not win over a valid national number.
    if (!parsed.isValid()) {
      const homes = validNationalReadings(digits);
      if (homes.length > 0) {
        const names = homes.slice(0, 3).map(countryName).join(', ') + (homes.length > 3 ? '…' : '');
        throw needsCountry(field, shown, e164, `is no assigned number with the country code it starts with, but a valid national number in ${names}`);
      }
    }
    return parsed;
  }
  // Digits that are no number of the country code they start with are most likely a national number (415 555 0100
  // is not Swiss): say what is missing rather than blame that country. One or two digits are no number at all.
  if (digits.length <= 2) throw explainFailure({ text: e164 }, field, shown, 'Include the country code, e.g. +14155550100.');
  throw needsCountry(field, shown, e164, 'is not a complete number with a country code');
}

/**
 * Countries where the digits are exactly how a valid number is written nationally (US 2025550100, Bolivia
 * 67200000). A country with a trunk prefix writes its numbers with it (030…), so only such digits count.
 */
function validNationalReadings(digits: string): CountryCode[] {
  let found = nationalReadingsSeen.get(digits);
  if (found) return found;
  found = [];
  for (const country of countriesByNationalLength().get(digits.length) ?? []) {
    const read = tryParse({ text: digits, country });
    if (
      read?.country === country &&
      read.countryCallingCode === getCountryCallingCode(country) &&
      read.isValid() &&
      read.formatNational().replace(/\D/g, '') === digits
    ) {
      found.push(country);
    }
  }
  // The same few numbers come back (an account's own numbers in every record): remembered, within a bound.
  if (nationalReadingsSeen.size >= NATIONAL_READINGS_KEPT) nationalReadingsSeen.clear();
  nationalReadingsSeen.set(digits, found);
  return found;
}

const NATIONAL_READINGS_KEPT = 256;
const nationalReadingsSeen = new Map<string, CountryCode[]>();

let byNationalLength: Map<number, CountryCode[]> | undefined;
/**
 * Countries by how many digits their national numbers have as written there (with a trunk prefix that is printed,
 * such as Russia's 8), so a scan parses only where the length fits. Trunk prefixes starting with 0 are left out:
 * digits that start with 0 never get here.
 */
function countriesByNationalLength(): Map<number, CountryCode[]> {
  if (byNationalLength) return byNationalLength;
  byNationalLength = new Map();
  metadata ??= new Metadata();
  for (const country of getCountries()) {
    if (PRINTED_ZERO_TRUNK_COUNTRIES.has(country)) continue;
    const trunk = PRINTED_NON_ZERO_TRUNK_PREFIXES[country] ?? '';
    metadata.selectNumberingPlan(country);
    for (const length of metadata.numberingPlan!.possibleLengths()) {
      const list = byNationalLength.get(length + trunk.length) ?? [];
      list.push(country);
      byNationalLength.set(length + trunk.length, list);
    }
  }
  return byNationalLength;
}

function needsCountry(field: string, shown: string, readAs: string, problem: string): TextbridgeError {
  return phoneError(
    field,
    `${field} ${shown} has no '+' or international prefix and ${problem}: it needs a country code or a default country to be read.`,
    "Write the number with '+' and its country code (e.g. +1 415 555 0100), or set the default country (e.g. US) to read national numbers.",
    { reason: 'NO_COUNTRY', readAs },
  );
}

/** Strips formatting and a `tel:` prefix; rejects what cannot be part of a phone number, saying what it was. */
function cleanPhoneInput(input: unknown, field: string): CleanInput {
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
  return { digits: body, international, written: text };
}

interface InternationalPrefix {
  /** Matches the prefix at the start of the digits. */
  pattern: RegExp;
  /** The prefix to show in a hint ("011"), when there is one plain form. */
  shown: string | undefined;
}

const prefixes = new Map<CountryCode, InternationalPrefix>();
let metadata: Metadata | undefined;

/** The country's international call prefix, from libphonenumber's metadata. */
function internationalPrefix(country: CountryCode): InternationalPrefix {
  let prefix = prefixes.get(country);
  if (prefix === undefined) {
    metadata ??= new Metadata();
    metadata.selectNumberingPlan(country);
    const plan = metadata.numberingPlan!;
    const pattern = plan.IDDPrefix();
    // Only some countries name a preferred prefix ("8~10" in Russia: dial 8, wait for the tone, dial 10); the
    // field is not always a string in the max metadata, so anything else falls back to a prefix of plain digits.
    const named: unknown = plan.defaultIDDPrefix();
    const preferred = typeof named === 'string' ? named.replace(/~/g, '') : /^\d+$/.test(pattern) ? pattern : undefined;
    prefix = { pattern: new RegExp(`^(?:${pattern})`), shown: preferred };
    prefixes.set(country, prefix);
  }
  return prefix;
}

/** The digits after the prefix, as libphonenumber strips it: a country code follows, so never a 0. */
function stripInternationalPrefix(digits: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(digits);
  if (!match) return undefined;
  const rest = digits.slice(match[0].length);
  return rest === '' || rest.startsWith('0') ? undefined : rest;
}

/** The number when it is possible (see the policy in phone.ts) and survives an E.164 round trip. */
function possible(candidate: Candidate): PhoneNumber | undefined {
  const parsed = tryParse(candidate);
  return parsed?.isPossible() && isStableE164(parsed, candidate) ? parsed : undefined;
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

function explainFailure(candidate: Candidate, field: string, shown: string, hint?: string): TextbridgeError {
  const overLong = (tryParse(candidate)?.number.length ?? 0) > 16;
  const reason =
    validatePhoneNumberLength(candidate.text, { defaultCountry: candidate.country }) ?? (overLong ? 'TOO_LONG' : undefined);
  hint ??= 'Check the digits of the number and its country code, e.g. +14155550100.';
  const details = { reason: reason ?? 'NOT_POSSIBLE', readAs: candidate.text, country: candidate.country };
  // Written without `+` and read without a default country (e.g. "00 …" taken as an international prefix): it may
  // be a national number, which only a default country can place.
  const maybeNational = candidate.country === undefined && !/^"?\s*\+/.test(shown);
  const nationalHint = maybeNational ? '; if it is a national number, set a default country' : '';
  if (reason === 'INVALID_COUNTRY' || reason === 'NOT_A_NUMBER') {
    const message = candidate.text.startsWith('+')
      ? `${field} ${shown} does not start with a known country calling code (read as ${candidate.text})${nationalHint}.`
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
  return phoneError(field, `${field} ${shown} ${problem} ${target}${nationalHint}.`, hint, details);
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

export function phoneError(field: string, message: string, hint?: string, details?: Record<string, unknown>): TextbridgeError {
  return new TextbridgeError('INVALID_PHONE_NUMBER', message, { field, hint, details });
}

/** Quoted and shortened, so messages stay readable whatever the input was. */
export function show(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 32 ? `${text.slice(0, 31)}…` : text);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return `the number ${String(value)}`;
  return `a value of type ${typeof value}`;
}
