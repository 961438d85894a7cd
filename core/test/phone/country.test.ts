// Which country a number is read as. The class under test: a national number must never become another country's
// number ("(241) 555-0100" with default US was sent to Gabon), and numbers written with '+', 00 or 011 keep their
// own country. Checked over every area code of North America and over numbers of every country libphonenumber knows.
import fc from 'fast-check';
import {
  Metadata,
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { TextbridgeError, normalizePhoneNumber, validateSender } from '../../src/index.js';

const AREA_CODES = Array.from({ length: 800 }, (_, k) => 200 + k);
const NANP_FORMATS: readonly ((area: number) => string)[] = [
  (area) => `(${area}) 555-0100`,
  (area) => `${area}-555-0100`,
  (area) => `${area} 555 0100`,
  (area) => `${area}.555.0100`,
  (area) => `${area}5550100`,
  (area) => `1 (${area}) 555-0100`,
  (area) => `1${area}5550100`,
  (area) => `(${area}) 234-5678`,
];
const COUNTRIES = getCountries();
const NANP_COUNTRIES = COUNTRIES.filter((country) => getCountryCallingCode(country) === '1');

/** The result of normalising, or the TextbridgeError it threw (anything else fails the test). */
function attempt(input: string, country?: string): string | TextbridgeError {
  try {
    return normalizePhoneNumber(input, country, 'to');
  } catch (error) {
    expect(error).toBeInstanceOf(TextbridgeError);
    expect((error as TextbridgeError).code).toBe('INVALID_PHONE_NUMBER');
    expect((error as TextbridgeError).field).toBe('to');
    return error as TextbridgeError;
  }
}

const callingCodeOf = (e164: string): string => parsePhoneNumberFromString(e164)!.countryCallingCode;

describe('North American numbers (all 800 area codes, 200–999)', () => {
  it.each(['US', 'CA'])('with default %s, 0 of 800 area codes change country, in every format', (country) => {
    let changed = 0;
    let read = 0;
    for (const area of AREA_CODES) {
      for (const format of NANP_FORMATS) {
        const result = attempt(format(area), country);
        if (typeof result !== 'string') continue;
        read++;
        if (!result.startsWith(`+1${area}`)) changed++;
      }
    }
    expect(changed).toBe(0);
    // Every one is a possible +1 number, so none is refused either.
    expect(read).toBe(AREA_CODES.length * NANP_FORMATS.length);
  });

  it('reads "(241) 555-0100" with default US as +1 241, not as Gabon', () => {
    expect(normalizePhoneNumber('(241) 555-0100', 'US')).toBe('+12415550100');
    expect(normalizePhoneNumber('(212) 555-0100', 'US')).toBe('+12125550100');
  });

  it('without a default country, asks for a country code or a default country for 800 of 800 area codes, blaming no country', () => {
    let asked = 0;
    for (const area of AREA_CODES) {
      for (const format of NANP_FORMATS.slice(0, 4)) {
        const result = attempt(format(area));
        expect(typeof result, format(area)).not.toBe('string');
        const error = result as TextbridgeError;
        expect(error.message).toMatch(/needs a country code or a default country/);
        expect(error.message).not.toMatch(/numbers|Switzerland|Morocco|Egypt|Gabon/);
        expect(error.hint).toMatch(/default country/);
        expect(error.details).toMatchObject({ reason: 'NO_COUNTRY' });
        asked++;
      }
    }
    expect(asked).toBe(AREA_CODES.length * 4);
  });

  it('without a default country, the messages of the reported cases name what is missing', () => {
    for (const input of ['(415) 555-0100', '(212) 555-0100', '4155550100', '415-555-0100']) {
      expect((attempt(input) as TextbridgeError).message).toMatch(/needs a country code or a default country/);
    }
    // A sender (src) is read without a default country, so it gets the same explanation.
    expect(() => validateSender('(415) 555-0100')).toThrow(/needs a country code or a default country/);
  });

  it('without a default country, 10 bare digits that are a valid +1 number do not become an unassigned foreign one', () => {
    // +20 2555 0100 is a possible Egyptian length but not an assigned number; 202 is Washington, DC.
    expect((attempt('2025550100') as TextbridgeError).message).toMatch(/a valid national number in .*United States/);
    // Plivo's own format (country code first) stays readable: a valid number of its country.
    expect(normalizePhoneNumber('3212345678')).toBe('+3212345678');
    expect(normalizePhoneNumber('447700900123')).toBe('+447700900123');
  });
});

describe('international prefixes', () => {
  it("reads the default country's own prefix (libphonenumber's metadata), and 00 where it is not a national number", () => {
    expect(normalizePhoneNumber('011 44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(normalizePhoneNumber('0011 44 20 7946 0958', 'AU')).toBe('+442079460958');
    expect(normalizePhoneNumber('010 44 20 7946 0958', 'JP')).toBe('+442079460958');
    expect(normalizePhoneNumber('810 44 20 7946 0958', 'RU')).toBe('+442079460958');
    expect(normalizePhoneNumber('0044 20 7946 0958', 'US')).toBe('+442079460958');
    expect(normalizePhoneNumber('0044 20 7946 0958', 'JP')).toBe('+442079460958');
    expect(normalizePhoneNumber('00 1 415 555 0100', 'KR')).toBe('+14155550100'); // Korea's own prefixes are 001, 002…
  });

  it('reads 011 as a national number where it is not the international prefix (Sapporo, Sheffield)', () => {
    expect(normalizePhoneNumber('011-123-4567', 'JP')).toBe('+81111234567');
    expect(normalizePhoneNumber('0114 496 0123', 'GB')).toBe('+441144960123');
    const error = attempt('011 44 20 7946 0958', 'GB') as TextbridgeError;
    expect(error.message).toMatch(/United Kingdom \(\+44\)/);
    expect(error.hint).toMatch(/international prefix 00/);
  });

  it('without a default country, accepts + and 00, and explains 011', () => {
    expect(normalizePhoneNumber('0044 20 7946 0958')).toBe('+442079460958');
    const error = attempt('011 44 20 7946 0958') as TextbridgeError;
    expect(error.message).toMatch(/starts with 011, the international prefix of North America/);
    expect(error.hint).toMatch(/default country \(e\.g\. US\)/);
  });

  it('with a default country, digits without a prefix are never read as another country (error says how to write one)', () => {
    const error = attempt('447700900123', 'US') as TextbridgeError;
    expect(error.message).toMatch(/too long for United States \(\+1\) numbers/);
    expect(error.hint).toMatch(/another country needs '\+' and its country code/);
    expect(error.hint).toMatch(/international prefix 011/);
  });
});

// Numbers of every country: the example mobile number with its later digits redrawn, so valid, merely possible and
// impossible numbers all occur.
const EXAMPLES = COUNTRIES.flatMap((country) => {
  const example = getExampleNumber(country, examples);
  return example ? [{ country, example }] : [];
});

const numberOfSomeCountry = fc
  .record({
    pick: fc.nat({ max: EXAMPLES.length - 1 }),
    kept: fc.double({ min: 0, max: 1, noNaN: true }),
    lengthChange: fc.constantFrom(0, 0, 0, 0, -1, 1),
    digits: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 }),
  })
  .map(({ pick, kept, lengthChange, digits }) => {
    const { country, example } = EXAMPLES[pick]!;
    const national = example.nationalNumber;
    const length = Math.max(2, national.length + lengthChange);
    const prefix = national.slice(0, Math.floor(kept * Math.min(length, national.length)));
    const nsn = prefix + digits.slice(0, length - prefix.length).join('');
    return { country, number: parsePhoneNumberFromString(`+${example.countryCallingCode}${nsn}`) };
  })
  .filter((value): value is { country: CountryCode; number: PhoneNumber } => value.number !== undefined);

const metadata = new Metadata();
/** C's own international prefix, or the ITU's 00, followed by a country code. */
function startsWithInternationalPrefix(digits: string, country: CountryCode): boolean {
  metadata.selectNumberingPlan(country);
  return new RegExp(`^(?:${metadata.numberingPlan!.IDDPrefix()}|00)[1-9]`).test(digits);
}

const digitsOf = (text: string): string => text.replace(/\D/g, '');
const RUNS = { numRuns: 3000 };

describe('every country libphonenumber knows (properties)', () => {
  it("the arbitrary reaches every country and valid, possible and impossible numbers", () => {
    const samples = fc.sample(numberOfSomeCountry, { numRuns: 4000, seed: 7 });
    expect(new Set(samples.map((s) => s.country)).size).toBeGreaterThan(200);
    expect(samples.filter((s) => s.number.isValid()).length).toBeGreaterThan(700);
    expect(samples.filter((s) => s.number.isPossible() && !s.number.isValid()).length).toBeGreaterThan(200);
    expect(samples.filter((s) => !s.number.isPossible()).length).toBeGreaterThan(200);
  });

  it("a national-format number with default country C becomes a number of C's calling code, or a specific error", () => {
    fc.assert(
      fc.property(numberOfSomeCountry, ({ country, number }) => {
        const national = number.formatNational();
        // Digits that start with an international prefix are international, whatever produced them (a valid
        // national number of C stays C's: checked below).
        fc.pre(!startsWithInternationalPrefix(digitsOf(national), country) || (number.isValid() && number.country === country));
        const result = attempt(national, country);
        if (typeof result === 'string') {
          expect(callingCodeOf(result), `${country} ${national} -> ${result}`).toBe(getCountryCallingCode(country));
          expect(parsePhoneNumberFromString(result)!.isPossible()).toBe(true);
        } else {
          expect(result.message.startsWith('to ')).toBe(true);
          expect(result.hint.length).toBeGreaterThan(20);
        }
        // A valid number of C, written as C writes it, is read as a number of C (libphonenumber does not read every
        // national format back to the very same digits: Gabon's 02 00 00 00 is +241 02000000, not +241 2000000).
        if (number.isValid() && number.country === country) expect(typeof result, national).toBe('string');
      }),
      RUNS,
    );
  });

  it('a national number that starts with 00, without a default country, is refused with the default-country hint', () => {
    // Tajikistan's 00 000 0000 (found by the property below): "00" reads as an international prefix.
    const result = attempt('00 000 0000');
    expect(typeof result).not.toBe('string');
    expect((result as Error).message).toMatch(/default country/);
  });

  it('a national-format number without a default country is refused, or read as exactly its own number', () => {
    fc.assert(
      fc.property(numberOfSomeCountry, ({ number }) => {
        fc.pre(number.isValid());
        const national = number.formatNational();
        const result = attempt(national);
        // A national number written with a leading 00 (Tajikistan has some) reads as an international prefix
        // without a default country, as `00` always does: the rule "00 keeps its own country".
        const viaPrefix = /^00/.test(national) ? `+${national.replace(/\D/g, '').slice(2)}` : undefined;
        if (typeof result !== 'string') {
          expect(result.message).toMatch(/default country/);
        } else if (result !== number.number && viaPrefix !== undefined) {
          expect(parsePhoneNumberFromString(viaPrefix)?.number).toBe(result);
        } else if (result !== number.number) {
          // Digits alone are Plivo's own format, country code first: read so only when that is an assigned number
          // (Bolivia writes 67620000, which is also Tonga's +676 20000). With formatting, never.
          expect(national).toMatch(/^\d+$/);
          expect(parsePhoneNumberFromString(`+${national}`)!.isValid()).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('digits alone without a default country are read country code first only when no valid national reading competes', () => {
    fc.assert(
      fc.property(numberOfSomeCountry, ({ number }) => {
        const national = digitsOf(number.formatNational());
        fc.pre(!national.startsWith('0'));
        const result = attempt(national);
        if (typeof result === 'string' && result !== number.number) {
          expect(parsePhoneNumberFromString(result)!.isValid() || !number.isValid()).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("a number written with '+' keeps its own country, whatever the default country", () => {
    fc.assert(
      fc.property(numberOfSomeCountry, fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }), ({ number }, country) => {
        const result = attempt(number.formatInternational(), country);
        if (typeof result === 'string') expect(callingCodeOf(result)).toBe(number.countryCallingCode);
        if (number.isValid()) expect(result).toBe(number.number);
      }),
      RUNS,
    );
  });

  it('a number written with 00 keeps its own country (unless it is a valid national number of the default country)', () => {
    fc.assert(
      fc.property(numberOfSomeCountry, fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }), ({ number }, country) => {
        const input = `00 ${number.formatInternational().slice(1)}`;
        const result = attempt(input, country);
        if (typeof result !== 'string') return;
        if (callingCodeOf(result) === number.countryCallingCode) return;
        // The only other reading: a valid number of the default country that starts with 00.
        expect(country).toBeDefined();
        expect(parsePhoneNumberFromString(result)!.isValid()).toBe(true);
        expect(callingCodeOf(result)).toBe(getCountryCallingCode(country!));
      }),
      RUNS,
    );
  });

  it('a number written with 011 keeps its own country with any North American default country', () => {
    fc.assert(
      fc.property(numberOfSomeCountry, fc.constantFrom(...NANP_COUNTRIES), ({ number }, country) => {
        const result = attempt(`011 ${number.formatInternational().slice(1)}`, country);
        if (typeof result === 'string') expect(callingCodeOf(result)).toBe(number.countryCallingCode);
        if (number.isValid()) expect(result).toBe(number.number);
      }),
      RUNS,
    );
  });
});
