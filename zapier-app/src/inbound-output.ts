// An inbound SMS as Zapier shows it, from a verified webhook (with the text) or from the message log (without it:
// Plivo's log keeps no message content).
import { toMessageOutput as messageOutput } from '@textbridge/core/integration';
import type { Message } from '@textbridge/core/plivo';
import type { InboundMessageEvent } from '@textbridge/core/webhooks';

export type InboundOutput = {
  id: string;
  messageUuid: string;
  from: string;
  to: string;
  text: string | null;
  type: string | null;
  units: number | null;
  mediaCount: number;
  mediaUrls: string[];
  intent: string | null;
  keyword: string | null;
  powerpackUuid: string | null;
  totalAmount: number | string | null;
  receivedAt: string | null;
};

export function inboundEventOutput(event: InboundMessageEvent, receivedAt: string): InboundOutput {
  return {
    id: event.messageUuid,
    messageUuid: event.messageUuid,
    from: event.from,
    to: event.to,
    text: event.text,
    type: event.type,
    units: event.units,
    mediaCount: event.mediaCount,
    mediaUrls: event.media.map((item) => item.url),
    intent: event.intent,
    keyword: event.keyword,
    powerpackUuid: event.powerpackUuid,
    totalAmount: event.totalAmount,
    receivedAt,
  };
}

export function inboundRecordOutput(message: Message): InboundOutput {
  const record = messageOutput(message);
  return {
    id: record.id,
    messageUuid: record.messageUuid,
    from: record.from,
    to: record.to,
    text: null,
    type: record.type,
    units: record.units,
    mediaCount: 0,
    mediaUrls: [],
    intent: null,
    keyword: null,
    powerpackUuid: record.powerpackId,
    totalAmount: record.totalAmount,
    receivedAt: record.messageTime,
  };
}

export const INBOUND_OUTPUT_FIELDS = [
  { key: 'messageUuid', label: 'Message UUID' },
  { key: 'from', label: 'From (sender)' },
  { key: 'to', label: 'To (your Plivo number)' },
  { key: 'text', label: 'Message Text' },
  { key: 'type', label: 'Type (sms or mms)' },
  { key: 'units', label: 'Units', type: 'integer' },
  { key: 'mediaCount', label: 'Media Count', type: 'integer' },
  { key: 'mediaUrls[]', label: 'Media URLs' },
  { key: 'intent', label: 'Intent (optout, optin, help)' },
  { key: 'keyword', label: 'Keyword (e.g. STOP)' },
  { key: 'powerpackUuid', label: 'Powerpack UUID' },
  { key: 'totalAmount', label: 'Total Amount (USD)' },
  { key: 'receivedAt', label: 'Received At', type: 'datetime' },
] as const;

export const INBOUND_SAMPLE: InboundOutput = {
  id: '7f5c1a2e-1c2e-11ef-8d3b-0242ac110003',
  messageUuid: '7f5c1a2e-1c2e-11ef-8d3b-0242ac110003',
  from: '+14155550123',
  to: '+14155552671',
  text: 'Hi! Is my order ready for pickup?',
  type: 'sms',
  units: 1,
  mediaCount: 0,
  mediaUrls: [],
  intent: null,
  keyword: null,
  powerpackUuid: null,
  totalAmount: 0,
  receivedAt: '2026-05-22T21:40:02.000Z',
};
