// Reads one input of a bulk send into what grouping needs: the parsed request (core's one parse, with the run's or the
// host's field labels), its single destination, and the key that tells which inputs can share one Plivo request.
import { TextbridgeError } from '../errors/index.js';
import { normalizePhoneNumber } from '../phone/index.js';
import {
  createSendRequestParser,
  isSendMessageRequest,
  type SendFieldLabeler,
  type SendMessageRequest,
} from '../plivo/send-request.js';
import type { BulkSendOptions } from './schemas.js';

/**
 * Kept for every input until its request leaves (for an array: possibly the whole run), so it holds no copy of the
 * text: inputs with the same text and options share one `params` (whose text is the caller's string).
 */
export interface PreparedMessage {
  index: number;
  /** E.164. */
  dst: string;
  /** The parsed request of the first input with this text and options: sent with the batch's destinations. */
  params: SendMessageRequest;
  /**
   * Everything but the destination and the text, as a string: inputs may share a request when this and
   * `params.text` are equal. The text stays out of the key so that no input's text is copied into one.
   */
  optionsKey: string;
  /** What the result reports of the text sent (the shared request's figures). */
  figures: TextFigures;
}

/** What a result reports of the text sent. */
export type TextFigures = Pick<SendMessageRequest, 'encoding' | 'segmentCount' | 'unitCount' | 'characterCount' | 'smartEncodingApplied'>;

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

const CACHE_LIMIT = 256;

/** Makes the per-run reader. It never throws: a bad input becomes a RejectedMessage whose error names the field. */
export function createMessagePreparer(
  options: Pick<BulkSendOptions, 'defaultCountry' | 'smartEncoding' | 'fieldLabels'>,
): MessagePreparer {
  const parse = createSendRequestParser({ defaultCountry: options.defaultCountry, smartEncoding: options.smartEncoding });
  const labelsFor = options.fieldLabels ?? bulkFieldLabels;
  /** Inputs with the same options share one key string, and those with the same text too one request object. */
  const optionKeys = new Map<string, string>();
  const sharedByText = new Map<string, { optionsKey: string; params: SendMessageRequest }>();
  const remember = <T>(cache: Map<string, T>, key: string, value: T): T => {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };

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
    const key = optionsKeyOf(request);
    const optionsKey = optionKeys.get(key) ?? remember(optionKeys, key, key);
    const text = request.text ?? '';
    let shared = sharedByText.get(text);
    // Figures are shared with the request only when they are the same (one input may have been smart-encoded into
    // the text another gave as is).
    if (shared?.optionsKey !== optionsKey || shared.params.smartEncodingApplied !== request.smartEncodingApplied) {
      shared = remember(sharedByText, text, { optionsKey, params: request });
    }
    return { index, dst: request.dst[0]!, params: shared.params, optionsKey, figures: shared.params };
  };
}

/** Everything Plivo receives except the destination and the text (compared as the string it is). */
function optionsKeyOf(request: SendMessageRequest): string {
  return JSON.stringify([
    request.src ?? null,
    request.powerpackUuid ?? null,
    request.text === undefined,
    request.type ?? null,
    request.mediaUrls ?? null,
    request.mediaIds ?? null,
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

