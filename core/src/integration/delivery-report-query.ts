// "Message → Summarize" / "Delivery Report": lists a window's outbound messages (every page; the client retries
// Plivo's 429s with its own clock) and summarizes them. Both hosts call this one function, with their field names.
import { z } from 'zod/v4';
import { validateSender } from '../phone/index.js';
import type { PlivoClient } from '../plivo/client.js';
import { toPlivoFilterTime } from '../plivo/filter-time.js';
import type { CallOptions } from '../plivo/retry.js';
import { invalid, parseInput, prepareInput } from '../plivo/validate.js';
import { summarizeDelivery, type DeliveryReport } from './delivery-report.js';

const OPERATION = 'Delivery report';

const timeInput = z.union([z.date(), z.string().trim().min(1, { error: 'must not be empty' })], {
  error: 'must be a date or an ISO 8601 date-time, e.g. 2024-05-01T00:00:00Z',
});

export interface DeliveryReportQuery {
  /** Start of the window (inclusive): a Date or ISO 8601 text; UTC unless it carries an offset. */
  from: Date | string;
  /** End of the window (exclusive). */
  to: Date | string;
  /** Only messages from this number or sender ID; empty, null or absent for every sender. */
  sender?: string | null | undefined;
}

/** The host's names for the query's fields, so errors name the field the user sees (`{ from: 'fromTime' }`). */
export type DeliveryReportLabels = Partial<Record<keyof DeliveryReportQuery, string>>;

function querySchema(labels: Required<DeliveryReportLabels>) {
  return z.object(
    {
      [labels.from]: timeInput,
      [labels.to]: timeInput,
      /** Hosts pass an empty optional field as '' or null: no sender filter. */
      [labels.sender]: z.string({ error: 'must be text' }).nullish(),
    },
    { error: `must be an object with ${labels.from} and ${labels.to}` },
  );
}

export interface DeliveryReportOutput extends DeliveryReport {
  /** The window as listed: messages queued at or after `from` and before `to`, ISO 8601 UTC. */
  window: { from: string; to: string };
  /** The sender filter (E.164 for numbers); null for every sender. */
  sender: string | null;
}

/** Plivo's `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC) as ISO 8601. */
function filterTimeToIso(text: string): string {
  return new Date(`${text.replace(' ', 'T').slice(0, 23)}Z`).toISOString();
}

export interface DeliveryReportOptions extends CallOptions {
  labels?: DeliveryReportLabels;
}

/**
 * Lists every outbound message queued in `[from, to)` (optionally from one sender) and summarizes them. Throws
 * TextbridgeError INVALID_INPUT / INVALID_SENDER naming the field before anything is listed; errors while listing
 * (after the client's retries) end the report rather than leave it short.
 */
export async function buildDeliveryReport(
  client: Pick<PlivoClient, 'listMessages'>,
  query: DeliveryReportQuery,
  options: DeliveryReportOptions = {},
): Promise<DeliveryReportOutput> {
  const { labels: given = {}, ...call } = options;
  const labels = { from: given.from ?? 'from', to: given.to ?? 'to', sender: given.sender ?? 'sender' };
  const fields = { [labels.from]: query?.from, [labels.to]: query?.to, [labels.sender]: query?.sender };
  const input = parseInput(querySchema(labels), fields, OPERATION);
  const from = filterTimeToIso(toPlivoFilterTime(input[labels.from] as Date | string, labels.from, OPERATION));
  const to = filterTimeToIso(toPlivoFilterTime(input[labels.to] as Date | string, labels.to, OPERATION));
  if (Date.parse(from) >= Date.parse(to)) {
    invalid(
      'INVALID_INPUT',
      `${OPERATION}: ${labels.from} (${from}) must be before ${labels.to} (${to}).`,
      labels.from,
      'Swap the two times, or widen the window.',
    );
  }
  const senderText = (input[labels.sender] as string | null | undefined)?.trim() || null;
  const sender = senderText === null ? null : prepareInput(OPERATION, () => validateSender(senderText, labels.sender)).value;
  const messages = client.listMessages(
    { direction: 'outbound', messageTimeGte: from, messageTimeLt: to, ...(sender === null ? {} : { fromNumber: sender }) },
    call,
  );
  const report = await summarizeDelivery(messages);
  return { window: { from, to }, sender, ...report };
}
