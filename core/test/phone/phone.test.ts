import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  TextbridgeError,
  describePhoneNumber,
  normalizeCountryCode,
  normalizePhoneNumber,
  plivoNumber,
  validateSender,
} from '../../src/index.js';

/** Runs `fn` and returns the TextbridgeError it throws (fails the test if it throws nothing or something else). */
function caught(fn: () => unknown): TextbridgeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TextbridgeError);
    return error as TextbridgeError;
  }
  throw new Error('expected a TextbridgeError, but nothing was thrown');
}

describe('normalizePhoneNumber: CRM-style input', () => {
  it.each([
    ['(415) 555-0100', 'US', '+14155550100'],
    ['415-555-0100', 'US', '+14155550100'],
    ['1 (415) 555-0100', 'US', '+14155550100'],
    ['+1 415.555.0100', undefined, '+14155550100'],
    ['tel:+1-415-555-0100', undefined, '+14155550100'],
    ['TEL:+14155550100', undefined, '+14155550100'],
    ['  +1 415 555 0100  ', undefined, '+14155550100'],
    ['+1\u00a0415\u2011555\u20110100', undefined, '+14155550100'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['011 44 20 7946 0958', 'US', '+442079460958'],
    ['0044 20 7946 0958', 'GB', '+442079460958'],
    ['0044 20 7946 0958', 'US', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['07700 900123', 'gb', '+447700900123'],
    ['07700 900123', 'UK', '+447700900123'],
    ['14155550100', undefined, '+14155550100'],
    ['14155550100', 'US', '+14155550100'],
    ['447700900123', undefined, '+447700900123'],
    ['+33 6 12 34 56 78', undefined, '+33612345678'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['+49 (0)151 23456789', undefined, '+4915123456789'],
    ['090-1234-5678', 'JP', '+819012345678'],
    ['+91 98765 43210', undefined, '+919876543210'],
    ['98765 43210', 'IN', '+919876543210'],
    ['0412 345 678', 'AU', '+61412345678'],
    ['+55 11 91234-5678', undefined, '+5511912345678'],
    ['+234 803 123 4567', undefined, '+2348031234567'],
    ['+86 138 0013 8000', undefined, '+8613800138000'],
    ['+1 (800) 555-0199', undefined, '+18005550199'],
    ['+800 1234 5678', undefined, '+80012345678'],
  ] as const)('%j (default %s) -> %s', (input, country, expected) => {
    expect(normalizePhoneNumber(input, country)).toBe(expected);
  });

  it('accepts a number typed as a JavaScript number (spreadsheets do that)', () => {
    expect(normalizePhoneNumber(14155550100)).toBe('+14155550100');
    expect(normalizePhoneNumber(4155550100, 'US')).toBe('+14155550100');
  });

  it('accepts possible numbers in fictional ranges (sandbox and test numbers), not only valid ones', () => {
    expect(normalizePhoneNumber('+1 415 555 0199')).toBe('+14155550199');
    expect(normalizePhoneNumber('+44 7700 900123')).toBe('+447700900123');
    expect(describePhoneNumber('+44 7700 900123').valid).toBe(false);
  });

  it('reads digits without + as a national number of the default country, never as another country', () => {
    expect(normalizePhoneNumber('4155550100', 'US')).toBe('+14155550100');
    // Not a possible US number: refused, not read as French (+33), which only '+' or 011 can make it.
    expect(() => normalizePhoneNumber('33612345678', 'US')).toThrow(/too long for United States \(\+1\) numbers/);
    expect(() => normalizePhoneNumber('447700900123', 'US')).toThrow(TextbridgeError);
    expect(normalizePhoneNumber('011 33 6 12 34 56 78', 'US')).toBe('+33612345678');
  });

  it('ignores the default country when the number has +', () => {
    expect(normalizePhoneNumber('+44 20 7946 0958', 'US')).toBe('+442079460958');
  });
});

describe('normalizePhoneNumber: errors name the field, say what was wrong and what to do', () => {
  it.each([
    ['', undefined, /dst is empty/],
    ['   ', undefined, /dst is empty/],
    ['tel:', undefined, /contains no digits/],
    ['+1 800 FLOWERS', undefined, /contains letters \("FLOWERS"\)/],
    ['+1 415 555 0100 ext. 12', undefined, /contains letters \("ext"\)/],
    ['415#555', undefined, /contains the character "#"/],
    ['+1 415 +555 0100', undefined, /'\+' that is not at the start/],
    ['+1 415 555', undefined, /too short for numbers with country code \+1/],
    ['415 555', 'US', /too short for United States \(\+1\) numbers/],
    ['+44 20 7946 0958 1234 5678', undefined, /too long/],
    ['+999 1234 5678', undefined, /not start with a known country calling code/],
    ['020 7946 0958', undefined, /starts with 0, so it is a national number/],
    ['4155550100', undefined, /needs a country code or a default country/],
    ['(212) 555-0100', undefined, /needs a country code or a default country/],
    ['011 44 20 7946 0958', undefined, /starts with 011, the international prefix of North America/],
    ['9'.repeat(80), undefined, /too long to be a phone number \(80 characters\)/],
  ] as const)('%j (default %s)', (input, country, message) => {
    const error = caught(() => normalizePhoneNumber(input, country, 'dst'));
    expect(error.code).toBe('INVALID_PHONE_NUMBER');
    expect(error.field).toBe('dst');
    expect(error.message).toMatch(message);
    expect(error.message.startsWith('dst')).toBe(true);
    expect(error.hint.length).toBeGreaterThan(20);
  });

  it('suggests a default country when a number without country code fails', () => {
    expect(caught(() => normalizePhoneNumber('4155550100', undefined, 'to')).hint).toMatch(/default country/);
    expect(caught(() => normalizePhoneNumber('020 7946 0958', undefined, 'to')).hint).toMatch(/default country/);
  });

  it.each([
    [null, /got null/],
    [undefined, /got nothing/],
    [{ number: '+14155550100' }, /got a value of type object/],
    [['+14155550100'], /got a list/],
    [true, /got a value of type boolean/],
    [-14155550100, /whole and positive/],
    [1.5, /whole and positive/],
    [Number.NaN, /whole and positive/],
  ])('rejects %j as not a string or number', (input, message) => {
    const error = caught(() => normalizePhoneNumber(input, 'US', 'messages[2].dst'));
    expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'messages[2].dst' });
    expect(error.message).toMatch(message);
  });

  it('rejects an unknown default country code, naming defaultCountry and the field it was for', () => {
    const error = caught(() => normalizePhoneNumber('4155550100', 'XX', 'dst'));
    expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'defaultCountry' });
    expect(error.message).toBe('defaultCountry "XX" (used to read dst) is not a known two-letter ISO country code.');
    expect(error.hint).toMatch(/two-letter ISO country code/);
    expect(caught(() => normalizePhoneNumber('4155550100', 'USA')).field).toBe('defaultCountry');
  });

  it('uses "phone number" as the field when none is given', () => {
    expect(caught(() => normalizePhoneNumber('')).field).toBe('phone number');
  });
});

describe('normalizePhoneNumber: properties', () => {
  // Digits with random CRM formatting and prefixes: many of these are possible numbers somewhere.
  const formattedDigits = fc
    .tuple(
      fc.constantFrom('', '', '+', '+', '00', '011', 'tel:+', ' '),
      fc.array(fc.tuple(fc.constantFrom(...'0123456789'), fc.constantFrom('', '', '', ' ', '-', '.', '(', ')')), {
        minLength: 3,
        maxLength: 16,
      }),
    )
    .map(([prefix, parts]) => prefix + parts.map(([digit, separator]) => digit + separator).join(''));
  const phoneish = fc.oneof(
    { arbitrary: formattedDigits, weight: 6 },
    { arbitrary: fc.string(), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.constantFrom(null, undefined, true, {}, []), weight: 1 },
  );
  const country = fc.option(fc.constantFrom('US', 'GB', 'DE', 'FR', 'IN', 'JP', 'BR', 'uk', 'XX', ''), { nil: undefined });

  it('never throws anything but a TextbridgeError INVALID_PHONE_NUMBER', () => {
    fc.assert(
      fc.property(phoneish, country, (input, defaultCountry) => {
        try {
          normalizePhoneNumber(input, defaultCountry, 'dst');
        } catch (error) {
          return error instanceof TextbridgeError && error.code === 'INVALID_PHONE_NUMBER' && error.field !== undefined;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('always returns E.164 that normalises to itself, with or without a default country', () => {
    let accepted = 0;
    fc.assert(
      fc.property(phoneish, country, (input, defaultCountry) => {
        let e164: string;
        try {
          e164 = normalizePhoneNumber(input, defaultCountry);
        } catch {
          return true;
        }
        accepted++;
        expect(e164).toMatch(/^\+[1-9]\d{1,14}$/);
        expect(normalizePhoneNumber(e164)).toBe(e164);
        expect(normalizePhoneNumber(e164, 'US')).toBe(e164);
        // Plivo's own format (digits without '+') reads back to the same number — except an unassigned one whose
        // digits are a valid national number somewhere (440000000 is Polish, not an unassigned +44): refused.
        try {
          expect(normalizePhoneNumber(plivoNumber(e164))).toBe(e164);
        } catch (error) {
          expect(describePhoneNumber(e164).valid).toBe(false);
          expect((error as TextbridgeError).details).toMatchObject({ reason: 'NO_COUNTRY' });
        }
        return true;
      }),
      { numRuns: 2000 },
    );
    // The property must not hold vacuously: a good share of the generated inputs are numbers.
    expect(accepted).toBeGreaterThan(200);
  });
});

describe('normalizeCountryCode', () => {
  it('reads ISO codes case-insensitively, maps UK to GB and treats empty as none', () => {
    expect(normalizeCountryCode('us')).toBe('US');
    expect(normalizeCountryCode(' UK ')).toBe('GB');
    expect(normalizeCountryCode('')).toBeUndefined();
    expect(normalizeCountryCode(undefined)).toBeUndefined();
  });

  it('rejects non-strings and unknown codes', () => {
    expect(caught(() => normalizeCountryCode(1)).message).toMatch(/must be a two-letter country code/);
    expect(caught(() => normalizeCountryCode('Germany', 'country')).field).toBe('country');
  });
});

describe('plivoNumber', () => {
  it('drops the +', () => {
    expect(plivoNumber('+14155550100')).toBe('14155550100');
  });

  it.each(['14155550100', '+0123', '+1 415 555 0100', '', '+1234567890123456'])('rejects non-E.164 %j', (input) => {
    expect(caught(() => plivoNumber(input))).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'phone number' });
  });
});

describe('describePhoneNumber', () => {
  it('gives the formats, country and line type', () => {
    expect(describePhoneNumber('0151 23456789', 'DE')).toEqual({
      e164: '+4915123456789',
      national: '01512 3456789',
      international: '+49 1512 3456789',
      rfc3966: 'tel:+4915123456789',
      countryIso2: 'DE',
      countryCallingCode: '49',
      type: 'mobile',
      valid: true,
      plivo: '4915123456789',
    });
  });

  it.each([
    ['+44 20 7946 0958', 'fixed', 'GB'],
    ['+1 800 555 0199', 'toll-free', 'US'],
    ['+1 415 555 0100', 'unknown', 'US'], // US numbers can be mobile or fixed: libphonenumber cannot tell
    ['+44 56 1234 5678', 'voip', 'GB'],
  ])('%s is %s in %s', (input, type, country) => {
    expect(describePhoneNumber(input)).toMatchObject({ type, countryIso2: country });
  });

  it('leaves the country undefined when a shared calling code cannot be pinned down', () => {
    expect(describePhoneNumber('447700900123')).toMatchObject({ countryIso2: undefined, countryCallingCode: '44' });
  });

  it('throws the same errors as normalizePhoneNumber', () => {
    expect(caught(() => describePhoneNumber('abc'))).toMatchObject({ code: 'INVALID_PHONE_NUMBER' });
  });
});

describe('validateSender', () => {
  it.each([
    ['+14155550100', 'number', '+14155550100'],
    ['14155550100', 'number', '+14155550100'],
    ['+1 (415) 555-0100', 'number', '+14155550100'],
    ['tel:+14155550100', 'number', '+14155550100'],
    [14155550100, 'number', '+14155550100'],
    ['123', 'shortcode', '123'],
    ['55555', 'shortcode', '55555'],
    ['12345678', 'shortcode', '12345678'],
    [12345, 'shortcode', '12345'],
    ['MyShop', 'alphanumeric', 'MyShop'],
    ['  My Shop 24 ', 'alphanumeric', 'My Shop 24'],
    ['ABCDEFGHIJK', 'alphanumeric', 'ABCDEFGHIJK'],
    ['2FA', 'alphanumeric', '2FA'],
  ] as const)('%j is a %s sender', (input, kind, value) => {
    expect(validateSender(input)).toEqual({ kind, value });
  });

  it.each([
    ['', /src is empty/],
    [null, /got null/],
    [{}, /got a value of type object/],
    ['ABCDEFGHIJKL', /is 12 characters long: an alphanumeric sender ID may have at most 11/],
    ['My-Shop', /contains "-"/],
    ['Café', /contains "é"/],
    ['12', /too short to be a phone number/],
    ['+12345', /too short/],
    ['4155550100', /needs a country code or a default country/],
    ['+999 1234 5678', /known country calling code/],
  ])('rejects %j', (input, message) => {
    const error = caught(() => validateSender(input, 'messages[0].src'));
    expect(error).toMatchObject({ code: 'INVALID_SENDER', field: 'messages[0].src' });
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(/short code|alphanumeric/);
  });

  it('uses src as the default field', () => {
    expect(caught(() => validateSender('')).field).toBe('src');
  });

  it('never throws anything but INVALID_SENDER', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constantFrom(null, undefined, [], true)), (input) => {
        try {
          const sender = validateSender(input);
          return ['number', 'shortcode', 'alphanumeric'].includes(sender.kind);
        } catch (error) {
          return error instanceof TextbridgeError && error.code === 'INVALID_SENDER' && error.field === 'src';
        }
      }),
      { numRuns: 1000 },
    );
  });
});
