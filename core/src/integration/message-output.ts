// A Plivo message record (Get / List Message API, as the client reads it) as the flat object both hosts emit:
// numbers in E.164, times in ISO 8601, and a readable reason next to real delivery error codes.
import { describeDeliveryError, isDeliveryError } from '../errors/delivery-codes.js';
import { normalizePhoneNumber } from '../phone/index.js';
import type { Message } from '../plivo/schemas.js';
import { plivoTimeToIso } from '../webhooks/plivo-time.js';

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

export function toMessageOutput(message: Message): MessageOutput {
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

