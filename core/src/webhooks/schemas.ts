// zod schemas for the parameters of Plivo's inbound-message and delivery-status webhooks. Values arrive as
// strings from forms and queries, as numbers or booleans from JSON, or as arrays when a key repeated: each
// field is first reduced to one value, then checked and converted (numbers, timestamps to ISO, lower-case enums).
import { z } from 'zod/v4';
import { plivoTimeToIso } from './plivo-time.js';

/** One value per field: a one-item array is its item, numbers/booleans become text, null is absent. */
function singleValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.length === 1 ? singleValue(value[0]) : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return undefined;
  return value;
}

/** The single value, trimmed; empty counts as absent. */
function trimmedSingleValue(value: unknown): unknown {
  const single = singleValue(value);
  const trimmed = typeof single === 'string' ? single.trim() : single;
  return trimmed === '' ? undefined : trimmed;
}

/** The single value as sent (message bodies keep their spacing); empty counts as absent. */
function untrimmedSingleValue(value: unknown): unknown {
  const single = singleValue(value);
  return single === '' ? undefined : single;
}

const textError = (issue: { input?: unknown }): string =>
  issue.input === undefined
    ? 'is missing'
    : Array.isArray(issue.input)
      ? `has ${issue.input.length} values where one was expected`
      : `must be text, not ${typeof issue.input}`;

/** Identifiers, numbers as text, enum words: short. */
const shortText = z.string({ error: textError }).max(512, 'is too long (more than 512 characters)');

/** A field that may be absent or empty. */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(trimmedSingleValue, schema.optional());
}

/** A field that must be present and non-empty. */
function required<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(trimmedSingleValue, schema);
}

/** Message text: not trimmed, any length. */
const messageText = z.preprocess(untrimmedSingleValue, z.string({ error: textError }).optional());

const wholeNumber = optional(shortText.regex(/^\d{1,15}$/, 'must be a whole number').transform(Number));

const decimal = optional(
  shortText.regex(/^\d{1,15}(\.\d{1,15})?$/, 'must be a decimal number such as 0.00500').transform(Number),
);

const digits = optional(shortText.regex(/^\d{1,8}$/, 'must be digits'));

const word = shortText
  .regex(/^[A-Za-z][A-Za-z_-]{0,39}$/, 'must be a single word such as delivered')
  .transform((text) => text.toLowerCase());

const timestamp = optional(
  shortText.transform((text, ctx) => {
    const iso = plivoTimeToIso(text);
    if (iso !== null) return iso;
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: 'must be a UTC date and time like 2024-03-05 17:04:09.123456',
    });
    return z.NEVER;
  }),
);

const partInfo = optional(
  shortText.regex(/^\d{1,4}\s*of\s*\d{1,4}$/i, 'must read like "1 of 2"').transform((text) => {
    const [part, total] = text.split(/\s*of\s*/i).map(Number) as [number, number];
    return { part, total };
  }),
);

/** Parameters of the inbound-message webhook (the application's `message_url`). */
export const inboundMessageParamsSchema = z.object({
  MessageUUID: required(shortText),
  From: required(shortText),
  To: required(shortText),
  Text: messageText,
  Body: messageText,
  Type: optional(word),
  Units: wholeNumber,
  TotalRate: decimal,
  TotalAmount: decimal,
  /** `optout|optin|help`, empty when Plivo found none (or does not evaluate it, e.g. for short codes). */
  MessageIntent: optional(shortText.transform((intent) => intent.toLowerCase())),
  PowerpackUUID: optional(shortText),
  MediaCount: wholeNumber,
});

/** Parameters of the delivery-status webhook (the `url` given when sending). */
export const deliveryStatusParamsSchema = z.object({
  MessageUUID: required(shortText),
  Status: required(word),
  ErrorCode: optional(shortText),
  From: optional(shortText),
  To: optional(shortText),
  Type: optional(word),
  Units: wholeNumber,
  TotalRate: decimal,
  TotalAmount: decimal,
  MCC: digits,
  MNC: digits,
  PartInfo: partInfo,
  ParentMessageUUID: optional(shortText),
  Sequence: wholeNumber,
  MessageTime: timestamp,
  QueuedTime: timestamp,
  SentTime: timestamp,
  DeliveryReportTime: timestamp,
  PowerpackUUID: optional(shortText),
});

export type InboundMessageParams = z.infer<typeof inboundMessageParamsSchema>;
export type DeliveryStatusParams = z.infer<typeof deliveryStatusParamsSchema>;

/** A `MediaN` value: one URL string. */
export const mediaUrlSchema = required(z.string({ error: textError }).max(2_048, 'is too long for a media URL'));
