// Core names the fields of a bulk send `messages[3].dst`; a user of n8n or Zapier knows them as "To" on item 2.
// Hosts pass their own names so every error points at the field the user actually filled in.
import { TextbridgeError } from '../errors.js';
import type { SendRequest } from '../send/schemas.js';

export type SendFieldLabels = Partial<Record<keyof SendRequest, string>>;

const MESSAGE_FIELD = /^messages\[(\d+)\](?:\.([A-Za-z]+))?(.*)$/;

/**
 * Rewrites an error's `field` (and the same path inside its message) from core's `messages[i].<field>` to the
 * host's label; `messageLabel(i)` names the message itself (e.g. `item 2`). Other errors are returned unchanged.
 */
export function relabelSendError(
  error: TextbridgeError,
  labels: SendFieldLabels,
  messageLabel: (index: number) => string = () => 'the message',
): TextbridgeError {
  const match = error.field === undefined ? null : MESSAGE_FIELD.exec(error.field);
  if (!match) return error;
  const [, index, name, rest] = match as unknown as [string, string, string | undefined, string];
  const owner = messageLabel(Number(index));
  const label = name === undefined ? owner : `${labels[name as keyof SendRequest] ?? name}${rest}`;
  const prefix = name === undefined ? `messages[${index}]` : `messages[${index}].${name}${rest}`;
  const message = error.message.split(prefix).join(name === undefined ? owner : `${label} (${owner})`);
  return new TextbridgeError(error.code, message, {
    hint: error.hint,
    field: label,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.apiId === undefined ? {} : { apiId: error.apiId }),
    ...(error.plivoError === undefined ? {} : { plivoError: error.plivoError }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.details === undefined ? {} : { details: error.details }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}
