// Auth Tokens a webhook receiver keeps between requests. Loading a host's credential can cost far more than checking
// a signature (n8n decrypts it and resolves it in a fresh expression sandbox on every call), so receivers keep the
// token per key. A cached token is never trusted for long: it is loaded again once older than `maxAgeMs` (so a token
// revoked in the host stops being accepted within that time), and handlePlivoWebhook reloads it before refusing a
// signature that does not match (so a token just rotated in the host is accepted at once).
import { TextbridgeError } from '../errors/index.js';

export interface AuthTokenCacheOptions {
  /** Milliseconds since the epoch; the host's clock. */
  now: () => number;
  /** How long a loaded token is used before it is loaded again. Default 10 s. */
  maxAgeMs?: number;
  /** Keys kept at most; the least recently loaded is dropped first. Default 1,000. */
  maxEntries?: number;
}

export interface AuthTokenCache {
  /** The token for `key`: the cached one while younger than maxAgeMs, else `load()`'s. */
  get(key: string, load: () => Promise<string>): Promise<string>;
  /** Loads the token for `key` anew, whatever the cached one's age. */
  reload(key: string, load: () => Promise<string>): Promise<string>;
  /** Number of keys cached (for tests and diagnostics). */
  size(): number;
}

export const DEFAULT_AUTH_TOKEN_MAX_AGE_MS = 10_000;
export const DEFAULT_AUTH_TOKEN_CACHE_ENTRIES = 1_000;

interface Entry {
  token: string;
  loadedAt: number;
}

function wholeNumber(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new TextbridgeError('INVALID_INPUT', `createAuthTokenCache: ${field} must be a whole number of 0 or more.`, { field });
  }
  return value;
}

export function createAuthTokenCache(options: AuthTokenCacheOptions): AuthTokenCache {
  if (typeof options?.now !== 'function') {
    throw new TextbridgeError('INVALID_INPUT', 'createAuthTokenCache: now must be a function returning milliseconds since the epoch.', {
      field: 'now',
    });
  }
  const now = options.now;
  const maxAgeMs = wholeNumber(options.maxAgeMs, DEFAULT_AUTH_TOKEN_MAX_AGE_MS, 'maxAgeMs');
  const maxEntries = wholeNumber(options.maxEntries, DEFAULT_AUTH_TOKEN_CACHE_ENTRIES, 'maxEntries');
  const entries = new Map<string, Entry>();
  // One load per key at a time: a burst arriving while the token is stale waits for the same load.
  const loading = new Map<string, Promise<string>>();

  function store(key: string, token: string, loadedAt: number): void {
    entries.delete(key);
    if (maxEntries === 0) return;
    entries.set(key, { token, loadedAt });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  function load(key: string, loader: () => Promise<string>): Promise<string> {
    const pending = loading.get(key);
    if (pending) return pending;
    const startedAt = now();
    const promise = (async () => {
      try {
        const token = await loader();
        // A failed or empty load keeps nothing: the next request tries again rather than trusting an old token.
        if (typeof token === 'string' && token !== '') store(key, token, startedAt);
        else entries.delete(key);
        return token;
      } catch (error) {
        entries.delete(key);
        throw error;
      } finally {
        loading.delete(key);
      }
    })();
    loading.set(key, promise);
    return promise;
  }

  return {
    async get(key, loader) {
      const entry = entries.get(key);
      if (entry && now() - entry.loadedAt < maxAgeMs) return entry.token;
      return await load(key, loader);
    },
    async reload(key, loader) {
      return await load(key, loader);
    },
    size: () => entries.size,
  };
}
