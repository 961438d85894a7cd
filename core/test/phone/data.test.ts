// The phone data tables that stand in for libphonenumber-js's example numbers (kept out of the bundles for size)
// agree with those examples, so a library update that changes a national format fails here, not in a user's send.
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { PRINTED_NON_ZERO_TRUNK_PREFIXES, PRINTED_ZERO_TRUNK_COUNTRIES } from '../../src/phone/data.js';

/** The trunk prefix a country's national format prints before the national number of its example mobile number. */
function printedTrunkPrefix(country: ReturnType<typeof getCountries>[number]): string {
  const example = getExampleNumber(country, examples);
  if (!example) return '';
  const printed = example.formatNational().replace(/\D/g, '');
  return printed.endsWith(example.nationalNumber) ? printed.slice(0, -example.nationalNumber.length) : '';
}

describe('printed trunk prefixes', () => {
  it('match the national formats of libphonenumber-js for every country', () => {
    const zero: string[] = [];
    const nonZero: Record<string, string> = {};
    for (const country of getCountries()) {
      const trunk = printedTrunkPrefix(country);
      if (trunk.startsWith('0')) zero.push(country);
      else if (trunk !== '') nonZero[country] = trunk;
    }
    expect([...PRINTED_ZERO_TRUNK_COUNTRIES].sort()).toEqual(zero.sort());
    expect(PRINTED_NON_ZERO_TRUNK_PREFIXES).toEqual(nonZero);
  });
});
