// The nonce store the Zapier hook shares between its calls. Zapier runs each call in whichever Lambda container is
// free, so core's in-memory store (still used, after this one) only sees what one container served; Zapier's cache
// (`z.cache`, shared by every invocation of the app) is what they all see.
import { DEFAULT_NONCE_WINDOW_MS, type NonceStore } from '@textbridge/core/webhooks';
import type { ZObject } from 'zapier-platform-core';

const TTL_SECONDS = Math.round(DEFAULT_NONCE_WINDOW_MS / 1000);

export function zapierNonceStore(z: ZObject): NonceStore {
  return {
    async remember(key: string): Promise<boolean> {
      try {
        if ((await z.cache.get(key)) !== null) return false;
        // `nx`: set only if absent, so of two calls racing past the read, the one Zapier answers `false` loses.
        return (await z.cache.set(key, 1, TTL_SECONDS, undefined, true)) !== false;
      } catch (error) {
        // Zapier already answered Plivo, so refusing would lose the message for good: this call is checked by
        // this container's memory only.
        z.console.log(`Zapier's cache did not answer the replay check (${error instanceof Error ? error.message : String(error)}).`);
        return true;
      }
    },
  };
}
