import { SMS_USER_DATA_OCTETS } from './limits.js';

/** Septets in one unconcatenated GSM-7 message (160). */
export const GSM7_SINGLE_CAPACITY = Math.floor((SMS_USER_DATA_OCTETS * 8) / 7);
/** UTF-16 units in one unconcatenated UCS-2 message (70). */
export const UCS2_SINGLE_CAPACITY = SMS_USER_DATA_OCTETS / 2;

/**
 * Septets left for text in each part of a concatenated GSM-7 message. The header is padded with fill bits to a
 * septet boundary, so it costs ceil(octets * 8 / 7) septets: 6 octets -> 153, 7 octets -> 152.
 */
export function gsm7PartCapacity(udhOctets: number): number {
  return GSM7_SINGLE_CAPACITY - Math.ceil((udhOctets * 8) / 7);
}

/** UTF-16 units left for text in each part of a concatenated UCS-2 message: 6 octets -> 67, 7 octets -> 66. */
export function ucs2PartCapacity(udhOctets: number): number {
  return Math.floor((SMS_USER_DATA_OCTETS - udhOctets) / 2);
}
