// The HMAC of webhook signatures and nonce keys: Node's own, with no state kept between calls.
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The key as Node's KeyObject, made once per check. createHmac given a KeyObject costs a fifth of createHmac given
 * the key's bytes (which imports them again on every call), even counting the KeyObject's creation.
 */
export function hmacSha256Key(bytes: Buffer): KeyObject {
  return createSecretKey(bytes);
}

/** base64(HMAC-SHA256(key, UTF-8 bytes of text)). */
export function hmacSha256Base64(key: KeyObject, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('base64');
}
