// How much one poll reads. Plivo's List Messages API allows only 20 calls a minute per account and returns at most
// 20 messages per call, so a regular poll reads two pages; filling Zapier's dedupe list reads Zapier's maximum.
import type { Bundle } from 'zapier-platform-core';

const REGULAR_POLL_ITEMS = 40;
/** Zapier takes at most 100 new items per poll. */
const DEDUPE_POLL_ITEMS = 100;

export function pollItems(bundle: Pick<Bundle, 'meta'>): number {
  return bundle.meta?.isPopulatingDedupe ? DEDUPE_POLL_ITEMS : REGULAR_POLL_ITEMS;
}
