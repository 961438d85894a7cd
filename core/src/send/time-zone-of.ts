// Which time zone a recipient lives in, from the phone number alone: the country (its one zone, as Intl knows it),
// and for countries with several zones the area code where the tables (./data/time-zones.ts) know it.
import { parsePhoneNumberWithError, type PhoneNumber } from 'libphonenumber-js/max';
import { TextbridgeError } from '../errors/index.js';
import { MAIN_ZONE, NANP_AREA_CODES, NANP_ZONE_LETTERS, PREFIX_ZONES } from './data/time-zones.js';

/**
 * explicit: given by the caller; country: the country has one zone; area-code: the area code pins it;
 * country-default: a country with several zones whose area code the tables do not know (its most populous zone).
 */
export type TimeZoneSource = 'explicit' | 'country' | 'area-code' | 'country-default';

export interface RecipientTimeZone {
  timeZone: string;
  source: TimeZoneSource;
}

interface PrefixCountry {
  defaultZone: string;
  /** National-number prefix → zone. */
  byPrefix: Map<string, string>;
  longestPrefix: number;
}

interface Tables {
  main: Map<string, string>;
  multi: Map<string, PrefixCountry>;
  /** NANP zone letter → zone. */
  nanp: Map<string, string>;
}

let tables: Tables | undefined;

/** Unpacks the data module once, on first use. */
function loadTables(): Tables {
  if (tables) return tables;
  const main = new Map(MAIN_ZONE.split(' ').map((pair) => pair.split('=') as [string, string]));
  const multi = new Map<string, PrefixCountry>();
  for (const entry of PREFIX_ZONES.split('|')) {
    const [head, ...zones] = entry.split(';');
    const [country, defaultZone] = head!.split('>') as [string, string];
    const area = defaultZone.slice(0, defaultZone.indexOf('/') + 1);
    const byPrefix = new Map<string, string>();
    let longestPrefix = 0;
    for (const zoneEntry of zones) {
      const [name, prefixes] = zoneEntry.split(':') as [string, string];
      const zone = name.includes('/') ? name : area + name;
      for (const prefix of prefixes.split(' ')) {
        if (prefix === '') continue;
        byPrefix.set(prefix, zone);
        longestPrefix = Math.max(longestPrefix, prefix.length);
      }
    }
    multi.set(country, { defaultZone, byPrefix, longestPrefix });
  }
  const nanp = new Map<string, string>();
  for (const pair of NANP_ZONE_LETTERS.split(' ')) {
    const [letter, name] = pair.split('=') as [string, string];
    nanp.set(letter, name.includes('/') ? name : `America/${name}`);
  }
  tables = { main, multi, nanp };
  return tables;
}

/** The zone of a US or Canadian area code, if the table lists it. */
function nanpZone(nanp: Map<string, string>, areaCode: string): string | undefined {
  const letter = NANP_AREA_CODES[Number(areaCode) - 200];
  return letter === undefined ? undefined : nanp.get(letter);
}

/**
 * The time zone of an E.164 number's recipient, or undefined when the tables do not know its country. Fictional
 * ranges (+1 415 555 01xx) are read by their area code like real ones.
 */
export function timeZoneOfNumber(e164: string): RecipientTimeZone | undefined {
  let parsed: PhoneNumber;
  try {
    parsed = parsePhoneNumberWithError(e164);
  } catch {
    return undefined;
  }
  const { main, multi, nanp } = loadTables();
  const national = String(parsed.nationalNumber);
  if (parsed.countryCallingCode === '1') {
    const zone = nanpZone(nanp, national.slice(0, 3));
    if (zone) return { timeZone: zone, source: 'area-code' };
  }
  const country = parsed.country ?? parsed.getPossibleCountries()[0];
  if (country === undefined) return undefined;
  const zone = main.get(country) ?? onlyZoneOf(country);
  if (zone) return { timeZone: zone, source: 'country' };
  const zones = multi.get(country);
  if (!zones) return undefined;
  for (let length = Math.min(zones.longestPrefix, national.length); length > 0; length--) {
    const byArea = zones.byPrefix.get(national.slice(0, length));
    if (byArea) return { timeZone: byArea, source: 'area-code' };
  }
  return { timeZone: zones.defaultZone, source: 'country-default' };
}

/** The region's zone when Intl knows exactly one (Node 20–22 have the `timeZones` getter, later `getTimeZones()`). */
function onlyZoneOf(country: string): string | undefined {
  try {
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };
    const zones = locale.getTimeZones?.() ?? locale.timeZones;
    return zones?.length === 1 ? zones[0] : undefined;
  } catch {
    return undefined;
  }
}

/** Checks a time zone name given by a caller (IANA, e.g. Europe/Berlin), naming `field`. */
export function checkTimeZone(input: string, field: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: input.trim() }).resolvedOptions().timeZone;
  } catch {
    throw new TextbridgeError('INVALID_INPUT', `${field} ${JSON.stringify(input)} is not a known time zone.`, {
      field,
      hint: 'Use an IANA name such as America/New_York or Europe/Berlin, or leave it empty.',
    });
  }
}
