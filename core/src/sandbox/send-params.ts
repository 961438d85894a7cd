// Reads and checks the parameters of `POST …/Message/` exactly where Plivo is strict, answering with Plivo's status
// codes and error texts. JSON (the SDKs) and form bodies (n8n's node) both arrive here as a parameter map.
import { z } from 'zod/v4';
import { isTextbridgeError } from '../errors/index.js';
import { analyzeMessage } from '../encoding/index.js';
import { validateSender } from '../phone/index.js';
import { plivoRequestError, type Params } from './http.js';
import { parsePlivoNumber, type ParsedNumber } from './numbers.js';
import type { HttpMethod, MessageType } from './state.js';

export const MAX_DESTINATIONS = 1000;
export const MAX_MEDIA_URLS = 10;
export const MESSAGE_EXPIRY_RANGE = { min: 5, max: 10_799, default: 10_800 } as const;
/** Countries where Plivo carries MMS. */
export const MMS_COUNTRIES: readonly string[] = ['US', 'CA'];

const text = z.union([z.string(), z.number().transform(String)]);
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE'])])
  .transform((value) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true'));
const stringList = z.union([z.string().transform((value) => [value]), z.array(z.string())]);

const sendParamsSchema = z.object({
  src: text.optional(),
  powerpack_uuid: z.string().optional(),
  dst: z.union([text, z.array(text).transform((list) => list.join('<'))]).optional(),
  text: text.optional(),
  type: z.string().optional(),
  url: z.string().optional(),
  method: z.string().optional(),
  log: flag.optional(),
  trackable: flag.optional(),
  media_urls: stringList.optional(),
  media_ids: stringList.optional(),
  message_expiry: z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]).optional(),
});

export interface SendRequest {
  /** Sender in Plivo's format; null when a Powerpack picks it. */
  src: string | null;
  srcKind: SenderKind | null;
  powerpackUuid: string | null;
  /** Valid, unique destinations in the order given. */
  destinations: ParsedNumber[];
  /** Rejected destinations, as they were given. */
  invalidNumbers: string[];
  text: string;
  type: MessageType;
  mediaUrls: string[];
  /** Ids of media uploaded through the Media API; the send route turns them into their URLs. */
  mediaIds: string[];
  callbackUrl: string | null;
  callbackMethod: HttpMethod;
  log: boolean;
  trackable: boolean;
  messageExpirySeconds: number;
  encoding: 'GSM-7' | 'UCS-2';
  segmentCount: number;
}

function badRequest(message: string, field: string): never {
  throw plivoRequestError(400, message, field);
}

export type SenderKind = 'number' | 'shortcode' | 'alphanumeric';

const SHORT_CODE = /^\d{3,8}$/;

/**
 * Reads `src` as Plivo does: text with a letter is an alphanumeric sender ID; otherwise separators are stripped and
 * the digits are a number with its country code, or a short code. Whether the account may send from it is checked
 * by the send route, which knows the account's numbers.
 */
function readSender(raw: string): { src: string; kind: SenderKind } {
  if (/\p{L}/u.test(raw)) {
    try {
      return { src: validateSender(raw, 'src').value, kind: 'alphanumeric' };
    } catch (error) {
      if (isTextbridgeError(error)) badRequest(`'${raw}' is not a valid phone number.`, 'src');
      throw error;
    }
  }
  const number = parsePlivoNumber(raw);
  if (number) return { src: number.digits, kind: 'number' };
  const digits = raw.trim();
  if (SHORT_CODE.test(digits)) return { src: digits, kind: 'shortcode' };
  return badRequest(`'${raw}' is not a valid phone number.`, 'src');
}

export function readCallbackUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // reported below
  }
  return badRequest('url parameter is not a valid url', 'url');
}

export function readMethod(raw: string | undefined, field: string): HttpMethod {
  const method = (raw ?? 'POST').toUpperCase();
  if (method !== 'GET' && method !== 'POST') badRequest(`${field} parameter should be GET or POST`, field);
  return method;
}

/** Splits Plivo's `<`-joined `dst`, keeps the first of each number, and sorts out the invalid ones. */
function readDestinations(
  dst: string,
  src: string | null,
  type: MessageType,
): { destinations: ParsedNumber[]; invalidNumbers: string[] } {
  const destinations: ParsedNumber[] = [];
  const invalidNumbers: string[] = [];
  const seen = new Set<string>();
  for (const entry of dst.split('<')) {
    const given = entry.trim();
    if (given === '') continue;
    const parsed = parsePlivoNumber(given);
    const unusable =
      parsed === undefined || parsed.digits === src || (type === 'mms' && !MMS_COUNTRIES.includes(parsed.countryIso2));
    if (unusable) {
      if (!invalidNumbers.includes(given)) invalidNumbers.push(given);
      continue;
    }
    if (seen.has(parsed.digits)) continue;
    seen.add(parsed.digits);
    destinations.push(parsed);
  }
  if (destinations.length > MAX_DESTINATIONS) {
    badRequest(`too many destination numbers: at most ${MAX_DESTINATIONS} unique numbers per request`, 'dst');
  }
  if (destinations.length === 0) badRequest('invalid phone numbers.', 'dst');
  return { destinations, invalidNumbers };
}

/** Encoding and segments of the text (core's analyzer); Plivo's length limits answered with Plivo's texts. */
export function analyzeText(body: string): { encoding: 'GSM-7' | 'UCS-2'; segmentCount: number } {
  const analysis = analyzeMessage(body);
  if (analysis.exceedsPlivoLimit) {
    badRequest(
      analysis.encoding === 'UCS-2'
        ? 'text parameter length exceeds 737 unicode characters'
        : 'text parameter length exceeds 1600 characters',
      'text',
    );
  }
  return { encoding: analysis.encoding, segmentCount: analysis.segmentCount };
}

export function readSendRequest(params: Params): SendRequest {
  const parsed = sendParamsSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'request');
    badRequest(`${field} parameter has an invalid value`, field);
  }
  const input = parsed.data;
  const hasSrc = input.src !== undefined && input.src.trim() !== '';
  const hasPowerpack = input.powerpack_uuid !== undefined && input.powerpack_uuid.trim() !== '';
  if (hasSrc && hasPowerpack) badRequest('specify either src or powerpack_uuid, not both', 'src');
  if (!hasSrc && !hasPowerpack) badRequest('src parameter is required (or powerpack_uuid)', 'src');
  if (input.dst === undefined || input.dst.trim() === '') badRequest('dst parameter is required', 'dst');

  const type = (input.type ?? 'sms').toLowerCase();
  if (type !== 'sms' && type !== 'mms') badRequest('type parameter should be sms or mms', 'type');
  const mediaUrls = input.media_urls ?? [];
  const mediaIds = input.media_ids ?? [];
  const mediaCount = mediaUrls.length + mediaIds.length;
  if (type === 'mms' && mediaCount === 0) badRequest('media_urls or media_ids is required for mms', 'media_urls');
  if (mediaCount > MAX_MEDIA_URLS) badRequest(`at most ${MAX_MEDIA_URLS} media_urls are allowed`, 'media_urls');

  const body = input.text ?? '';
  if (type === 'sms' && body === '') badRequest('text parameter is required', 'text');
  const analysis = analyzeText(body);

  let messageExpirySeconds: number = MESSAGE_EXPIRY_RANGE.default;
  if (input.message_expiry !== undefined) {
    const { min, max } = MESSAGE_EXPIRY_RANGE;
    if (!Number.isInteger(input.message_expiry) || input.message_expiry < min || input.message_expiry > max) {
      badRequest(`message_expiry should be between ${min} and ${max} seconds`, 'message_expiry');
    }
    messageExpirySeconds = input.message_expiry;
  }

  const sender = hasSrc && input.src !== undefined ? readSender(input.src) : null;
  const src = sender?.src ?? null;
  return {
    src,
    srcKind: sender?.kind ?? null,
    powerpackUuid: hasPowerpack ? (input.powerpack_uuid ?? null) : null,
    ...readDestinations(input.dst, src, type),
    text: body,
    type,
    mediaUrls,
    mediaIds,
    callbackUrl: readCallbackUrl(input.url),
    callbackMethod: readMethod(input.method, 'method'),
    log: input.log ?? true,
    trackable: input.trackable ?? false,
    messageExpirySeconds,
    encoding: analysis.encoding,
    segmentCount: analysis.segmentCount,
  };
}
