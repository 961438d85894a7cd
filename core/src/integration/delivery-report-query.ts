// "Message → Summarize" / "Delivery Report": lists a window's outbound messages (every page; the client retries
// Plivo's 429s with its own clock) and summarizes them. Both hosts and the CLI call this one function.
import { z } from 'zod/v4';
import { validateSender } from '../phone.js';
import type { PlivoClient } from '../plivo/client.js';
import { toPlivoFilterTime } from '../plivo/filter-time.js';
import type { CallOptions } from '../plivo/retry.js';
import { invalid, parseInput, prepareInput } from '../plivo/validate.js';
import { summarizeDelivery, type DeliveryReport } from './delivery-report.js';

const OPERATION = 'Delivery report';

const timeInput = z.union([z.date(), z.string().trim().min(1, { error: 'must not be empty' })], {
  error: 'must be a date or an ISO 8601 date-time, e.g. 2024-05-01T00:00:00Z',
});

const deliveryReportQuerySchema = z.object(
  {
    from: timeInput,
    to: timeInput,
    /** Hosts pass an empty optional field as '' or null: no sender filter. */
    sender: z.string({ error: 'must be text' }).nullish(),
  },
  { error: 'must be an object with from and to' },
);
export type DeliveryReportQuery = z.input<typeof deliveryReportQuerySchema>;

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

export async function buildDeliveryReport(
  client: Pick<PlivoClient, 'listMessages'>,
  query: DeliveryReportQuery,
  options: CallOptions = {},
): Promise<DeliveryReportOutput> {
  const input = parseInput(deliveryReportQuerySchema, query, OPERATION);
  const from = filterTimeToIso(toPlivoFilterTime(input.from, 'from', OPERATION));
  const to = filterTimeToIso(toPlivoFilterTime(input.to, 'to', OPERATION));
  if (Date.parse(from) >= Date.parse(to)) {
    invalid('INVALID_INPUT', `${OPERATION}: from (${from}) must be before to (${to}).`, 'from', 'Swap the two times, or widen the window.');
  }
  const given = input.sender?.trim() || null;
  const sender = given === null ? null : prepareInput(OPERATION, () => validateSender(given, 'sender')).value;
  const messages = client.listMessages(
    { direction: 'outbound', messageTimeGte: from, messageTimeLt: to, ...(sender === null ? {} : { fromNumber: sender }) },
    options,
  );
  const report = await summarizeDelivery(messages);
  return { window: { from, to }, sender, ...report };
}
