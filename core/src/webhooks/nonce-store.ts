// Where spent webhook nonces are kept. The interface is what a shared store (Redis, a database, Zapier's cache)
// implements; createNonceStore is the in-memory one every receiving path uses by default: a TTL and a size bound,
// driven by timestamps (n8n's rules allow no timers in node code, so nothing is ever scheduled).
import { TextbridgeError } from '../errors/index.js';

/**
 * A set of spent nonce keys. `remember` must be atomic per key ("set if absent", e.g. Redis `SET key 1 NX PX ttl`):
 * of two concurrent calls with the same key, at most one may return true.
 */
export interface NonceStore {
  /** Records `key` and returns true, or returns false when it is already recorded (a replay). */
  remember(key: string): boolean | Promise<boolean>;
}

export interface NonceStoreOptions {
  /** How long a key is remembered; a second use within this window is a replay. Default 24 hours. */
  windowMs?: number;
  /** Most keys kept; beyond it the oldest are forgotten first. Default 100,000 (about 15 MB). */
  maxEntries?: number;
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  now?: () => number;
}

/** The in-memory store: synchronous, so it can also serve verifyPlivoSignature's `nonceStore` option. */
export interface MemoryNonceStore extends NonceStore {
  /**
   * Records `key` and returns true, or returns false when it was already recorded within the window (a replay).
   * Only requests whose signature is valid are recorded, so forged requests can neither fill the store nor
   * pre-empt a genuine nonce.
   */
  remember(key: string): boolean;
  /** Whether `key` was recorded within the window (does not record it). */
  has(key: string): boolean;
  /** Keys currently remembered. */
  readonly size: number;
  clear(): void;
}

/**
 * 24 hours: far beyond Plivo's retry window (an 8 s timeout, then retries after 60, 120 and 240 s: under 8 minutes),
 * so a delivery Plivo sends again with the same nonce is never accepted twice; and as long as memory allows, since
 * a captured request becomes replayable once its nonce is forgotten.
 */
export const DEFAULT_NONCE_WINDOW_MS = 24 * 60 * 60_000;
export const DEFAULT_NONCE_MAX_ENTRIES = 100_000;

function positiveOption(value: unknown, fallback: number, field: string, unit: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    const message = `createNonceStore: ${field} must be a positive number of ${unit}, got ${String(value)}.`;
    throw new TextbridgeError('INVALID_INPUT', message, { field });
  }
  return value;
}

export function createNonceStore(options: NonceStoreOptions = {}): MemoryNonceStore {
  const windowMs = positiveOption(options.windowMs, DEFAULT_NONCE_WINDOW_MS, 'windowMs', 'milliseconds');
  const maxEntries = Math.max(1, Math.floor(positiveOption(options.maxEntries, DEFAULT_NONCE_MAX_ENTRIES, 'maxEntries', 'entries')));
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TextbridgeError('INVALID_INPUT', 'createNonceStore: now must be a function returning milliseconds.', { field: 'now' });
  }
  const now = options.now ?? Date.now;
  // Insertion order is arrival order, so expired entries are always at the front: pruning is amortised O(1).
  const seenAt = new Map<string, number>();

  const prune = (time: number): void => {
    for (const [key, at] of seenAt) {
      if (time - at < windowMs && seenAt.size <= maxEntries) break;
      seenAt.delete(key);
    }
  };

  return {
    remember(key: string): boolean {
      const time = now();
      prune(time);
      const previous = seenAt.get(key);
      if (previous !== undefined && time - previous < windowMs) return false;
      seenAt.delete(key);
      seenAt.set(key, time);
      if (seenAt.size > maxEntries) prune(time);
      return true;
    },
    has(key: string): boolean {
      const previous = seenAt.get(key);
      return previous !== undefined && now() - previous < windowMs;
    },
    get size() {
      return seenAt.size;
    },
    clear() {
      seenAt.clear();
    },
  };
}
