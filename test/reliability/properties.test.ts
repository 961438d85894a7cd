// Property tests over core's pure entry points: whatever a host hands them (any JS value, broken Unicode, huge or
// hostile strings), they return or throw a TextbridgeError — never a TypeError, RangeError or anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeMessage,
  isTextbridgeError,
  normalizePhoneNumber,
  parseDeliveryStatus,
  parseInboundMessage,
  parseWebhookBody,
  smartEncode,
  validateSender,
} from '../../core/src/index.js';

const RUNS = { numRuns: 10_000 };

/** Calls `run` and fails the property unless it returns or throws a TextbridgeError. */
function onlyTextbridgeErrors(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (isTextbridgeError(error)) return true;
    throw new Error(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
  }
}

/** Text as hosts pass it: ASCII, any code unit (lone surrogates included), emoji, control characters, GSM extras. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001b', '\u007f', '\ud800', '\udfff', '€', '^', '{', '\u00a0', '’', '“', '\u200d', '👩‍👩‍👧', '🏳️‍🌈', 'é', 'e\u0301', '\n', '\r') }),
);
const anyValue = fc.oneof(text, fc.anything(), fc.constantFrom(null, undefined, Number.NaN, Infinity, -0, 10n, Symbol('s'), () => 'x'));
const smartModes = fc.oneof(fc.constantFrom<unknown>(undefined, 'auto', 'always', 'off', true, false, 'bogus', 3, null), fc.anything());

/** Webhook parameters: Plivo's keys with hostile values, plus any object at all. */
const plivoKeys = ['MessageUUID', 'From', 'To', 'Text', 'Body', 'Type', 'Units', 'TotalRate', 'TotalAmount', 'MessageIntent', 'Status', 'ErrorCode', 'MessageTime', 'PartInfo', 'MediaCount', 'Media0', 'Media1', 'Sequence'];
const params = fc.oneof(
  fc.dictionary(fc.constantFrom(...plivoKeys), fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.anything()), { maxKeys: 12 }),
  fc.anything(),
  fc.constantFrom<unknown>({ __proto__: null }, Object.create(null), { toString: 1 }, { constructor: 'x', __proto__: { From: 1 } }),
);

describe(`never anything but TextbridgeError (${RUNS.numRuns.toLocaleString('en')} runs each)`, () => {
  it('analyzeMessage', () => {
    fc.assert(fc.property(anyValue, fc.anything(), (value, options) => onlyTextbridgeErrors(() => analyzeMessage(value, options as never))), RUNS);
  });

  it('smartEncode', () => {
    fc.assert(fc.property(anyValue, smartModes, (value, mode) => onlyTextbridgeErrors(() => smartEncode(value, mode as never))), RUNS);
  });

  it('normalizePhoneNumber (and validateSender)', () => {
    const phone = fc.oneof(
      anyValue,
      fc.stringMatching(/^\+?[0-9 ()+.-]{0,40}$/),
      fc.bigInt().map(String),
      fc.double(),
      fc.string({ unit: fc.constantFrom('0', '1', '9', '+', '٣', '５', ' ', '-') }),
    );
    const country = fc.oneof(fc.constantFrom<unknown>(undefined, 'US', 'GB', 'us', 'XX', '', 'USA', 12), fc.anything());
    fc.assert(
      fc.property(phone, country, (value, defaultCountry) =>
        onlyTextbridgeErrors(() => {
          normalizePhoneNumber(value, defaultCountry as never);
          validateSender(value);
        }),
      ),
      RUNS,
    );
  });

  it('parseInboundMessage and parseDeliveryStatus', () => {
    fc.assert(
      fc.property(params, (value) =>
        onlyTextbridgeErrors(() => {
          // A refusal is a result, not an exception: it must carry a TextbridgeError too.
          for (const result of [parseInboundMessage(value), parseDeliveryStatus(value)]) {
            if (!result.ok && !isTextbridgeError(result.error)) throw new Error('a refusal without a TextbridgeError');
          }
        }),
      ),
      RUNS,
    );
  });

  it('parseWebhookBody', () => {
    const contentType = fc.oneof(
      fc.constantFrom<unknown>('application/x-www-form-urlencoded', 'application/json', 'application/json; charset=latin1', 'text/plain', '', null, undefined),
      fc.anything(),
    );
    const body = fc.oneof(
      text,
      fc.json(),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ unit: fc.constantFrom('%', '&', '=', '+', 'a', '[', ']', '{', '"') }),
      fc.anything(),
    );
    const input = fc.oneof(
      fc.record(
        { method: fc.oneof(fc.constantFrom<unknown>('POST', 'GET', 'post', 'HEAD', ''), fc.anything()), contentType, rawBody: body, query: fc.oneof(text, fc.anything()) },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    fc.assert(
      fc.property(input, (value) =>
        onlyTextbridgeErrors(() => {
          const result = parseWebhookBody(value as never);
          if (!result.ok && !isTextbridgeError(result.error)) throw new Error('a refusal without a TextbridgeError');
        }),
      ),
      RUNS,
    );
  });

  it('the arbitraries reach the hard cases (lone surrogates, control characters, non-strings)', () => {
    const samples = fc.sample(anyValue, { numRuns: 5000, seed: 1 });
    expect(samples.some((value) => typeof value === 'string' && /[\ud800-\udbff](?![\udc00-\udfff])/.test(value))).toBe(true);
    expect(samples.some((value) => typeof value === 'string' && /[\u0000-\u001f]/.test(value))).toBe(true);
    expect(samples.some((value) => typeof value !== 'string')).toBe(true);
  });
});
