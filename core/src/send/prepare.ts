// Reads one input of a bulk send into what grouping needs: the parsed request (core's one parse, with the run's or the
// host's field labels), its single destination, and the key that tells which inputs can share one Plivo request.
import { TextbridgeError } from '../errors.js';
import { normalizePhoneNumber } from '../phone.js';
import {
  createSendRequestParser,
  isSendMessageRequest,
  type SendFieldLabeler,
  type SendMessageRequest,
} from '../plivo/send-request.js';
import type { BulkSendOptions } from './schemas.js';

export interface PreparedMessage {
  index: number;
  /** E.164. */
  dst: string;
  /** The request of the first input of its group: every input that may share a Plivo request shares this object. */
  params: SendMessageRequest;
  groupKey: string;
  encoding: SendMessageRequest['encoding'];
  segmentCount: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) of the text sent; 0 without text. */
  unitCount: number;
  characterCount: number;
  /** True when smart encoding changed the text before it was sent. */
  smartEncodingApplied: boolean;
}

export interface RejectedMessage {
  index: number;
  /** Normalised when the destination itself was fine, else as given (when it was text). */
  dst: string | undefined;
  error: TextbridgeError;
}

export function messageField(index: number, name?: string): string {
  return name === undefined ? `messages[${index}]` : `messages[${index}].${name}`;
}

/** Core's names for input `index`: `messages[3].dst`. */
export function bulkFieldLabels(index: number): SendFieldLabeler {
  return (path) => (path === '' ? messageField(index) : messageField(index, path));
}

export type MessagePreparer = (raw: unknown, index: number) => PreparedMessage | RejectedMessage;

const GROUP_CACHE_LIMIT = 256;

/** Makes the per-run reader. It never throws: a bad input becomes a RejectedMessage whose error names the field. */
export function createMessagePreparer(
  options: Pick<BulkSendOptions, 'defaultCountry' | 'smartEncoding' | 'fieldLabels'>,
): MessagePreparer {
  const parse = createSendRequestParser({ defaultCountry: options.defaultCountry, smartEncoding: options.smartEncoding });
  const labelsFor = options.fieldLabels ?? bulkFieldLabels;
  /** Inputs of one group share one request object and key string: a 100k-input run holds one copy of the text. */
  const groups = new Map<string, { params: SendMessageRequest; groupKey: string }>();

  return (raw, index) => {
    const labels = labelsFor(index);
    let request: SendMessageRequest;
    try {
      request = isSendMessageRequest(raw) ? raw : parse(raw, labels);
      if (request.dst.length !== 1) {
        throw new TextbridgeError('INVALID_INPUT', `${labels('dst')} lists ${request.dst.length} numbers: a bulk send takes one destination per message.`, {
          field: labels('dst'),
          hint: 'Give each recipient a message of their own; the bulk sender merges identical messages into one Plivo request.',
        });
      }
    } catch (error) {
      return { index, dst: destinationOf(raw, options.defaultCountry), error: asInputError(error, labels) };
    }
    const groupKey = groupKeyOf(request);
    let group = groups.get(groupKey);
    if (group === undefined) {
      group = { params: request, groupKey };
      if (groups.size >= GROUP_CACHE_LIMIT) groups.clear();
      groups.set(groupKey, group);
    }
    return {
      index,
      dst: request.dst[0]!,
      params: group.params,
      groupKey: group.groupKey,
      encoding: request.encoding,
      segmentCount: request.segmentCount,
      unitCount: request.unitCount,
      characterCount: request.characterCount,
      smartEncodingApplied: request.smartEncodingApplied,
    };
  };
}

/** Everything Plivo receives except the destination: inputs with equal keys can share one request. */
function groupKeyOf(request: SendMessageRequest): string {
  return JSON.stringify([
    request.src ?? null,
    request.powerpackUuid ?? null,
    request.text ?? null,
    request.type ?? null,
    request.mediaUrls ?? null,
    request.url ?? null,
    request.method ?? null,
    request.log ?? null,
    request.trackable ?? null,
    request.messageExpiry ?? null,
  ]);
}

/** A failed input still reports the destination it named: normalised when that part was fine, else as given. */
function destinationOf(raw: unknown, defaultCountry: string | undefined): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const dst = (raw as { dst?: unknown }).dst;
  if (typeof dst !== 'string' && typeof dst !== 'number') return undefined;
  try {
    return normalizePhoneNumber(dst, defaultCountry);
  } catch {
    return typeof dst === 'string' ? dst : undefined;
  }
}

function asInputError(error: unknown, labels: SendFieldLabeler): TextbridgeError {
  if (error instanceof TextbridgeError) return error;
  const whole = labels('');
  return new TextbridgeError('INVALID_INPUT', `${whole} could not be checked: ${String(error)}.`, { field: whole, cause: error });
}

