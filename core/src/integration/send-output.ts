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
