// Zod shapes of Plivo's answers. Objects are loose (Plivo adds fields over time and they are kept in `raw`), but
// the fields Textbridge uses are checked, then mapped to camelCase. Field schemas do not transform, so the
// object a transform receives is the answer as Plivo sent it and doubles as `raw`.
import { z } from 'zod/v4';

const text = z.string();
const optionalText = z.string().nullish();
/** Plivo writes counts as numbers, occasionally as numeric strings. */
const numeric = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);
const optionalNumeric = numeric.nullish();
/** Plivo writes flags as booleans, or as "true"/"false" in older resources. */
const flag = z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])]).nullish();
/** Money and error codes are kept as text ("0.00500", "000"), whatever JSON type carries them. */
const looseText = z.union([z.string(), z.number()]).nullish();

function toText(value: string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
function toNumber(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
function toFlag(value: boolean | string | null | undefined): boolean | null {
  return value === null || value === undefined ? null : value === true || String(value).toLowerCase() === 'true';
}
function orNull<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

/** Known values, open to new ones Plivo may add. */
type Open<T extends string> = T | (string & {});
export type MessageDirection = Open<'inbound' | 'outbound'>;
export type MessageState = Open<
  'queued' | 'sent' | 'failed' | 'delivered' | 'undelivered' | 'received' | 'read' | 'rejected'
>;
export type MessageType = Open<'sms' | 'mms' | 'whatsapp'>;

export const sendMessageResponseSchema = z
  .looseObject({
    api_id: text,
    message: text.optional(),
    message_uuid: z.union([z.array(text), text]),
    invalid_number: z.union([z.array(text), text]).nullish(),
  })
  .transform((body) => ({
    apiId: body.api_id,
    message: body.message ?? '',
    messageUuids: Array.isArray(body.message_uuid) ? body.message_uuid : [body.message_uuid],
    invalidNumbers: body.invalid_number === null || body.invalid_number === undefined
      ? []
      : Array.isArray(body.invalid_number) ? body.invalid_number : [body.invalid_number],
    raw: body as unknown,
  }));

export const messageSchema = z
  .looseObject({
    message_uuid: text.min(1),
    from_number: text,
    to_number: text,
    message_direction: text,
    message_state: text,
    message_type: optionalText,
    message_time: optionalText,
    message_sent_time: optionalText,
    message_updated_time: optionalText,
    units: optionalNumeric,
    total_amount: looseText,
    total_rate: looseText,
    error_code: looseText,
    error_message: optionalText,
    powerpack_id: optionalText,
    destination_country_iso2: optionalText,
    resource_uri: optionalText,
    replaced_sender: optionalText,
    is_domestic: flag,
  })
  .transform((m) => ({
    messageUuid: m.message_uuid,
    fromNumber: m.from_number,
    toNumber: m.to_number,
    messageDirection: m.message_direction as MessageDirection,
    messageState: m.message_state as MessageState,
    messageType: orNull(m.message_type) as MessageType | null,
    messageTime: orNull(m.message_time),
    messageSentTime: orNull(m.message_sent_time),
    messageUpdatedTime: orNull(m.message_updated_time),
    units: toNumber(m.units),
    totalAmount: toText(m.total_amount),
    totalRate: toText(m.total_rate),
    errorCode: toText(m.error_code),
    errorMessage: orNull(m.error_message),
    powerpackId: orNull(m.powerpack_id),
    destinationCountryIso2: orNull(m.destination_country_iso2),
    replacedSender: orNull(m.replaced_sender),
    isDomestic: toFlag(m.is_domestic),
    resourceUri: orNull(m.resource_uri),
    raw: m as unknown,
  }));

export const listMetaSchema = z
  .looseObject({
    limit: numeric,
    offset: numeric,
    next: optionalText,
    previous: optionalText,
    total_count: optionalNumeric,
  })
  .transform((meta) => ({
    limit: Number(meta.limit),
    offset: Number(meta.offset),
    next: orNull(meta.next),
    previous: orNull(meta.previous),
    totalCount: toNumber(meta.total_count),
  }));
export type ListMeta = z.output<typeof listMetaSchema>;

/** A list answer: `{api_id, meta, objects}`; each item keeps its own `raw`, the page keeps the whole body. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z
    .looseObject({ api_id: text, meta: listMetaSchema, objects: z.array(item) })
    .transform((body) => ({ apiId: body.api_id, meta: body.meta, items: body.objects as z.output<Item>[] }));
}

export interface Page<Item> {
  apiId: string;
  meta: ListMeta;
  items: Item[];
  /** The whole answer as Plivo sent it. */
  raw: unknown;
}

export const numberLookupSchema = z
  .looseObject({
    api_id: text,
    phone_number: text,
    country: z.looseObject({ name: optionalText, iso2: optionalText, iso3: optionalText }).nullish(),
    format: z
      .looseObject({ e164: optionalText, national: optionalText, international: optionalText, rfc3966: optionalText })
      .nullish(),
    carrier: z
      .looseObject({
        mobile_country_code: looseText,
        mobile_network_code: looseText,
        name: optionalText,
        type: optionalText,
        ported: optionalText,
      })
      .nullish(),
    resource_uri: optionalText,
  })
  .transform((body) => ({
    apiId: body.api_id,
    phoneNumber: body.phone_number,
    country: {
      name: orNull(body.country?.name),
      iso2: orNull(body.country?.iso2),
      iso3: orNull(body.country?.iso3),
    },
    format: {
      e164: orNull(body.format?.e164),
      national: orNull(body.format?.national),
      international: orNull(body.format?.international),
      rfc3966: orNull(body.format?.rfc3966),
    },
    carrier: {
      mobileCountryCode: toText(body.carrier?.mobile_country_code),
      mobileNetworkCode: toText(body.carrier?.mobile_network_code),
      name: orNull(body.carrier?.name),
      type: orNull(body.carrier?.type) as Open<'fixed' | 'mobile' | 'voip' | 'toll-free' | 'unknown'> | null,
      ported: orNull(body.carrier?.ported) as Open<'yes' | 'no' | 'unknown'> | null,
    },
    resourceUri: orNull(body.resource_uri),
    raw: body as unknown,
  }));

export const accountSchema = z
  .looseObject({
    api_id: optionalText,
    auth_id: text.min(1),
    name: optionalText,
    account_type: optionalText,
    cash_credits: looseText,
    billing_mode: optionalText,
    auto_recharge: flag,
    timezone: optionalText,
    resource_uri: optionalText,
  })
  .transform((a) => ({
    apiId: orNull(a.api_id),
    authId: a.auth_id,
    name: orNull(a.name),
    accountType: orNull(a.account_type),
    cashCredits: toText(a.cash_credits),
    billingMode: orNull(a.billing_mode),
    autoRecharge: toFlag(a.auto_recharge),
    timezone: orNull(a.timezone),
    resourceUri: orNull(a.resource_uri),
    raw: a as unknown,
  }));

const APPLICATION_PATH = /\/Application\/([^/?#]+)\/?$/;

/** `/v1/Account/{id}/Application/{app_id}/` -> `app_id`. */
export function applicationIdFromPath(path: string | null | undefined): string | null {
  if (!path) return null;
  const match = APPLICATION_PATH.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export const accountNumberSchema = z
  .looseObject({
    number: text.min(1),
    alias: optionalText,
    application: optionalText,
    sms_enabled: flag,
    mms_enabled: flag,
    voice_enabled: flag,
    number_type: optionalText,
    country: optionalText,
    region: optionalText,
    sub_account: optionalText,
    added_on: optionalText,
    monthly_rental_rate: looseText,
    resource_uri: optionalText,
  })
  .transform((n) => ({
    number: n.number,
    alias: orNull(n.alias),
    application: orNull(n.application),
    appId: applicationIdFromPath(n.application),
    smsEnabled: toFlag(n.sms_enabled),
    mmsEnabled: toFlag(n.mms_enabled),
    voiceEnabled: toFlag(n.voice_enabled),
    numberType: orNull(n.number_type),
    country: orNull(n.country),
    region: orNull(n.region),
    subAccount: orNull(n.sub_account),
    addedOn: orNull(n.added_on),
    monthlyRentalRate: toText(n.monthly_rental_rate),
    resourceUri: orNull(n.resource_uri),
    raw: n as unknown,
  }));

export const applicationSchema = z
  .looseObject({
    app_id: text.min(1),
    app_name: optionalText,
    answer_url: optionalText,
    answer_method: optionalText,
    message_url: optionalText,
    message_method: optionalText,
    log_incoming_messages: flag,
    default_app: flag,
    public_uri: flag,
    enabled: flag,
    sub_account: optionalText,
    resource_uri: optionalText,
  })
  .transform((a) => ({
    appId: a.app_id,
    appName: orNull(a.app_name),
    answerUrl: orNull(a.answer_url),
    answerMethod: orNull(a.answer_method),
    messageUrl: orNull(a.message_url),
    messageMethod: orNull(a.message_method),
    logIncomingMessages: toFlag(a.log_incoming_messages),
    defaultApp: toFlag(a.default_app),
    publicUri: toFlag(a.public_uri),
    enabled: toFlag(a.enabled),
    subAccount: orNull(a.sub_account),
    resourceUri: orNull(a.resource_uri),
    raw: a as unknown,
  }));

export const createApplicationResponseSchema = z
  .looseObject({ api_id: text, app_id: text.min(1), message: text.optional() })
  .transform((body) => ({ apiId: body.api_id, appId: body.app_id, message: body.message ?? '', raw: body as unknown }));

/** `{"api_id", "message": "changed"}` from updates. */
export const changedResponseSchema = z
  .looseObject({ api_id: text, message: text.optional() })
  .transform((body) => ({ apiId: body.api_id, message: body.message ?? '', raw: body as unknown }));

export type SendMessageResult = z.output<typeof sendMessageResponseSchema>;
export type Message = z.output<typeof messageSchema>;
export type NumberLookup = z.output<typeof numberLookupSchema>;
export type Account = z.output<typeof accountSchema>;
export type AccountNumber = z.output<typeof accountNumberSchema>;
export type Application = z.output<typeof applicationSchema>;
export type CreateApplicationResult = z.output<typeof createApplicationResponseSchema>;
export type ChangedResult = z.output<typeof changedResponseSchema>;

/**
 * `POST …/Media/`: `{"api_id", "objects": [{media_id, file_name, content_type, size, status, media_url, …}]}`, one
 * object per file in the order sent; `status` is "success" for a stored file.
 */
export const uploadMediaResponseSchema = z.looseObject({
  api_id: text,
  objects: z.array(z.looseObject({ media_id: optionalText, status: optionalText, error: optionalText })),
});

export type UploadMediaResponse = z.output<typeof uploadMediaResponseSchema>;
