// A Plivo message record (Get / List Message API, as core reads it) as the flat object Zapier shows and maps.
import { describeDeliveryError, isDeliveryError, normalizePhoneNumber, plivoTimeToIso, type Message } from '@textbridge/core';

export type MessageOutput = {
  id: string;
  messageUuid: string;
  /** E.164 for phone numbers; short codes and sender IDs as Plivo wrote them. */
  from: string;
  to: string;
  direction: string;
  status: string;
  type: string | null;
  units: number | null;
  totalAmount: string | null;
  totalRate: string | null;
  errorCode: string | null;
  errorReason: string | null;
  messageTime: string | null;
  sentTime: string | null;
  updatedTime: string | null;
  destinationCountry: string | null;
  powerpackId: string | null;
};

function phoneOrAsWritten(value: string): string {
  try {
    return normalizePhoneNumber(value);
  } catch {
    return value;
  }
}

function isoOrAsWritten(value: string | null): string | null {
  return value === null ? null : (plivoTimeToIso(value) ?? value);
}

/** Only real failures get a code and a reason (Plivo also writes a code for "no error"). */
function deliveryError(code: string | null): { errorCode: string | null; errorReason: string | null } {
  if (!isDeliveryError(code)) return { errorCode: null, errorReason: null };
  const info = describeDeliveryError(code);
  return { errorCode: info.code, errorReason: info.reason };
}

export function messageOutput(message: Message): MessageOutput {
  return {
    id: message.messageUuid,
    messageUuid: message.messageUuid,
    from: phoneOrAsWritten(message.fromNumber),
    to: phoneOrAsWritten(message.toNumber),
    direction: message.messageDirection,
    status: message.messageState,
    type: message.messageType,
    units: message.units,
    totalAmount: message.totalAmount,
    totalRate: message.totalRate,
    ...deliveryError(message.errorCode),
    messageTime: isoOrAsWritten(message.messageTime),
    sentTime: isoOrAsWritten(message.messageSentTime),
    updatedTime: isoOrAsWritten(message.messageUpdatedTime),
    destinationCountry: message.destinationCountryIso2,
    powerpackId: message.powerpackId,
  };
}

/** Output fields shared by every operation that returns messages (labels say what each value means). */
export const MESSAGE_OUTPUT_FIELDS = [
  { key: 'messageUuid', label: 'Message UUID' },
  { key: 'from', label: 'From' },
  { key: 'to', label: 'To' },
  { key: 'direction', label: 'Direction (inbound or outbound)' },
  { key: 'status', label: 'Status' },
  { key: 'type', label: 'Type (sms or mms)' },
  { key: 'units', label: 'Units Billed', type: 'integer' },
  { key: 'totalAmount', label: 'Total Amount (USD)' },
  { key: 'totalRate', label: 'Rate per Unit (USD)' },
  { key: 'errorCode', label: 'Error Code' },
  { key: 'errorReason', label: 'Error Reason' },
  { key: 'messageTime', label: 'Message Time', type: 'datetime' },
  { key: 'sentTime', label: 'Sent Time', type: 'datetime' },
  { key: 'updatedTime', label: 'Last Updated', type: 'datetime' },
  { key: 'destinationCountry', label: 'Destination Country' },
  { key: 'powerpackId', label: 'Powerpack ID' },
] as const;

export const MESSAGE_SAMPLE: MessageOutput = {
  id: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002',
  messageUuid: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002',
  from: '+14155552671',
  to: '+14155550123',
  direction: 'outbound',
  status: 'delivered',
  type: 'sms',
  units: 1,
  totalAmount: '0.00500',
  totalRate: '0.00500',
  errorCode: null,
  errorReason: null,
  messageTime: '2026-05-22T21:36:14.000Z',
  sentTime: '2026-05-22T21:36:15.000Z',
  updatedTime: '2026-05-22T21:36:18.000Z',
  destinationCountry: 'US',
  powerpackId: null,
};
