// Turns Plivo's answer to one bulk request (or its failure) into one result per input of that request.
import { TextbridgeError } from '../errors/index.js';
import type { SendFieldLabeler } from '../plivo/send-request.js';
import { bulkFieldLabels, type PreparedMessage, type TextFigures } from './prepare.js';
import type { SendMessageResult } from '../plivo/schemas.js';
import type { TimeZoneSource } from './time-zone-of.js';

export interface BulkSendSuccess {
  ok: true;
  index: number;
  /** E.164. */
  dst: string;
  /** The sender as sent (E.164, short code or alphanumeric ID), when the message used `src`. */
  src?: string;
  powerpackUuid?: string;
  /** Plivo's UUID for this destination (one per destination, however many SMS parts it has). */
  messageUuids: string[];
  apiId: string;
  /** Undefined for an MMS without text. */
  encoding: TextFigures['encoding'];
  segmentCount: number;
  unitCount: number;
  characterCount: number;
  smartEncodingApplied: boolean;
}

export interface BulkSendFailure {
  ok: false;
  held?: undefined;
  skipped?: undefined;
  index: number;
  /** Normalised when the destination was valid, else as given (when it was text). */
  dst: string | undefined;
  /** DELIVERY_UNKNOWN when the message may have been sent: check Plivo's logs before sending it again. */
  error: TextbridgeError;
}

/** Not sent, and no request made: outside the recipient's quiet-hours window. It may go at `sendAfter`. */
export interface BulkSendHeld {
  ok: false;
  held: true;
  skipped?: undefined;
  index: number;
  /** E.164. */
  dst: string;
  /** The first instant inside the window, ISO-8601 in UTC (`2026-12-04T13:00:00.000Z`). */
  sendAfter: string;
  timeZone: string;
  timeZoneSource: TimeZoneSource;
  /** HELD_FOR_QUIET_HOURS, so that every result that is not `ok` says why in the same place. */
  error: TextbridgeError;
}

/** Not sent: the recipient opted out (listed by the caller, or Plivo refused the send for that reason). */
export interface BulkSendSkipped {
  ok: false;
  held?: undefined;
  skipped: true;
  reason: 'opted-out';
  index: number;
  /** E.164. */
  dst: string;
  /** Why, in words a user reads. */
  message: string;
  /** RECIPIENT_OPTED_OUT, so that every result that is not `ok` says why in the same place. */
  error: TextbridgeError;
}

export type BulkSendResult = BulkSendSuccess | BulkSendFailure | BulkSendHeld | BulkSendSkipped;

/** A result that is an error (not sent, or maybe sent) — neither sent nor deliberately held back. */
export function isSendFailure(result: BulkSendResult): result is BulkSendFailure {
  return !result.ok && !result.held && !result.skipped;
}

export function heldResult(
  entry: { index: number; dst: string },
  decision: { sendAfter: string; timeZone: string; source: TimeZoneSource },
): BulkSendHeld {
  return {
    ok: false,
    held: true,
    index: entry.index,
    dst: entry.dst,
    sendAfter: decision.sendAfter,
    timeZone: decision.timeZone,
    timeZoneSource: decision.source,
    error: new TextbridgeError(
      'HELD_FOR_QUIET_HOURS',
      `${entry.dst} was not sent: it is outside the quiet-hours window in ${decision.timeZone}; it may go at ${decision.sendAfter}.`,
      { details: { sendAfter: decision.sendAfter, timeZone: decision.timeZone } },
    ),
  };
}

export function optedOutResult(entry: { index: number; dst: string }, byPlivo: boolean): BulkSendSkipped {
  const message = byPlivo
    ? `${entry.dst} has opted out of messages from this sender (Plivo refused the send): it was not sent.`
    : `${entry.dst} is on the opted-out list: it was not sent.`;
  return {
    ok: false,
    skipped: true,
    reason: 'opted-out',
    index: entry.index,
    dst: entry.dst,
    message,
    error: new TextbridgeError('RECIPIENT_OPTED_OUT', message),
  };
}

/** Plivo may echo numbers without '+' or with formatting: compare digits only. */
function digitsOf(number: string): string {
  return String(number).replace(/\D/g, '');
}

/**
 * `messageUuids` holds one UUID per accepted destination, in request order; `invalidNumbers` lists the rejected
 * ones. When the counts do not add up, nobody can tell which UUID belongs to whom: the accepted inputs get
 * DELIVERY_UNKNOWN (they were probably sent) rather than a guess.
 */
export function mapResponse(
  entries: readonly PreparedMessage[],
  response: SendMessageResult,
  labelsFor: (index: number) => SendFieldLabeler = bulkFieldLabels,
): BulkSendResult[] {
  const invalidNumbers = Array.isArray(response.invalidNumbers) ? response.invalidNumbers : [];
  const invalid = new Set(invalidNumbers.map(digitsOf));
  const accepted = entries.filter((entry) => !invalid.has(digitsOf(entry.dst)));
  const uuids = Array.isArray(response.messageUuids) ? response.messageUuids : [];
  const mismatch = uuids.length !== accepted.length;
  let next = 0;
  return entries.map((entry): BulkSendResult => {
    if (invalid.has(digitsOf(entry.dst))) {
      const field = labelsFor(entry.index)('dst');
      return failure(
        entry,
        new TextbridgeError('INVALID_PHONE_NUMBER', `${field} ${entry.dst} was rejected by Plivo as an invalid number.`, {
          field,
          apiId: response.apiId,
          plivoError: 'invalid_number',
        }),
      );
    }
    if (mismatch) {
      return failure(
        entry,
        new TextbridgeError(
          'DELIVERY_UNKNOWN',
          `Plivo accepted the request for ${labelsFor(entry.index)('')} but returned ${uuids.length} message UUID(s) for ${accepted.length} number(s), so whether ${entry.dst} got its message is unknown.`,
          { apiId: response.apiId, field: labelsFor(entry.index)('dst'), details: { messageUuids: uuids } },
        ),
      );
    }
    return {
      ok: true,
      index: entry.index,
      dst: entry.dst,
      ...(entry.params.src === undefined ? {} : { src: entry.params.src }),
      ...(entry.params.powerpackUuid === undefined ? {} : { powerpackUuid: entry.params.powerpackUuid }),
      messageUuids: [uuids[next++]!],
      apiId: response.apiId,
      encoding: entry.figures.encoding,
      segmentCount: entry.figures.segmentCount,
      unitCount: entry.figures.unitCount,
      characterCount: entry.figures.characterCount,
      smartEncodingApplied: entry.figures.smartEncodingApplied,
    };
  });
}

/**
 * The error every input of a failed request gets. Anything that is not a TextbridgeError, and a cancellation after
 * the request may have gone out, could hide a sent message: those become DELIVERY_UNKNOWN.
 */
export function requestFailure(error: unknown, entryCount: number): TextbridgeError {
  const subject = entryCount === 1 ? 'the message' : `the ${entryCount} messages of this request`;
  if (!(error instanceof TextbridgeError)) {
    return new TextbridgeError(
      'DELIVERY_UNKNOWN',
      `Sending failed with an unexpected error (${error instanceof Error ? error.message : String(error)}): ${subject} may have been sent.`,
      { cause: error },
    );
  }
  if (error.code === 'ABORTED' && error.details?.requestSent !== false) {
    return new TextbridgeError('DELIVERY_UNKNOWN', `Sending was cancelled after the request went out: ${subject} may have been sent.`, {
      cause: error,
      details: error.details,
    });
  }
  return error;
}

export function abortedResult(
  entry: { index: number; dst: string | undefined },
  labelsFor: (index: number) => SendFieldLabeler = bulkFieldLabels,
): BulkSendFailure {
  const whole = labelsFor(entry.index)('');
  return failure(
    entry,
    new TextbridgeError('ABORTED', `${whole} was not sent: sending was cancelled.`, {
      field: whole,
      details: { requestSent: false },
    }),
  );
}

export function failure(entry: { index: number; dst: string | undefined }, error: TextbridgeError): BulkSendFailure {
  return { ok: false, index: entry.index, dst: entry.dst, error };
}
