// Plivo's timestamp formats, always UTC here; built on core's own Plivo time helpers.
import { formatPlivoFilterTime } from '../plivo/index.js';
import { plivoTimeToIso } from '../webhooks/index.js';

/** `YYYY-mm-dd HH:MM:SS.ffffff` — the format of callback fields such as `QueuedTime`. */
export function callbackTime(epochMs: number): string {
  const text = formatPlivoFilterTime(new Date(epochMs));
  return text.includes('.') ? text : `${text}.000000`;
}

/** `YYYY-mm-dd HH:MM:SS.ffffff+00:00` — the format of `message_time` in message records. */
export function recordTime(epochMs: number): string {
  return `${callbackTime(epochMs)}+00:00`;
}

/** `YYYY-mm-dd` — the format of `added_on` on numbers. */
export function dateOnly(epochMs: number): string {
  return callbackTime(epochMs).slice(0, 10);
}

/** A list filter such as `message_time__gte=2024-01-31 10:00[:ss[.uuuuuu]]` (UTC) in epoch ms; undefined if unreadable. */
export function parseFilterTime(text: string): number | undefined {
  const iso = plivoTimeToIso(text);
  return iso === null ? undefined : Date.parse(iso);
}
