// Zod shapes of the Verify API's answers, as Plivo documents them and the official Node SDK reads them
// (SessionResponse, ValidateSessionResponse, SessionGetResponse, SessionListResponse in plivo/resources/verify.js):
//   create   -> {api_id, message: "Session initiated", session_uuid}
//   validate -> {api_id, message: "session validated successfully."}
//   get      -> a session: session_uuid, app_uuid, alias, recipient (digits), channel, locale, status
//               (in-progress | verified | expired), count (attempts), requestor_ip, destination_country_iso2,
//               destination_network, attempt_details [{channel, attempt_uuid, status, time}],
//               charges {total_charge, validation_charge, attempt_charges [{attempt_uuid, channel, charge}]},
//               created_at, updated_at
//   list     -> {api_id, meta, sessions: [session…]}
import { z } from 'zod/v4';
import { listMetaSchema } from './schemas.js';
import type { VerifyChannel, VerifySessionStatus } from './verify-params.js';

type Open<T extends string> = T | (string & {});

const text = z.string();
const optionalText = z.string().nullish();
const looseText = z.union([z.string(), z.number()]).nullish();

function toText(value: string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
function orNull<T>(value: T | null | undefined): T | null {
  return value ?? null;
}
/** Plivo writes the status in lower case in lists and capitalised in some answers ("Expired"). */
function lower(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toLowerCase();
}

export const sendVerificationCodeResponseSchema = z
  .looseObject({ api_id: text, message: text.optional(), session_uuid: text.min(1) })
  .transform((body) => ({
    apiId: body.api_id,
    message: body.message ?? '',
    sessionUuid: body.session_uuid,
    raw: body as unknown,
  }));

export const checkVerificationCodeResponseSchema = z
  .looseObject({ api_id: text, message: text.optional() })
  .transform((body) => ({ apiId: body.api_id, message: body.message ?? '', raw: body as unknown }));

const attemptSchema = z
  .looseObject({ attempt_uuid: optionalText, channel: optionalText, status: optionalText, time: optionalText })
  .transform((a) => ({
    attemptUuid: orNull(a.attempt_uuid),
    channel: orNull(a.channel) as Open<VerifyChannel> | null,
    status: orNull(a.status),
    time: orNull(a.time),
  }));

const attemptChargeSchema = z
  .looseObject({ attempt_uuid: optionalText, channel: optionalText, charge: looseText })
  .transform((c) => ({ attemptUuid: orNull(c.attempt_uuid), channel: orNull(c.channel), charge: toText(c.charge) }));

const chargesSchema = z
  .looseObject({
    total_charge: looseText,
    validation_charge: looseText,
    attempt_charges: z.array(attemptChargeSchema).nullish(),
  })
  .transform((c) => ({
    totalCharge: toText(c.total_charge),
    validationCharge: toText(c.validation_charge),
    attemptCharges: c.attempt_charges ?? [],
  }));

export const verificationSessionSchema = z
  .looseObject({
    api_id: optionalText,
    session_uuid: text.min(1),
    app_uuid: optionalText,
    alias: optionalText,
    recipient: text,
    channel: optionalText,
    locale: optionalText,
    status: text,
    count: z.union([z.number(), z.string().regex(/^\d+$/)]).nullish(),
    requestor_ip: optionalText,
    destination_country_iso2: optionalText,
    destination_network: optionalText,
    attempt_details: z.array(attemptSchema).nullish(),
    charges: chargesSchema.nullish(),
    created_at: optionalText,
    updated_at: optionalText,
  })
  .transform((s) => ({
    sessionUuid: s.session_uuid,
    appUuid: orNull(s.app_uuid),
    alias: orNull(s.alias),
    recipient: s.recipient,
    channel: orNull(s.channel) as Open<VerifyChannel> | null,
    locale: orNull(s.locale),
    status: lower(s.status) as Open<VerifySessionStatus>,
    /** Attempts made to deliver the code in this session. */
    count: s.count === null || s.count === undefined ? null : Number(s.count),
    requestorIp: orNull(s.requestor_ip),
    destinationCountryIso2: orNull(s.destination_country_iso2),
    destinationNetwork: orNull(s.destination_network),
    attemptDetails: s.attempt_details ?? [],
    charges: s.charges ?? { totalCharge: null, validationCharge: null, attemptCharges: [] },
    createdAt: orNull(s.created_at),
    updatedAt: orNull(s.updated_at),
    raw: s as unknown,
  }));

/** The list answer names its items `sessions` (not `objects`), and the SDK allows it to be null when empty. */
export function sessionPageSchema<Item extends z.ZodType>(item: Item) {
  return z
    .looseObject({ api_id: text, meta: listMetaSchema, sessions: z.array(item).nullish() })
    .transform((body) => ({ apiId: body.api_id, meta: body.meta, items: (body.sessions ?? []) as z.output<Item>[] }));
}

export type SendVerificationCodeResult = z.output<typeof sendVerificationCodeResponseSchema>;
export type CheckVerificationCodeResult = z.output<typeof checkVerificationCodeResponseSchema>;
export type VerificationSession = z.output<typeof verificationSessionSchema>;
export type VerificationAttempt = VerificationSession['attemptDetails'][number];
