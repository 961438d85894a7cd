// Plivo webhook parameters -> normalised, typed events. Never throws: a bad payload is `{ ok: false, error }`
// with an INVALID_WEBHOOK error naming the field.
import type { z } from 'zod/v4';
import { describeDeliveryError, isDeliveryError } from '../errors/delivery-codes.js';
import { TextbridgeError } from '../errors/index.js';
import { E164_PATTERN, SHORT_CODE_PATTERN } from '../phone/data.js';
import { normalizePhoneNumber } from '../phone/index.js';
import { readIntent } from './intent.js';
import type { IntentReading } from './intent.js';
import { deliveryStatusParamsSchema, inboundMessageParamsSchema, mediaUrlSchema } from './schemas.js';

export type WebhookParseResult<Event> = { ok: true; event: Event } | { ok: false; error: TextbridgeError };

export interface InboundMedia {
  /** N of the `MediaN` parameter. */
  index: number;
  url: string;
}

export interface InboundMessageEvent extends IntentReading {
  kind: 'inbound';
  messageUuid: string;
  /** Sender in E.164 (`+14155550100`) when it reads as a phone number, else as Plivo sent it. */
  from: string;
  fromRaw: string;
  /** Your number (or short code) in E.164 when it reads as a phone number, else as Plivo sent it. */
  to: string;
  toRaw: string;
  /** The message: `Text` (multipart messages arrive joined), or `Body` for MMS/WhatsApp. */
  text: string;
  /** `sms`, `mms`, `whatsapp`… (lower case). */
  type: string;
  units: number | null;
  /** Media (`Media1`…`MediaN`), in index order. */
  media: InboundMedia[];
  /** `MediaCount` as Plivo sent it, else the number of media URLs. */
  mediaCount: number;
  powerpackUuid: string | null;
  totalRate: number | null;
  totalAmount: number | null;
  /** Every parameter as received. */
  raw: Record<string, unknown>;
}

/** Message states Plivo reports; others are passed on in lower case. */
export type DeliveryStatus =
  | 'queued'
  | 'sent'
  | 'failed'
  | 'delivered'
  | 'undelivered'
  | 'read'
  | 'rejected'
  | 'received'
  | (string & {});

export interface DeliveryStatusEvent {
  kind: 'status';
  messageUuid: string;
  status: DeliveryStatus;
  /** Plivo's error code (`'200'`), or null when there is none (`000` or empty). */
  errorCode: string | null;
  /** What the error code means, readable; null without an error. */
  errorReason: string | null;
  /** Whether resending unchanged would fail the same way; null without an error. */
  errorPermanent: boolean | null;
  /** Sender: E.164 when it reads as a phone number, else as sent (alphanumeric IDs, short codes). */
  from: string | null;
  fromRaw: string | null;
  to: string | null;
  toRaw: string | null;
  type: string | null;
  units: number | null;
  totalRate: number | null;
  totalAmount: number | null;
  mcc: string | null;
  mnc: string | null;
  /** Which part of a multipart message this report is about (`PartInfo` "1 of 2"). */
  partInfo: { part: number; total: number } | null;
  parentMessageUuid: string | null;
  sequence: number | null;
  /** ISO 8601 (UTC) versions of Plivo's timestamps. */
  messageTime: string | null;
  queuedTime: string | null;
  sentTime: string | null;
  deliveryReportTime: string | null;
  powerpackUuid: string | null;
  raw: Record<string, unknown>;
}

/** Recent numbers, so busy webhooks do not re-run libphonenumber for the same few numbers. */
const e164Cache = new Map<string, string>();
const E164_CACHE_LIMIT = 1_000;

/**
 * E.164 for a number as Plivo writes it, else the value as sent. Plivo writes numbers as E.164 digits without
 * the '+' (the inverse of plivoNumber): such digits, when too long to be a short code, only need their '+' back.
 * Everything else (short codes, '+…' or formatted numbers from other senders) goes through normalizePhoneNumber.
 */
function phoneOrRaw(raw: string): string {
  if (!SHORT_CODE_PATTERN.test(raw) && E164_PATTERN.test(`+${raw}`)) return `+${raw}`;
  const cached = e164Cache.get(raw);
  if (cached !== undefined) return cached;
  let value: string;
  try {
    value = normalizePhoneNumber(raw);
  } catch {
    value = raw; // short codes, alphanumeric sender IDs
  }
  if (e164Cache.size >= E164_CACHE_LIMIT) e164Cache.clear();
  e164Cache.set(raw, value);
  return value;
}

type Failure = { ok: false; error: TextbridgeError };

function invalidWebhook(kind: string, field: string, problem: string): Failure {
  return {
    ok: false,
    error: new TextbridgeError('INVALID_WEBHOOK', `Plivo ${kind} webhook: ${field} ${problem}.`, { field }),
  };
}

function describeInput(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

const MEDIA_KEY = /^Media(\d{1,3})$/;

/** `MediaN` URLs in index order; a field with several values is refused like any other field. */
function collectMedia(raw: Record<string, unknown>): InboundMedia[] | Failure {
  const media: InboundMedia[] = [];
  for (const key of Object.keys(raw)) {
    const match = MEDIA_KEY.exec(key);
    if (!match || raw[key] === '' || raw[key] === undefined || raw[key] === null) continue;
    const url = mediaUrlSchema.safeParse(raw[key]);
    if (!url.success) return invalidWebhook('inbound-message', key, url.error.issues[0]?.message ?? 'is invalid');
    media.push({ index: Number(match[1]), url: url.data });
  }
  return media.sort((a, b) => a.index - b.index);
}

/**
 * The shared frame of both parsers: params must be an object, the schema must accept it, and nothing thrown
 * (hostile getters, proxies) escapes.
 */
function parseWith<Schema extends z.ZodType, Event>(
  kind: string,
  params: unknown,
  schema: Schema,
  build: (data: z.output<Schema>, raw: Record<string, unknown>) => Event | Failure,
): WebhookParseResult<Event> {
  try {
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      return invalidWebhook(kind, 'params', `must be an object of webhook parameters, not ${describeInput(params)}`);
    }
    const raw = { ...(params as Record<string, unknown>) };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = typeof issue?.path[0] === 'string' ? issue.path[0] : 'params';
      return invalidWebhook(kind, field, issue?.message ?? 'is invalid');
    }
    const event = build(parsed.data, raw);
    return isFailure(event) ? event : { ok: true, event };
  } catch (cause) {
    const error = new TextbridgeError('INVALID_WEBHOOK', `Plivo ${kind} webhook: the parameters could not be read.`, {
      field: 'params',
      cause,
    });
    return { ok: false, error };
  }
}

function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/** Reads an inbound SMS/MMS webhook (`message_url`): sender, text, media, opt-out/help intent. */
export function parseInboundMessage(params: unknown): WebhookParseResult<InboundMessageEvent> {
  return parseWith('inbound-message', params, inboundMessageParamsSchema, (p, raw): InboundMessageEvent | Failure => {
    const media = collectMedia(raw);
    if (!Array.isArray(media)) return media;
    const type = p.Type ?? (media.length > 0 || p.Body !== undefined ? 'mms' : 'sms');
    const text = (type === 'sms' ? (p.Text ?? p.Body) : (p.Body ?? p.Text)) ?? '';
    return {
      kind: 'inbound',
      messageUuid: p.MessageUUID,
      from: phoneOrRaw(p.From),
      fromRaw: p.From,
      to: phoneOrRaw(p.To),
      toRaw: p.To,
      text,
      type,
      units: p.Units ?? null,
      ...readIntent(p.MessageIntent, text),
      media,
      mediaCount: p.MediaCount ?? media.length,
      powerpackUuid: p.PowerpackUUID ?? null,
      totalRate: p.TotalRate ?? null,
      totalAmount: p.TotalAmount ?? null,
      raw,
    };
  });
}

/** Reads a delivery-status webhook (the `url` given on send): state, readable error, costs, timestamps. */
export function parseDeliveryStatus(params: unknown): WebhookParseResult<DeliveryStatusEvent> {
  return parseWith('delivery-status', params, deliveryStatusParamsSchema, (p, raw): DeliveryStatusEvent => {
    const error = isDeliveryError(p.ErrorCode) ? describeDeliveryError(p.ErrorCode) : null;
    return {
      kind: 'status',
      messageUuid: p.MessageUUID,
      status: p.Status,
      errorCode: error?.code ?? null,
      errorReason: error?.reason ?? null,
      errorPermanent: error?.permanent ?? null,
      from: p.From === undefined ? null : phoneOrRaw(p.From),
      fromRaw: p.From ?? null,
      to: p.To === undefined ? null : phoneOrRaw(p.To),
      toRaw: p.To ?? null,
      type: p.Type ?? null,
      units: p.Units ?? null,
      totalRate: p.TotalRate ?? null,
      totalAmount: p.TotalAmount ?? null,
      mcc: p.MCC ?? null,
      mnc: p.MNC ?? null,
      partInfo: p.PartInfo ?? null,
      parentMessageUuid: p.ParentMessageUUID ?? null,
      sequence: p.Sequence ?? null,
      messageTime: p.MessageTime ?? null,
      queuedTime: p.QueuedTime ?? null,
      sentTime: p.SentTime ?? null,
      deliveryReportTime: p.DeliveryReportTime ?? null,
      powerpackUuid: p.PowerpackUUID ?? null,
      raw,
    };
  });
}
