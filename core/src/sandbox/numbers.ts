// Phone numbers as the sandbox sees them: Plivo's digits on the wire, libphonenumber (via core's phone module)
// for validity, country and type, and the made-up carrier network each number "belongs" to.
import { isTextbridgeError } from '../errors/index.js';
import { describePhoneNumber, type PhoneNumberKind } from '../phone/index.js';
import { CARRIERS_BY_COUNTRY, FALLBACK_NETWORKS, type CountryCarrierData, type FakeNetwork } from './data/carriers.js';
import { MAIN_COUNTRY_BY_CALLING_CODE } from './data/countries.js';
import { hashString } from './random.js';

export type LookupNumberType = PhoneNumberKind;

export interface ParsedNumber {
  /** Plivo's format: digits with country code, no '+'. */
  digits: string;
  e164: string;
  national: string;
  international: string;
  rfc3966: string;
  countryIso2: string;
  type: LookupNumberType;
}

/** Characters Plivo strips from `dst` before validating it. */
const STRIPPED = /[\s/\-.+()]/g;

/** Parses a number the way Plivo reads `dst`: separators stripped, country code required. */
export function parsePlivoNumber(raw: string): ParsedNumber | undefined {
  const digits = raw.replace(STRIPPED, '');
  if (!/^\d{6,15}$/.test(digits)) return undefined;
  try {
    const described = describePhoneNumber(`+${digits}`);
    return {
      digits: described.plivo,
      e164: described.e164,
      national: described.national,
      international: described.international,
      rfc3966: described.rfc3966,
      countryIso2: described.countryIso2 ?? MAIN_COUNTRY_BY_CALLING_CODE[described.countryCallingCode] ?? '',
      type: described.type,
    };
  } catch (error) {
    if (isTextbridgeError(error)) return undefined;
    throw error;
  }
}

export interface CarrierNetwork extends FakeNetwork {
  type: Exclude<LookupNumberType, 'unknown'>;
  ported: 'yes' | 'no';
}

export function countryCarrierData(countryIso2: string): CountryCarrierData {
  return CARRIERS_BY_COUNTRY[countryIso2] ?? FALLBACK_NETWORKS;
}

/**
 * The network a number is on: fixed-line, VoIP and toll-free numbers report the country's fixed carrier; mobile
 * numbers (and numbers libphonenumber cannot type, such as US "fixed line or mobile") a mobile network picked by
 * prefix or stable hash. About one number in five is reported as ported, also by hash.
 */
export function carrierNetwork(number: ParsedNumber): CarrierNetwork {
  const data = countryCarrierData(number.countryIso2);
  const hash = hashString(number.digits);
  const ported = hash % 5 === 0 ? 'yes' : 'no';
  if (number.type === 'fixed' || number.type === 'voip' || number.type === 'toll-free') {
    return { ...data.fixed, type: number.type, ported };
  }
  const national = number.national.replace(/\D/g, '').replace(/^0+/, '');
  const byPrefix = data.mobile.find((network) => network.prefixes?.some((prefix) => national.startsWith(prefix)));
  const shared = data.mobile.filter((network) => network.prefixes === undefined);
  const pool = shared.length > 0 ? shared : data.mobile;
  const network = byPrefix ?? pool[hash % pool.length] ?? FALLBACK_NETWORKS.fixed;
  return { name: network.name, mcc: network.mcc, mnc: network.mnc, type: 'mobile', ported };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** English country name for an ISO code ("United States"); the code itself if the runtime lacks the data. */
export function countryName(countryIso2: string): string {
  if (!countryIso2) return '';
  try {
    return regionNames.of(countryIso2) ?? countryIso2;
  } catch {
    return countryIso2;
  }
}
