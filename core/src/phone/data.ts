// Data module: the constants and lookup tables phone.ts applies. Algorithms live in ./phone.ts.
import type { CountryCode, PhoneNumberType } from 'libphonenumber-js/max';

/** Line types Textbridge reports (the same vocabulary as Plivo's Lookup API `carrier.type`). */
export const PHONE_NUMBER_TYPES = ['mobile', 'fixed', 'voip', 'toll-free', 'unknown'] as const;
export type PhoneNumberKind = (typeof PHONE_NUMBER_TYPES)[number];

/** libphonenumber's finer types mapped to ours; anything absent (e.g. FIXED_LINE_OR_MOBILE in the US) is 'unknown'. */
export const LIBPHONENUMBER_TYPE_TO_KIND: Partial<Record<PhoneNumberType, PhoneNumberKind>> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed',
  VOIP: 'voip',
  TOLL_FREE: 'toll-free',
};

/** Country codes CRMs commonly use that are not ISO 3166-1 alpha-2, mapped to the ISO code. */
export const COUNTRY_CODE_ALIASES: Readonly<Record<string, string>> = {
  UK: 'GB',
};

/**
 * The ITU's international call prefix, used by most of the world. With a default country, that country's own prefix
 * (libphonenumber's metadata: 011 in North America, 0011 in Australia, 010 in Japan…) is read first; "00" is read as
 * international too, unless the digits are a valid national number of the default country (a few countries have
 * numbers that start with 00). Without a default country, only '+' and "00" mark an international number: "011" is
 * North America's prefix, but a national number elsewhere (Sapporo, Sheffield).
 */
export const ITU_INTERNATIONAL_PREFIX = '00';

/** North America's international prefix, named in the error for "011…" read without a default country. */
export const NANP_INTERNATIONAL_PREFIX = '011';

/** North America's country code, which is also its trunk prefix: "1 (415) 555-0100" names its country. */
export const NANP_COUNTRY_CODE = '1';

/** Characters CRMs use to format numbers; they carry no meaning and are dropped. Dashes include Unicode variants. */
export const PHONE_FORMATTING_CHARACTERS = /[\s\-.()/\u2010-\u2015\u2212\u00a0]/gu;
/** The same characters as separators between digit groups ("1 (415) 555-0100" -> 1, 415, 555, 0100). */
export const PHONE_GROUP_SEPARATORS = /[\s\-.()/\u2010-\u2015\u2212\u00a0]+/u;

/** Longer inputs are not phone numbers, whatever they contain (E.164 allows 15 digits; formatting adds some). */
export const MAX_PHONE_INPUT_LENGTH = 64;

/** E.164: '+', a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/** Sender ID rules (Plivo `src`): short codes are 3–8 digits; alphanumeric IDs at most 11 of A–Z a–z 0–9 and space. */
export const SHORT_CODE_PATTERN = /^\d{3,8}$/;
export const ALPHANUMERIC_SENDER_MAX_LENGTH = 11;
export const ALPHANUMERIC_SENDER_CHARACTER = /[A-Za-z0-9 ]/;

/**
 * How each country prints a trunk prefix in its national format, as libphonenumber-js's example numbers show it
 * (core/test/phone/data.test.ts checks both tables against them). A national reading scans only countries whose
 * national length fits: these add their printed prefix to the length (Belarus writes 80, Russia 8…).
 */
export const PRINTED_NON_ZERO_TRUNK_PREFIXES: Readonly<Partial<Record<CountryCode, string>>> = { BY: '80', KZ: '8', RU: '8', TM: '8' };
/** …and these print one starting with 0, which digits read without '+' never start with here: they are not scanned. */
export const PRINTED_ZERO_TRUNK_COUNTRIES: ReadonlySet<string> = new Set(
  'AE,AF,AL,AM,AT,AU,AX,AZ,BA,BD,BE,BG,BL,CC,CD,CH,CU,CX,DE,DZ,EC,EG,EH,ER,ET,FI,FR,GB,GF,GG,GH,GP,HR,HU,ID,IE,IL,IM,IN,IQ,IR,JE,JO,JP,KE,KG,KH,KP,KR,LA,LK,LR,LT,LY,MA,MC,MD,ME,MF,MG,MK,MM,MQ,MW,MY,NA,NG,NL,NZ,PH,PK,PM,PS,PY,RE,RO,RS,RW,SA,SD,SE,SI,SK,SL,SS,SY,TH,TR,TW,TZ,UA,UG,UY,VE,VN,XK,YE,YT,ZA,ZM,ZW'.split(','),
);
