// Replay protection for Plivo webhooks. A V2 signature covers only the URL and the nonce, never the parameters, so
// spending each nonce once is what keeps a captured request from being sent again, with or without its V3 headers
// and with any text. This module decides what a nonce is spent under, and holds the process-wide store every
// receiving path uses unless it is given another.
import { TextbridgeError } from '../errors/index.js';
import { hmacSha256Base64 } from './hmac-sha256.js';
import { createNonceStore } from './nonce-store.js';
import type { NonceStore } from './nonce-store.js';
import { VERIFY_READINGS, signingKey, v2SigningTexts } from './signed-url.js';

/** Separates these keys from any signature computed with the same token. */
const KEY_CONTEXT = 'textbridge/plivo-nonce\n';
const KEY_PREFIX = 'plivo-nonce:';

/**
 * The keys a verified request's nonces are spent under. A nonce is unique only per account and URL, so each key is
 * what a V2 signature binds: the URL without its query, then the nonce (one text per way of reading the URL), keyed
 * by the account's token. HMAC-ed, the key has a fixed size and shows neither the URL nor the token to a shared
 * store. Two requests that V2 signs identically (e.g. `…/hook` + nonce `12` and `…/hook1` + nonce `2`) share a key.
 */
export function nonceKeys(url: string, authToken: string, nonces: readonly string[]): string[] {
  const key = signingKey(authToken);
  const keys = new Set<string>();
  for (const nonce of nonces) {
    for (const text of v2SigningTexts(url, nonce, VERIFY_READINGS)) {
      keys.add(KEY_PREFIX + hmacSha256Base64(key, KEY_CONTEXT + text));
    }
  }
  return [...keys];
}

let processStore: NonceStore | undefined;

/**
 * The store every receiving path spends nonces in unless given another: by default one in-memory store per process
 * (24 h, 100,000 keys), shared by all webhooks of all accounts (keys are per account and URL). It is forgotten
 * when the process restarts; deployments with several processes (n8n queue mode) plug a shared store in with
 * setDefaultNonceStore.
 */
export function defaultNonceStore(): NonceStore {
  processStore ??= createNonceStore();
  return processStore;
}

function isNonceStore(value: unknown): value is NonceStore {
  return typeof value === 'object' && value !== null && typeof (value as NonceStore).remember === 'function';
}

/** Replaces the process-wide store (e.g. with a Redis-backed one); `null` goes back to a fresh in-memory store. */
export function setDefaultNonceStore(store: NonceStore | null): void {
  if (store !== null && !isNonceStore(store)) {
    throw new TextbridgeError('INVALID_INPUT', 'setDefaultNonceStore needs an object with remember(key), or null.', {
      field: 'store',
    });
  }
  processStore = store ?? undefined;
}

export type SpendResult = { spent: true } | { spent: false; key: string };

function storeAnswer(answer: unknown): boolean {
  if (typeof answer !== 'boolean') {
    throw new TextbridgeError(
      'INVALID_INPUT',
      `A nonce store's remember(key) must return true or false (or a Promise of one); it returned ${answer === null ? 'null' : typeof answer}.`,
      { field: 'nonceStore' },
    );
  }
  return answer;
}

/**
 * Spends every key in every store, in order, and stops at the first store that has seen one (a replay). Each
 * store's remember is atomic per key, so of two requests sharing a key at most one is accepted. A shared store
 * goes first: when it fails, nothing was recorded in the local one, and Plivo's retry is still accepted.
 */
export async function spendNonceKeys(keys: readonly string[], stores: readonly NonceStore[]): Promise<SpendResult> {
  for (const store of stores) {
    for (const key of keys) {
      if (!storeAnswer(await store.remember(key))) return { spent: false, key };
    }
  }
  return { spent: true };
}

/** The synchronous form, for verifyPlivoSignature's `nonceStore` option. */
export function spendNonceKeysNow(keys: readonly string[], store: NonceStore): SpendResult {
  for (const key of keys) {
    const answer = store.remember(key);
    if (typeof answer === 'object' && answer !== null && typeof (answer as Promise<boolean>).then === 'function') {
      // The promise is left to settle on its own; refuse rather than accept unchecked.
      (answer as Promise<boolean>).catch(() => undefined);
      throw new TextbridgeError(
        'INVALID_INPUT',
        'verifyPlivoSignature is synchronous, but this nonceStore answers with a Promise: use handlePlivoWebhook (which awaits it) with asynchronous stores.',
        { field: 'nonceStore' },
      );
    }
    if (!storeAnswer(answer)) return { spent: false, key };
  }
  return { spent: true };
}
