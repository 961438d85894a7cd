// Polling instead of webhooks, for n8n instances Plivo cannot reach: each poll lists the account's messages of the
// look-back window and emits those not seen before in their current state (dedupe on UUID + state, kept in the
// node's static data), so a delivery report shows up once per state change and an inbound message once.
import { toMessageOutput } from '@textbridge/core/integration';
import type { ListMessagesFilters, Message, PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { plivoClientFor } from '../../shared/client.js';
import { toJson } from '../../shared/json.js';

interface PollState extends IDataObject {
  /** When polling started (ms): nothing older is emitted, so activation does not replay history. */
  activatedAt?: number;
  /** `uuid:state` -> when it was first seen (ms). */
  seen?: Record<string, number>;
}

type PollEvent = 'inbound' | 'status';

/** Messages a poll reads at most, so that one poll stays bounded in time. */
export const MAX_MESSAGES_PER_POLL = 1000;
const HOUR_MS = 3_600_000;

function dedupeKey(message: Message): string {
  return `${message.messageUuid}:${message.messageState}`;
}

function toEvent(kind: PollEvent, message: Message): IDataObject {
  return { kind, ...toJson(toMessageOutput(message)) };
}

function wanted(kind: PollEvent, message: Message, statuses: string[]): boolean {
  if (kind === 'inbound') return true;
  return statuses.length === 0 || statuses.includes(String(message.messageState).toLowerCase());
}

async function listWindow(client: PlivoClient, filters: ListMessagesFilters): Promise<Message[]> {
  const messages: Message[] = [];
  for await (const message of client.listMessages({ ...filters, maxItems: MAX_MESSAGES_PER_POLL })) messages.push(message);
  return messages;
}

export async function pollMessages(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
  const kind = this.getNodeParameter('event') as PollEvent;
  const options = this.getNodeParameter('options', {}) as { statuses?: string[]; lookBackHours?: number };
  const statuses = (options.statuses ?? []).map((status) => status.toLowerCase());
  const direction = kind === 'inbound' ? 'inbound' : 'outbound';
  const client = await plivoClientFor(this);

  // Testing the node in the editor: show the latest matching message, and remember nothing.
  if (this.getMode() === 'manual') {
    const latest = (await listWindow(client, { direction, limit: 20 })).find((message) => wanted(kind, message, statuses));
    return latest ? [this.helpers.returnJsonArray([toEvent(kind, latest)])] : null;
  }

  const state = this.getWorkflowStaticData('node') as PollState;
  const now = Date.now();
  state.activatedAt ??= now;
  const lookBackMs = Math.max(1, options.lookBackHours ?? 24) * HOUR_MS;
  const since = Math.max(state.activatedAt, now - lookBackMs);
  const seen = { ...(state.seen ?? {}) };

  const fresh: IDataObject[] = [];
  for (const message of await listWindow(client, { direction, messageTimeGte: new Date(since) })) {
    const key = dedupeKey(message);
    if (seen[key] !== undefined) continue;
    seen[key] = now;
    if (wanted(kind, message, statuses)) fresh.push(toEvent(kind, message));
  }
  // Keys of messages that left the window can never come back: forget them.
  for (const [key, firstSeen] of Object.entries(seen)) if (firstSeen < now - lookBackMs - HOUR_MS) delete seen[key];
  state.seen = seen;

  // Plivo lists newest first; emit in the order things happened.
  return fresh.length > 0 ? [this.helpers.returnJsonArray(fresh.reverse())] : null;
}
