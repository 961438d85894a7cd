// Replay protection for signed webhooks: remembers nonces for a time window, in bounded memory.
import { TextbridgeError } from '../errors.js';

export interface NonceStoreOptions {
  /** How long a nonce is remembered; a second use within this window is a replay. Default 5 minutes. */
  windowMs?: number;
  /** Most nonces kept; beyond it the oldest are forgotten first. Default 100,000 (about 10 MB). */
  maxEntries?: number;
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  now?: () => number;
}

export interface NonceStore {
  /**
   * Records `nonce` and returns true, or returns false when it was already recorded within the window (a replay).
   * Call it only for requests whose signature is valid, so forged requests can neither fill the store nor
   * pre-empt a genuine nonce.
   */
  remember(nonce: string): boolean;
  /** Whether `nonce` was recorded within the window (does not record it). */
  has(nonce: string): boolean;
  /** Nonces currently remembered. */
  readonly size: number;
  clear(): void;
}

export const DEFAULT_NONCE_WINDOW_MS = 5 * 60_000;
export const DEFAULT_NONCE_MAX_ENTRIES = 100_000;

function positiveOption(value: unknown, fallback: number, field: string, unit: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    const message = `createNonceStore: ${field} must be a positive number of ${unit}, got ${String(value)}.`;
    throw new TextbridgeError('INVALID_INPUT', message, { field });
  }
  return value;
}

export function createNonceStore(options: NonceStoreOptions = {}): NonceStore {
  const windowMs = positiveOption(options.windowMs, DEFAULT_NONCE_WINDOW_MS, 'windowMs', 'milliseconds');
  const maxEntries = Math.floor(positiveOption(options.maxEntries, DEFAULT_NONCE_MAX_ENTRIES, 'maxEntries', 'entries'));
  const now = options.now ?? Date.now;
  // Insertion order is arrival order, so expired entries are always at the front: pruning is amortised O(1).
  const seenAt = new Map<string, number>();

  const prune = (time: number): void => {
    for (const [nonce, at] of seenAt) {
      if (time - at < windowMs && seenAt.size <= maxEntries) break;
      seenAt.delete(nonce);
    }
  };

  return {
    remember(nonce: string): boolean {
      const time = now();
      prune(time);
      const previous = seenAt.get(nonce);
      if (previous !== undefined && time - previous < windowMs) return false;
      seenAt.delete(nonce);
      seenAt.set(nonce, time);
      if (seenAt.size > maxEntries) prune(time);
      return true;
    },
    has(nonce: string): boolean {
      const previous = seenAt.get(nonce);
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
