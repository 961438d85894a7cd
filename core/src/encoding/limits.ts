// Data module: the numbers that decide how a message is split and whether Plivo accepts it.
// The arithmetic that uses them lives in capacity.ts.

/** User data of one SMS PDU: 140 octets = 160 GSM-7 septets = 70 UCS-2 units. */
export const SMS_USER_DATA_OCTETS = 140;

/**
 * Octets the concatenation User Data Header takes from every part of a long message: 6 with 8-bit references
 * (UDHL, IEI, IEDL, ref, total, seq) -> 153 septets / 67 units; 7 with 16-bit references -> 152 / 66.
 */
export const DEFAULT_UDH_OCTETS = 6;

/**
 * Accepted `udhOctets`: a concatenated part always carries at least the 6-octet header; 32 leaves room for extra
 * information elements (port addressing 6, national language shift 3 each) while catching bits passed as octets
 * (48) and other slips.
 */
export const MIN_UDH_OCTETS = 6;
export const MAX_UDH_OCTETS = 32;

/**
 * Plivo's documented `text` limits. GSM-7: at most 1,600 characters, counting every GSM character once (an
 * extension character such as `€` is one character, CR and LF are two); UCS-2: at most 737 UTF-16 units, which is
 * 11 parts x 67 units. Above either Plivo answers 400 ("text parameter length exceeds ...").
 */
export const PLIVO_MAX_GSM7_CHARACTERS = 1600;
export const PLIVO_MAX_UCS2_UNITS = 737;
