// Look Up Phone Number: Plivo's carrier lookup (country, formats, carrier, line type). Unknown numbers give no result.
import { isTextbridgeError } from '@textbridge/core/errors';
import { normalizePhoneNumber } from '@textbridge/core/phone';
import type { NumberLookup } from '@textbridge/core/plivo';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalText } from '../inputs.js';
import { plivoClientFor } from '../transport.js';

export type LookupOutput = {
  id: string;
  phoneNumber: string;
  countryName: string | null;
  countryIso2: string | null;
  countryIso3: string | null;
  nationalFormat: string | null;
  internationalFormat: string | null;
  carrierName: string | null;
  lineType: string | null;
  ported: string | null;
  mobileCountryCode: string | null;
  mobileNetworkCode: string | null;
};

function lookupOutput(lookup: NumberLookup): LookupOutput {
  const phoneNumber = lookup.format.e164 ?? lookup.phoneNumber;
  return {
    id: phoneNumber,
    phoneNumber,
    countryName: lookup.country.name,
    countryIso2: lookup.country.iso2,
    countryIso3: lookup.country.iso3,
    nationalFormat: lookup.format.national,
    internationalFormat: lookup.format.international,
    carrierName: lookup.carrier.name,
    lineType: lookup.carrier.type,
    ported: lookup.carrier.ported,
    mobileCountryCode: lookup.carrier.mobileCountryCode,
    mobileNetworkCode: lookup.carrier.mobileNetworkCode,
  };
}

export async function lookupNumber(z: ZObject, bundle: Bundle): Promise<LookupOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const number = normalizePhoneNumber(bundle.inputData.number, optionalText(bundle.inputData.default_country), 'number');
    try {
      return [lookupOutput(await plivoClientFor(z, bundle).lookupNumber(number))];
    } catch (error) {
      if (isTextbridgeError(error, 'NOT_FOUND')) return [];
      throw error;
    }
  });
}

export const lookupNumberSearch = defineSearch({
  key: 'lookup_number',
  noun: 'Phone Number',
  display: {
    label: 'Look Up Phone Number',
    description:
      'Finds the country, carrier and line type (mobile, landline, VoIP) of a phone number, e.g. to check a number can receive SMS before texting it.',
  },
  operation: {
    inputFields: [
      {
        key: 'number',
        label: 'Phone Number',
        required: true,
        helpText: 'The number to look up, ideally with its country code (e.g. +14155550123). Plivo charges a small fee per lookup.',
      },
      {
        key: 'default_country',
        label: 'Default Country',
        required: false,
        helpText: 'Two-letter country code (e.g. US, GB) used when the number is written without its country code.',
      },
    ],
    perform: lookupNumber,
    sample: {
      id: '+14155550123',
      phoneNumber: '+14155550123',
      countryName: 'United States',
      countryIso2: 'US',
      countryIso3: 'USA',
      nationalFormat: '(415) 555-0123',
      internationalFormat: '+1 415-555-0123',
      carrierName: 'Example Wireless',
      lineType: 'mobile',
      ported: 'no',
      mobileCountryCode: '310',
      mobileNetworkCode: '410',
    },
    outputFields: [
      { key: 'phoneNumber', label: 'Phone Number (E.164)' },
      { key: 'countryName', label: 'Country' },
      { key: 'countryIso2', label: 'Country Code (2 letters)' },
      { key: 'countryIso3', label: 'Country Code (3 letters)' },
      { key: 'nationalFormat', label: 'National Format' },
      { key: 'internationalFormat', label: 'International Format' },
      { key: 'carrierName', label: 'Carrier' },
      { key: 'lineType', label: 'Line Type (mobile, fixed, voip, toll-free, unknown)' },
      { key: 'ported', label: 'Ported (yes, no, unknown)' },
      { key: 'mobileCountryCode', label: 'Mobile Country Code (MCC)' },
      { key: 'mobileNetworkCode', label: 'Mobile Network Code (MNC)' },
    ],
  },
});
