// The JSON shapes Plivo answers with, built from sandbox state. Field names and formats follow Plivo's API
// (Plivo's documented shapes), so the official SDKs and our own client parse them unchanged.
import { createHash, randomUUID } from 'node:crypto';
import { describeDeliveryError, isDeliveryError } from '../errors/delivery-codes.js';
import type { SandboxAccountDetails, SandboxApplication, SandboxMedia, SandboxMessage, SandboxNumber } from './state.js';
import { FALLBACK_MEDIA_TYPE, MEDIA_TYPES_BY_EXTENSION } from './data/media-types.js';
import { hashString } from './random.js';
import { dateOnly, recordTime } from './time-format.js';

/** Plivo's short `error_message` ("Recipient opted out"): the head of core's description of the code. */
function errorTitle(code: string | null): string {
  if (code === null || !isDeliveryError(code)) return '';
  return describeDeliveryError(code).reason.split(':')[0] ?? '';
}

export function newApiId(): string {
  return randomUUID();
}

/** Plivo's error body: `{"api_id": "…", "error": "…"}`. */
export function errorBody(error: string): { api_id: string; error: string } {
  return { api_id: newApiId(), error };
}

/** Lookup API errors use another shape: `{"api_id", "error_code", "message"}`. */
export function lookupErrorBody(status: number, message: string): { api_id: string; error_code: number; message: string } {
  return { api_id: newApiId(), error_code: status, message };
}

export function accountPath(authId: string): string {
  return `/v1/Account/${authId}/`;
}

export function applicationPath(authId: string, appId: string): string {
  return `${accountPath(authId)}Application/${appId}/`;
}

/** A message detail record, as `GET …/Message/{uuid}/` and the list return it. */
export function messageRecord(authId: string, message: SandboxMessage): Record<string, unknown> {
  return {
    message_uuid: message.uuid,
    from_number: message.src,
    to_number: message.dst,
    message_direction: message.direction,
    message_state: message.status,
    message_type: message.type,
    message_time: recordTime(message.createdAt),
    message_sent_time: message.sentAt === null ? null : recordTime(message.sentAt),
    message_updated_time: recordTime(message.updatedAt),
    units: message.units,
    total_amount: message.totalAmount,
    total_rate: message.totalRate,
    error_code: message.errorCode,
    error_message: errorTitle(message.errorCode),
    resource_uri: `${accountPath(authId)}Message/${message.uuid}/`,
    powerpack_id: message.powerpackUuid,
    destination_country_iso2: message.countryIso2,
    mcc: message.mcc,
    mnc: message.mnc,
    log: message.log,
    requester_ip: message.requesterIp,
    is_domestic: message.countryIso2 === 'US' || message.countryIso2 === 'CA',
    replaced_sender: '',
    carrier_fees: '0.00000',
    carrier_fees_rate: '0.00000',
    destination_network: null,
    tendlc_campaign_id: null,
    tendlc_registration_status: null,
    conversation_id: null,
    conversation_origin: null,
    conversation_expiration_timestamp: null,
    dlt_entity_id: null,
    dlt_template_id: null,
    dlt_template_category: null,
  };
}

export interface MediaRecord {
  media_id: string;
  message_uuid: string;
  media_url: string;
  content_type: string;
  file_name: string;
  size: number;
  upload_time: string;
}

/**
 * The media of a message as Plivo lists them. Uploaded media (`media_ids`) are described by their upload; for
 * `media_urls` the sandbox never downloads anything: the type comes from the URL's extension and the size is made up
 * from the URL, like the sandbox's carriers. Ids derive from the message and position, so they are stable.
 */
export function messageMedia(
  authId: string,
  origin: string,
  message: SandboxMessage,
  uploaded: ReadonlyMap<string, SandboxMedia>,
): MediaRecord[] {
  return message.mediaUrls.map((url, index) => {
    const mediaId = uuidFrom(`${message.uuid}/${index}`);
    // A file uploaded through the Media API (sent by `media_ids`) is described by its upload.
    const upload = uploaded.get(/\/Media\/([^/]+)\/?$/.exec(url)?.[1] ?? '');
    const fileName = upload?.fileName ?? fileNameOf(url) ?? `media-${index + 1}`;
    const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
    return {
      media_id: mediaId,
      message_uuid: message.uuid,
      media_url: `${origin}${accountPath(authId)}Message/${message.uuid}/Media/${mediaId}/`,
      content_type: upload?.contentType ?? MEDIA_TYPES_BY_EXTENSION[extension] ?? FALLBACK_MEDIA_TYPE,
      file_name: fileName,
      size: upload?.size ?? 10_000 + (hashString(url) % 490_000),
      upload_time: recordTime(upload?.uploadedAt ?? message.createdAt),
    };
  });
}

function fileNameOf(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last === undefined ? undefined : decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

/** A UUID-shaped id fully determined by `seed`. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function applicationRecord(authId: string, app: SandboxApplication): Record<string, unknown> {
  return {
    app_id: app.appId,
    app_name: app.appName,
    answer_url: app.answerUrl,
    answer_method: app.answerMethod,
    hangup_url: app.hangupUrl,
    hangup_method: app.hangupMethod,
    fallback_answer_url: app.fallbackAnswerUrl,
    fallback_method: app.fallbackMethod,
    message_url: app.messageUrl,
    message_method: app.messageMethod,
    default_app: app.defaultNumberApp,
    default_endpoint_app: app.defaultEndpointApp,
    enabled: true,
    application_type: 'XML',
    log_incoming_messages: app.logIncomingMessages,
    public_uri: app.publicUri,
    sip_uri: `sip:${app.appId}@app.plivo.com`,
    sub_account: null,
    resource_uri: applicationPath(authId, app.appId),
  };
}

export function numberRecord(authId: string, number: SandboxNumber, regionName: string): Record<string, unknown> {
  const domestic = number.countryIso2 === 'US' || number.countryIso2 === 'CA';
  return {
    number: number.number,
    alias: number.alias,
    application: number.appId === null ? null : applicationPath(authId, number.appId),
    added_on: dateOnly(number.addedAt),
    carrier: 'Plivo',
    city: '',
    country: regionName,
    region: regionName,
    number_type: number.numberType,
    monthly_rental_rate: number.numberType === 'tollfree' ? '1.00000' : '0.50000',
    renewal_date: dateOnly(number.addedAt + 30 * 24 * 3600 * 1000),
    sms_enabled: number.smsEnabled,
    sms_rate: '0.00000',
    mms_enabled: number.mmsEnabled,
    mms_rate: domestic ? '0.00000' : null,
    voice_enabled: number.voiceEnabled,
    voice_rate: '0.00850',
    sub_account: null,
    compliance_application_id: null,
    compliance_status: null,
    tendlc_campaign_id: null,
    tendlc_registration_status: null,
    toll_free_sms_verification: number.numberType === 'tollfree' ? 'verified' : null,
    resource_uri: `${accountPath(authId)}Number/${number.number}/`,
  };
}

export function accountRecord(authId: string, createdAt: number, details: SandboxAccountDetails): Record<string, unknown> {
  return {
    account_type: 'standard',
    address: details.address,
    api_id: newApiId(),
    auth_id: authId,
    auto_recharge: false,
    billing_mode: 'prepaid',
    cash_credits: '100.00000',
    city: details.city,
    created: dateOnly(createdAt),
    enabled: true,
    name: details.name,
    resource_uri: accountPath(authId),
    state: details.state,
    timezone: details.timezone,
  };
}

/** `meta` of a list answer: `next`/`previous` are paths with the same filters, or null. */
export function listMeta(
  path: string,
  filters: Record<string, string>,
  limit: number,
  offset: number,
  totalCount: number,
): Record<string, unknown> {
  const pageUrl = (pageOffset: number): string => {
    const query = new URLSearchParams({ ...filters, limit: String(limit), offset: String(pageOffset) });
    return `${path}?${query.toString()}`;
  };
  return {
    limit,
    offset,
    total_count: totalCount,
    next: offset + limit < totalCount ? pageUrl(offset + limit) : null,
    previous: offset > 0 ? pageUrl(Math.max(0, offset - limit)) : null,
  };
}
