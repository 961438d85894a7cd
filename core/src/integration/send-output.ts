// The flat object both hosts emit for one message of a Send (an n8n item, a Zapier result).
import type { BulkSendResult } from '../send/outcomes.js';
import type { TimeZoneSource } from '../send/time-zone-of.js';

export type SendOutputStatus = 'queued' | 'failed' | 'unknown' | 'held' | 'skipped';

export interface SendOutput {
  /**
   * queued: Plivo accepted it; failed: it was not sent; unknown: it may have been sent (check Plivo's logs);
   * held: not sent, outside quiet hours — send it at `sendAfter`; skipped: not sent, the recipient opted out.
   */
  status: SendOutputStatus;
  messageUuid: string | null;
  messageUuids: string[];
  /** E.164 destination (as given when it could not be read as a number). */
  to: string | null;
  from: string | null;
  powerpackUuid: string | null;
  encoding: string | null;
  segmentCount: number | null;
  unitCount: number | null;
  characterCount: number | null;
  smartEncodingApplied: boolean | null;
  apiId: string | null;
  error: { code: string; message: string; hint: string; field: string | null } | null;
  /** held: the first instant inside the recipient's window, ISO-8601 (UTC) — what a Wait or Delay step waits for. */
  sendAfter?: string;
  /** held: the recipient's zone and how it was found. */
  timeZone?: string;
  timeZoneSource?: TimeZoneSource;
  /** skipped: why. */
  skipReason?: 'opted-out';
  skipMessage?: string;
}

function notSent(result: BulkSendResult, status: SendOutputStatus): SendOutput {
  return {
    status,
    messageUuid: null,
    messageUuids: [],
    to: result.dst ?? null,
    from: null,
    powerpackUuid: null,
    encoding: null,
    segmentCount: null,
    unitCount: null,
    characterCount: null,
    smartEncodingApplied: null,
    apiId: null,
    error: null,
  };
}

export function toSendOutput(result: BulkSendResult): SendOutput {
  if (result.ok) {
    return {
      status: 'queued',
      messageUuid: result.messageUuids[0] ?? null,
      messageUuids: [...result.messageUuids],
      to: result.dst,
      from: result.src ?? null,
      powerpackUuid: result.powerpackUuid ?? null,
      encoding: result.encoding ?? null,
      segmentCount: result.segmentCount,
      unitCount: result.unitCount,
      characterCount: result.characterCount,
      smartEncodingApplied: result.smartEncodingApplied,
      apiId: result.apiId,
      error: null,
    };
  }
  if (result.held) {
    return { ...notSent(result, 'held'), sendAfter: result.sendAfter, timeZone: result.timeZone, timeZoneSource: result.timeZoneSource };
  }
  if (result.skipped) return { ...notSent(result, 'skipped'), skipReason: result.reason, skipMessage: result.message };
  const { error } = result;
  return {
    ...notSent(result, error.code === 'DELIVERY_UNKNOWN' ? 'unknown' : 'failed'),
    apiId: error.apiId ?? null,
    error: { code: error.code, message: error.message, hint: error.hint, field: error.field ?? null },
  };
}

export interface SendSummary {
  /**
   * unknown: one may have been sent; failed: at least one was not sent for an error; held: none failed and at least
   * one is held for quiet hours; skipped: every recipient opted out; queued: every other recipient was accepted.
   */
  status: SendOutputStatus;
  queuedCount: number;
  /** Recipients not sent for an error, or whose outcome is unknown. */
  failedCount: number;
  heldCount: number;
  skippedCount: number;
  /** The latest `sendAfter` of the held recipients: by then every one of them may go. */
  sendAfter: string | undefined;
  /** UUIDs of every accepted message, in recipient order. */
  messageUuids: string[];
  /** The first recipient that was not queued, preferring "outcome unknown" so nobody resends blindly. */
  firstFailure: SendOutput | undefined;
}

/** One send to several recipients, as one answer: what an n8n item or a Zapier step reports. */
export function summarizeSendOutputs(outputs: readonly SendOutput[]): SendSummary {
  const failed = outputs.filter((output) => output.status === 'failed' || output.status === 'unknown');
  const unknown = failed.find((output) => output.status === 'unknown');
  const held = outputs.filter((output) => output.status === 'held');
  const skippedCount = outputs.filter((output) => output.status === 'skipped').length;
  const queuedCount = outputs.filter((output) => output.status === 'queued').length;
  const sendAfter = held.map((output) => output.sendAfter!).sort().at(-1);
  return {
    status: unknown
      ? 'unknown'
      : failed.length > 0
        ? 'failed'
        : held.length > 0
          ? 'held'
          : skippedCount > 0 && queuedCount === 0
            ? 'skipped'
            : 'queued',
    queuedCount,
    failedCount: failed.length,
    heldCount: held.length,
    skippedCount,
    sendAfter,
    messageUuids: outputs.flatMap((output) => output.messageUuids),
    firstFailure: unknown ?? failed[0],
  };
}
