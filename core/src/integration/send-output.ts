// The flat object both hosts emit for one message of a Send (an n8n item, a Zapier result).
import type { BulkSendResult } from '../send/outcomes.js';

export type SendOutputStatus = 'queued' | 'failed' | 'unknown';

export interface SendOutput {
  /** queued: Plivo accepted it; failed: it was not sent; unknown: it may have been sent (check Plivo's logs). */
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
  const { error } = result;
  return {
    status: error.code === 'DELIVERY_UNKNOWN' ? 'unknown' : 'failed',
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
    apiId: error.apiId ?? null,
    error: { code: error.code, message: error.message, hint: error.hint, field: error.field ?? null },
  };
}

export interface SendSummary {
  /** queued: every recipient accepted; unknown: one may have been sent; failed: at least one was not sent. */
  status: SendOutputStatus;
  queuedCount: number;
  failedCount: number;
  /** UUIDs of every accepted message, in recipient order. */
  messageUuids: string[];
  /** The first recipient that was not queued, preferring "outcome unknown" so nobody resends blindly. */
  firstFailure: SendOutput | undefined;
}

/** One send to several recipients, as one answer: what an n8n item or a Zapier step reports. */
export function summarizeSendOutputs(outputs: readonly SendOutput[]): SendSummary {
  const notQueued = outputs.filter((output) => output.status !== 'queued');
  const unknown = notQueued.find((output) => output.status === 'unknown');
  return {
    status: unknown ? 'unknown' : notQueued.length > 0 ? 'failed' : 'queued',
    queuedCount: outputs.length - notQueued.length,
    failedCount: notQueued.length,
    messageUuids: outputs.flatMap((output) => output.messageUuids),
    firstFailure: unknown ?? notQueued[0],
  };
}
