// One send, parsed once. Whatever a caller gives — an n8n item, a Zapier step, a CLI command, one input of a bulk
// run — goes through parseSendRequest: one zod schema for the shape, then the sender, the destinations (E.164) and
// the text (analysed, smart-encoded) are checked in the same pass. The result is a SendMessageRequest, the only thing
// the Plivo client sends. Errors are born with the caller's own field labels ("to", "options.messageExpiry",
// `messages[3].dst`), so no host rewrites core's words afterwards.
import { z } from 'zod/v4';
import { analyzeMessage, type MessageAnalysis } from '../encoding/index.js';
import { TextbridgeError } from '../errors/index.js';
import type { TextbridgeErrorCode } from '../errors/codes.js';
import { normalizeCountryCode, normalizePhoneNumber, validateSender, type SenderId } from '../phone/index.js';
import { describeIssue, fieldPath, valueAt } from './validate.js';

/** Plivo's documented limits. */
export const PLIVO_LIMITS = {
  maxDestinations: 1000,
  maxMediaUrls: 10,
  messageExpirySeconds: { min: 5, max: 10_799 },
  pageSize: { min: 1, max: 20 },
  /** Plivo counts API requests per 5-second window: the wait to suggest when a 429 names none. */
  rateLimitWindowMs: 5_000,
} as const;

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be a valid http(s) URL' });
export const httpMethod = z.enum(['GET', 'POST'], { error: 'must be "GET" or "POST"' });
/** Spreadsheets and CRMs hold phone numbers as numbers: both forms are read. */
const phoneValue = z.union([z.string(), z.number()], { error: 'must be a phone number' });

export const sendMessageInputSchema = z.strictObject(
  {
    /** A number (E.164, or local with the default country), a short code or an alphanumeric sender ID. */
    src: z.union([z.string(), z.number()], { error: 'must be a sender number or ID' }).optional(),
    powerpackUuid: z.string({ error: 'must be text' }).optional(),
    /** One number, several joined with `<` (Plivo's form), or a list. */
    dst: z.union([phoneValue, z.array(phoneValue).min(1, { error: 'must list at least one number' })], {
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a phone number or a list of them'),
    }),
    text: z.string({ error: 'must be text' }).optional(),
    type: z.enum(['sms', 'mms'], { error: 'must be "sms" or "mms"' }).optional(),
    mediaUrls: z
      .array(httpUrl, { error: 'must be a list of URLs' })
      .max(PLIVO_LIMITS.maxMediaUrls, { error: `may list at most ${PLIVO_LIMITS.maxMediaUrls} media URLs` })
      .optional(),
    /** Ids of files uploaded with the client's uploadMedia (Plivo's Media API); with mediaUrls, at most 10. */
    mediaIds: z
      .array(z.string().trim().min(1), { error: 'must be a list of media ids' })
      .max(PLIVO_LIMITS.maxMediaUrls, { error: `may list at most ${PLIVO_LIMITS.maxMediaUrls} media ids` })
      .optional(),
    /** Status callback. */
    url: httpUrl.optional(),
    method: httpMethod.optional(),
    log: z.boolean({ error: 'must be true or false' }).optional(),
    trackable: z.boolean({ error: 'must be true or false' }).optional(),
    messageExpiry: z
      .number({ error: 'must be a number of seconds' })
      .int({ error: 'must be a whole number of seconds' })
      .min(PLIVO_LIMITS.messageExpirySeconds.min, { error: 'must be at least 5 seconds' })
      .max(PLIVO_LIMITS.messageExpirySeconds.max, { error: 'must be at most 10799 seconds (just under 3 hours)' })
      .optional(),
  },
  { error: 'must be an object with src, dst and text' },
);
/** What a caller gives for one send. */
export type SendMessageInput = z.input<typeof sendMessageInputSchema>;
export type SendField = keyof SendMessageInput;
/** Fields a host may label: the message's own, and the parse options a host shows as fields. */
export type SendLabelledField = SendField | 'defaultCountry' | 'smartEncoding';
export const SEND_FIELDS = Object.keys(sendMessageInputSchema.shape) as SendField[];

/** A parsed send: everything checked and normalised; made only by parseSendRequest (and withDestinations). */
export interface SendMessageRequest {
  /** Sender number (E.164), short code or alphanumeric ID; absent when a Powerpack sends. */
  readonly src?: string;
  readonly srcKind?: SenderId['kind'];
  readonly powerpackUuid?: string;
  /** Unique E.164 numbers, in the order given (at least 1; the client sends at most 1,000 in one request). */
  readonly dst: readonly string[];
  /** The text as it is sent (after smart encoding); absent for an MMS without text. */
  readonly text?: string;
  readonly type?: 'sms' | 'mms';
  readonly mediaUrls?: readonly string[];
  /** Uploaded media (Plivo's Media API). */
  readonly mediaIds?: readonly string[];
  readonly url?: string;
  readonly method?: 'GET' | 'POST';
  readonly log?: boolean;
  readonly trackable?: boolean;
  readonly messageExpiry?: number;
  /** Of the text as sent; undefined without text. */
  readonly encoding?: MessageAnalysis['encoding'];
  readonly segmentCount: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) of the text sent; 0 without text. */
  readonly unitCount: number;
  readonly characterCount: number;
  /** True when smart encoding changed the text. */
  readonly smartEncodingApplied: boolean;
}

/**
 * Names a field the way the user knows it. Given core's path — `dst`, `dst[2]`, `mediaUrls[0]`, or `''` for the
 * message as a whole — it returns the host's label, e.g. `to`, `to[2]`, `item 3`.
 */
export type SendFieldLabeler = (path: string) => string;

/**
 * A labeler from a map of the host's names (`{ dst: 'to', src: 'from' }`); unmapped fields keep core's name, and
 * `whole` names the message itself.
 */
export function labelSendFields(names: Partial<Record<SendLabelledField, string>>, whole = 'the message'): SendFieldLabeler {
  return (path) => {
    if (path === '') return whole;
    const end = path.search(/[.[]/);
    const root = (end === -1 ? path : path.slice(0, end)) as SendLabelledField;
    return `${names[root] ?? root}${end === -1 ? '' : path.slice(end)}`;
  };
}

/** Core's own labels: the fields as named in SendMessageInput. */
export const CORE_SEND_LABELS: SendFieldLabeler = labelSendFields({});

export interface SendRequestParseOptions {
  /** How errors name the fields (default: core's names). */
  labels?: SendFieldLabeler;
  /** Two-letter country used to read numbers written without a country code. */
  defaultCountry?: string | undefined;
  /** Replace look-alike characters so the text fits GSM-7 (see analyzeMessage). */
  smartEncoding?: boolean | 'always' | undefined;
}

/** Codes more specific than INVALID_INPUT for shape problems of some fields. */
const FIELD_CODES: Partial<Record<SendField, TextbridgeErrorCode>> = {
  src: 'INVALID_SENDER',
  powerpackUuid: 'INVALID_SENDER',
  dst: 'INVALID_PHONE_NUMBER',
  text: 'INVALID_TEXT',
};

/** Marks the requests core made: the client refuses anything else (a typo'd field would otherwise be lost). */
const parsed = new WeakSet<SendMessageRequest>();

export function isSendMessageRequest(value: unknown): value is SendMessageRequest {
  return typeof value === 'object' && value !== null && parsed.has(value as SendMessageRequest);
}

/** Checks for one parse pass; a parser made once per run remembers repeated senders and texts (bounded). */
export interface SendRequestParser {
  (input: unknown, labels?: SendFieldLabeler): SendMessageRequest;
}

const CACHE_LIMIT = 256;
const MAX_CACHED_TEXT_LENGTH = 2000;

function boundedCache<T>(): (key: string, compute: () => T) => T {
  const cache = new Map<string, T>();
  return (key, compute) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute();
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

/**
 * Makes a parser for many sends with the same options (a bulk run): bulk sends repeat one sender and one text many
 * times, so their checks are remembered. Throws TextbridgeError naming the field with `labels`.
 */
export function createSendRequestParser(options: Omit<SendRequestParseOptions, 'labels'> = {}): SendRequestParser {
  const senders = boundedCache<SenderId>();
  const analyses = boundedCache<CheckedText>();
  const analyzeOptions = options.smartEncoding === undefined ? {} : { smartEncoding: options.smartEncoding };
  const checks: Checks = {
    defaultCountry: options.defaultCountry,
    // Keyed by the value alone: the label differs per input (`messages[7].src`) but only errors carry it, and errors
    // are not kept, so one bulk run checks its one sender once instead of once per input.
    sender: (src, field) =>
      typeof src === 'string' || typeof src === 'number'
        ? senders(`${typeof src}:${src}`, () => validateSender(src, field))
        : validateSender(src, field),
    // Texts longer than any Plivo accepts are analysed but not kept: the cache must stay small.
    analyze: (text) =>
      text.length <= MAX_CACHED_TEXT_LENGTH
        ? analyses(text, () => checkedText(analyzeMessage(text, analyzeOptions)))
        : checkedText(analyzeMessage(text, analyzeOptions)),
  };
  return (input, labels = CORE_SEND_LABELS) => parseWith(checks, input, labels);
}

/** Parses one send. Throws TextbridgeError (INVALID_INPUT, INVALID_PHONE_NUMBER, INVALID_SENDER, INVALID_TEXT, MESSAGE_TOO_LONG). */
export function parseSendRequest(input: unknown, options: SendRequestParseOptions = {}): SendMessageRequest {
  const { labels, ...rest } = options;
  return createSendRequestParser(rest)(input, labels);
}

/** The same request to other destinations (core's bulk sender merges identical messages into one Plivo request). */
export function withDestinations(request: SendMessageRequest, dst: readonly string[]): SendMessageRequest {
  const copy: SendMessageRequest = { ...request, dst: [...dst] };
  parsed.add(copy);
  return copy;
}

/**
 * The part of a text's analysis a send needs. Not the analysis itself: with every part's text it is many times
 * bigger, and with 100,000 different texts each would outlive a few garbage collections in the cache.
 */
interface CheckedText {
  /** As sent (after smart encoding). */
  readonly text: string;
  readonly encoding: MessageAnalysis['encoding'];
  readonly segmentCount: number;
  readonly unitCount: number;
  readonly characterCount: number;
  readonly smartEncodingApplied: boolean;
  readonly loneSurrogates: readonly number[];
  readonly exceedsPlivoLimit: boolean;
}

const NONE: readonly number[] = Object.freeze([]);

function checkedText(analysis: MessageAnalysis): CheckedText {
  return {
    text: analysis.text,
    encoding: analysis.encoding,
    segmentCount: analysis.segmentCount,
    unitCount: analysis.unitCount,
    characterCount: analysis.characterCount,
    smartEncodingApplied: analysis.smartEncoding?.applied ?? false,
    loneSurrogates: analysis.loneSurrogates.length === 0 ? NONE : analysis.loneSurrogates,
    exceedsPlivoLimit: analysis.exceedsPlivoLimit,
  };
}

interface Checks {
  defaultCountry: string | undefined;
  sender(src: unknown, field: string): SenderId;
  analyze(text: string): CheckedText;
}

function fail(code: TextbridgeErrorCode, message: string, field: string, hint?: string, details?: Record<string, unknown>): never {
  throw new TextbridgeError(code, message, { field, ...(hint === undefined ? {} : { hint }), ...(details ? { details } : {}) });
}

function parseWith(checks: Checks, input: unknown, label: SendFieldLabeler): SendMessageRequest {
  const whole = label('');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail('INVALID_INPUT', `${whole} must be an object with src, dst and text.`, whole);
  }
  const result = sendMessageInputSchema.safeParse(input);
  if (!result.success) throw shapeError(result.error.issues[0]!, input, label);
  const p = result.data;

  const country = normalizeCountryCode(checks.defaultCountry, label('defaultCountry'), label('dst'));
  const destinations = readDestinations(p.dst, country, label);
  const sender = readSender(p, checks, label);

  const media = p.mediaUrls ?? [];
  const mediaIds = p.mediaIds ?? [];
  const mediaField = label(mediaIds.length > 0 ? 'mediaIds' : 'mediaUrls');
  if (media.length + mediaIds.length > 0 && p.type === 'sms') {
    fail('INVALID_INPUT', `${mediaField} can only be sent in an MMS.`, mediaField, "Set type to 'mms' (or leave it empty), or remove the media.");
  }
  if (media.length + mediaIds.length > PLIVO_LIMITS.maxMediaUrls) {
    fail('INVALID_INPUT', `${mediaField}: ${media.length + mediaIds.length} media URLs and files; Plivo takes at most ${PLIVO_LIMITS.maxMediaUrls} per MMS.`, mediaField);
  }
  // Media without a type make an MMS, as Plivo does.
  const isMms = p.type === 'mms' || (p.type === undefined && media.length + mediaIds.length > 0);
  if (isMms && media.length + mediaIds.length === 0 && !p.text?.trim()) {
    fail('INVALID_INPUT', `${label('mediaUrls')} is empty: an MMS needs text or at least one media URL or file.`, label('mediaUrls'), 'Add a media URL, a file or text.');
  }
  const analysis = readText(p.text, !isMms, checks, label('text'));

  const request: { -readonly [K in keyof SendMessageRequest]: SendMessageRequest[K] } = {
    ...sender,
    dst: destinations,
    segmentCount: analysis?.segmentCount ?? 0,
    unitCount: analysis?.unitCount ?? 0,
    characterCount: analysis?.characterCount ?? 0,
    smartEncodingApplied: analysis?.smartEncodingApplied ?? false,
  };
  if (analysis) {
    request.text = analysis.text;
    request.encoding = analysis.encoding;
  }
  if (isMms) request.type = 'mms';
  else if (p.type !== undefined) request.type = p.type;
  if (media.length > 0) request.mediaUrls = media;
  if (mediaIds.length > 0) request.mediaIds = mediaIds;
  if (p.url !== undefined) request.url = p.url;
  if (p.method !== undefined) request.method = p.method;
  if (p.log !== undefined) request.log = p.log;
  if (p.trackable !== undefined) request.trackable = p.trackable;
  if (p.messageExpiry !== undefined) request.messageExpiry = p.messageExpiry;
  parsed.add(request);
  return request;
}

function shapeError(issue: z.core.$ZodIssue, input: unknown, label: SendFieldLabeler): TextbridgeError {
  if (issue.code === 'unrecognized_keys') {
    const field = label(issue.keys[0]!);
    return new TextbridgeError('INVALID_INPUT', `${label('')} has unknown field(s) ${issue.keys.join(', ')}.`, {
      field,
      hint: `Check the spelling; known fields: ${SEND_FIELDS.join(', ')}.`,
    });
  }
  const field = label(fieldPath(issue.path));
  const root = typeof issue.path[0] === 'string' ? (issue.path[0] as SendField) : undefined;
  return new TextbridgeError(
    (root && FIELD_CODES[root]) ?? 'INVALID_INPUT',
    `${field} ${describeIssue(issue, valueAt(input, issue.path))}.`,
    { field },
  );
}

/** `dst` as given -> unique E.164 numbers in order; each entry named (`dst[2]`) when there are several. */
function readDestinations(dst: string | number | (string | number)[], defaultCountry: string | undefined, label: SendFieldLabeler): string[] {
  const entries = Array.isArray(dst) ? dst : typeof dst === 'string' && dst.includes('<') ? dst.split('<') : [dst];
  const single = entries.length === 1 && !Array.isArray(dst);
  const unique = new Set<string>();
  entries.forEach((entry, index) => {
    unique.add(normalizePhoneNumber(entry, defaultCountry, label(single ? 'dst' : `dst[${index}]`)));
  });
  // No limit here: a host item may have any number of recipients; one Plivo request takes at most 1,000 (the client
  // checks that, and the bulk sender splits for it).
  return [...unique];
}

/** Exactly one of `src` and `powerpackUuid` (Plivo refuses both). */
function readSender(
  p: { src?: string | number | undefined; powerpackUuid?: string | undefined },
  checks: Checks,
  label: SendFieldLabeler,
): { src: string; srcKind: SenderId['kind'] } | { powerpackUuid: string } {
  const hasSrc = p.src !== undefined && String(p.src).trim() !== '';
  const powerpack = p.powerpackUuid?.trim() ?? '';
  if (hasSrc && powerpack !== '') {
    // Named within the message: "messages[7] has both src and powerpackUuid", "item 2 has both from and powerpackUuid".
    const within = (field: string) => (field.startsWith(`${label('')}.`) ? field.slice(label('').length + 1) : field);
    fail('INVALID_SENDER', `${label('')} has both ${within(label('src'))} and ${within(label('powerpackUuid'))}: give only one.`, label('powerpackUuid'));
  }
  if (powerpack !== '') return { powerpackUuid: powerpack };
  if (!hasSrc) {
    const field = p.powerpackUuid === undefined ? label('src') : label('powerpackUuid');
    fail(
      'INVALID_SENDER',
      p.powerpackUuid === undefined
        ? `${label('src')} is missing: give a sender or a ${label('powerpackUuid')}.`
        : `${label('powerpackUuid')} must be a Powerpack UUID.`,
      field,
    );
  }
  const sender = checks.sender(p.src, label('src'));
  return { src: sender.value, srcKind: sender.kind };
}

/** SMS text is required and limited by Plivo; MMS text is optional and not split into SMS segments by Plivo. */
function readText(text: string | undefined, isSms: boolean, checks: Checks, field: string): CheckedText | undefined {
  if (text === undefined || text.trim() === '') {
    if (!isSms) return undefined;
    fail('INVALID_TEXT', `${field} is ${text === undefined ? 'missing' : 'empty'}: an SMS needs text.`, field);
  }
  const analysis = checks.analyze(text);
  // An unpaired surrogate is no character: it cannot be written as UTF-8, and Plivo's answer to one is unknown.
  const [brokenAt] = analysis.loneSurrogates;
  if (brokenAt !== undefined) {
    fail(
      'INVALID_TEXT',
      `${field} has a broken character at position ${brokenAt}: an unpaired UTF-16 surrogate (half of an emoji or other symbol).`,
      field,
      undefined,
      { positions: analysis.loneSurrogates.slice(0, 10) },
    );
  }
  // Control characters other than tab, line breaks and form feed are no text a phone shows: almost always debris from
  // a CRM export (NUL, BEL, ESC…). Checked on the text that would be sent, after smart encoding.
  const controls = controlCharacterPositions(analysis.text);
  if (controls.length > 0) {
    const shown = controls
      .slice(0, 5)
      .map((at) => `U+${analysis.text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} at position ${at}`)
      .join(', ');
    fail(
      'INVALID_TEXT',
      `${field} contains control characters that phones cannot show: ${shown}.`,
      field,
      'Remove the control characters (often left over from a spreadsheet or CRM export), then send again.',
      { positions: controls.slice(0, 10) },
    );
  }
  if (isSms && analysis.exceedsPlivoLimit) {
    fail(
      'MESSAGE_TOO_LONG',
      `${field} is too long for Plivo: ${analysis.characterCount} characters in ${analysis.encoding} make ${analysis.segmentCount} parts.`,
      field,
      undefined,
      { encoding: analysis.encoding, characterCount: analysis.characterCount, segmentCount: analysis.segmentCount },
    );
  }
  return analysis;
}

/** C0 controls except TAB, LF, FF and CR; DEL; C1 controls. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;

function controlCharacterPositions(text: string): number[] {
  return [...text.matchAll(CONTROL_CHARACTER)].map((match) => match.index);
}
