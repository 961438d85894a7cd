// Trigger filters users set in the hosts ("only delivery failures", "only STOP replies", "only messages saying YES").
import type { DeliveryStatusEvent, InboundMessageEvent } from '../webhooks/parse.js';

export interface WebhookFilter {
  /** Delivery statuses to keep (`delivered`, `undelivered`, `failed`…); empty keeps all. */
  statuses?: readonly string[];
  /** Inbound intents to keep (`optout`, `optin`, `help`, or `none` for ordinary messages); empty keeps all. */
  intents?: readonly string[];
  /** Inbound messages whose first word (or whole text) is one of these, case-insensitive; empty keeps all. */
  keywords?: readonly string[];
}

const clean = (list: readonly string[] | undefined) =>
  (list ?? []).map((item) => String(item).trim().toLowerCase()).filter((item) => item !== '');

export function matchesWebhookFilter(event: InboundMessageEvent | DeliveryStatusEvent, filter: WebhookFilter = {}): boolean {
  if (event.kind === 'status') {
    const statuses = clean(filter.statuses);
    return statuses.length === 0 || statuses.includes(String(event.status).toLowerCase());
  }
  const intents = clean(filter.intents);
  if (intents.length > 0 && !intents.includes(event.intent ?? 'none')) return false;
  const keywords = clean(filter.keywords);
  if (keywords.length === 0) return true;
  const text = event.text.trim().toLowerCase();
  const firstWord = text.split(/\s+/, 1)[0] ?? '';
  return keywords.includes(text) || keywords.includes(firstWord);
}
