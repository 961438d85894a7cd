// The webhook verifier reads queries without node:querystring (n8n's community rules forbid it in node code), yet
// must read them exactly as Plivo's Node SDK does: querystring itself is the oracle.
import fc from 'fast-check';
import { parse as querystringParse } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import { parseQueryValues } from '../../src/webhooks/query-string.js';

function oracle(query: string): [string, string[]][] {
  const parsed = querystringParse(query);
  return Object.keys(parsed).map((key) => [key, ([] as string[]).concat(parsed[key] as string | string[])]);
}

const piece = fc.oneof(
  fc.constantFrom('%', '%4', '%41', '%zz', '%%41', '+', '&', '&&', '=', '==', '%E2%82', '%E2%82%AC', '%C3%28', '%F0%9F%98%80', 'é', '😀', '\ud800', '__proto__', 'a', ''),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

describe('parseQueryValues', () => {
  it('reads every query as querystring.parse does (escapes, bad escapes, plus, empty pairs, duplicates)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const query = pieces.join('');
        expect([...parseQueryValues(query)]).toEqual(oracle(query));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['%41%41=%\x80', 'a key escaped twice makes querystring decode its value'],
    ['a=%\x80', 'no valid escape: left as written'],
    ['a=1&&b=2&', 'empty pairs skipped'],
    ['=x&y', 'empty key, key without value'],
  ])('%j: %s', (query) => {
    expect([...parseQueryValues(query)]).toEqual(oracle(query));
  });

  it('reads only the first 1,000 pairs, empty ones included, like querystring', () => {
    const query = Array.from({ length: 1005 }, (_, i) => `k${i}=1`).join('&&');
    expect(parseQueryValues(query).size).toBe(500);
    expect([...parseQueryValues(query)]).toEqual(oracle(query));
  });
});
