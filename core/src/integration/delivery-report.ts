// Delivery analytics over a stream of Plivo message records: totals by status, error code (with its reason),
// country and segments; delivery rate; cost; time to delivered. Pure: it reads what it is given, once, in one pass.
import { describeDeliveryError, isDeliveryError } from '../errors/delivery-codes.js';
import { describePhoneNumber } from '../phone/index.js';
import type { Message } from '../plivo/schemas.js';
import { plivoTimeToIso } from '../webhooks/plivo-time.js';
import { createDecimalSum } from './decimal-sum.js';

/** The fields of a message record the report reads. */
export type ReportedMessage = Pick<
  Message,
  | 'messageState'
  | 'messageType'
  | 'errorCode'
  | 'toNumber'
  | 'destinationCountryIso2'
  | 'units'
  | 'totalAmount'
  | 'messageTime'
  | 'messageUpdatedTime'
>;

/** How each state counts towards the delivery rate. */
const STATE_OUTCOMES: Readonly<Record<string, 'delivered' | 'failed' | 'pending'>> = {
  delivered: 'delivered',
  read: 'delivered',
  failed: 'failed',
  undelivered: 'failed',
  rejected: 'failed',
  queued: 'pending',
  sent: 'pending',
};
/** Listed even at 0, so a report always has the same status fields. */
const OUTBOUND_STATES = ['queued', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'rejected'] as const;
export const UNKNOWN_COUNTRY = 'unknown';
/** Plivo writes amounts with 5 decimals. */
const AMOUNT_DECIMALS = 5;

export interface ErrorCodeTotal {
  code: string;
  reason: string;
  permanent: boolean;
  messages: number;
}

export interface CountryTotal {
  /** ISO 3166-1 alpha-2, or `unknown`. */
  country: string;
  messages: number;
  delivered: number;
  failed: number;
  /** delivered / (delivered + failed); null while none has a final outcome. */
  deliveryRate: number | null;
}

export interface SegmentTotal {
  /** `sms`, `mms`, … (`unknown` when the record has none). */
  type: string;
  /** Billed units (segments for SMS); null when the record has none. */
  segments: number | null;
  messages: number;
}

export interface TimeToDelivered {
  /** What the durations are measured from and to. */
  basis: string;
  /** Delivered messages with both timestamps readable. */
  measured: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
  /** Why p50/p95 are null, when they are. */
  unavailable: string | null;
}

export interface DeliveryReport {
  messages: number;
  /** Every outbound state (0 when none), plus any other state met. */
  byStatus: Record<string, number>;
  /** delivered + read */
  delivered: number;
  /** failed + undelivered + rejected */
  failed: number;
  /** queued + sent: no final outcome yet */
  pending: number;
  /** delivered / (delivered + failed), 4 decimals; null while none has a final outcome. */
  deliveryRate: number | null;
  /** Messages with an error code, most frequent first. */
  byErrorCode: ErrorCodeTotal[];
  /** Most messages first. */
  byCountry: CountryTotal[];
  /** Plivo's records carry units (segments) but no encoding; grouped by type and units, fewest units first. */
  bySegments: SegmentTotal[];
  cost: { units: number; totalAmount: string; messagesWithoutAmount: number };
  timeToDelivered: TimeToDelivered;
}

function rate(delivered: number, failed: number): number | null {
  const final = delivered + failed;
  return final === 0 ? null : Math.round((delivered / final) * 10_000) / 10_000;
}

/** Plivo's own country field first; the destination number (libphonenumber-js) when Plivo gives none. */
function countryOf(message: ReportedMessage): string {
  const given = message.destinationCountryIso2?.trim().toUpperCase();
  if (given && /^[A-Z]{2}$/.test(given)) return given;
  try {
    return describePhoneNumber(message.toNumber).countryIso2 ?? UNKNOWN_COUNTRY;
  } catch {
    return UNKNOWN_COUNTRY;
  }
}

function epochMs(text: string | null): number | null {
  const iso = text === null ? null : plivoTimeToIso(text);
  return iso === null ? null : Date.parse(iso);
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return Math.round(value) / 1000;
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Summarizes message records. Time to delivered is `message_updated_time − message_time` of delivered messages:
 * Plivo's records have no delivery timestamp of their own, and a delivered SMS's last update is its delivery report.
 */
export async function summarizeDelivery(
  messages: AsyncIterable<ReportedMessage> | Iterable<ReportedMessage>,
): Promise<DeliveryReport> {
  const byStatus = new Map<string, number>(OUTBOUND_STATES.map((state) => [state, 0]));
  const errors = new Map<string, number>();
  const countries = new Map<string, { messages: number; delivered: number; failed: number }>();
  const segments = new Map<string, SegmentTotal>();
  const amount = createDecimalSum(AMOUNT_DECIMALS);
  const durations: number[] = [];
  let count = 0;
  let units = 0;
  let withoutAmount = 0;
  const outcomes = { delivered: 0, failed: 0, pending: 0 };

  for await (const message of messages) {
    count += 1;
    const state = message.messageState.trim().toLowerCase();
    increment(byStatus, state);
    const outcome = STATE_OUTCOMES[state];
    if (outcome) outcomes[outcome] += 1;

    if (message.errorCode !== null && isDeliveryError(message.errorCode)) {
      increment(errors, describeDeliveryError(message.errorCode).code);
    }

    const country = countryOf(message);
    const totals = countries.get(country) ?? { messages: 0, delivered: 0, failed: 0 };
    totals.messages += 1;
    if (outcome === 'delivered') totals.delivered += 1;
    if (outcome === 'failed') totals.failed += 1;
    countries.set(country, totals);

    const type = message.messageType?.trim().toLowerCase() || 'unknown';
    const messageUnits = message.units !== null && Number.isFinite(message.units) ? message.units : null;
    const segmentKey = `${type}/${String(messageUnits)}`;
    const segment = segments.get(segmentKey) ?? { type, segments: messageUnits, messages: 0 };
    segment.messages += 1;
    segments.set(segmentKey, segment);

    units += messageUnits ?? 0;
    if (message.totalAmount === null || !amount.add(message.totalAmount)) withoutAmount += 1;

    if (state === 'delivered') {
      const queuedAt = epochMs(message.messageTime);
      const updatedAt = epochMs(message.messageUpdatedTime);
      if (queuedAt !== null && updatedAt !== null && updatedAt >= queuedAt) durations.push(updatedAt - queuedAt);
    }
  }

  durations.sort((a, b) => a - b);
  const measured = durations.length;
  return {
    messages: count,
    byStatus: Object.fromEntries(byStatus),
    ...outcomes,
    deliveryRate: rate(outcomes.delivered, outcomes.failed),
    byErrorCode: [...errors]
      .map(([code, total]) => ({ ...describeDeliveryError(code), messages: total }))
      .sort((a, b) => b.messages - a.messages || a.code.localeCompare(b.code, 'en', { numeric: true })),
    byCountry: [...countries]
      .map(([country, t]) => ({ country, ...t, deliveryRate: rate(t.delivered, t.failed) }))
      .sort((a, b) => b.messages - a.messages || a.country.localeCompare(b.country)),
    bySegments: [...segments.values()].sort(
      (a, b) => a.type.localeCompare(b.type) || (a.segments ?? -1) - (b.segments ?? -1),
    ),
    cost: { units, totalAmount: amount.toString(), messagesWithoutAmount: withoutAmount },
    timeToDelivered: {
      basis: 'message_updated_time − message_time of delivered messages',
      measured,
      p50Seconds: percentile(durations, 0.5),
      p95Seconds: percentile(durations, 0.95),
      unavailable: measured > 0 ? null : 'no delivered message in the report has both message_time and message_updated_time',
    },
  };
}
