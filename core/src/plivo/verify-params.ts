// Input shapes of the Verify API calls (sessions that send a one-time code and check it) and their translation to
// Plivo's parameters. What Plivo takes, from its Verify API reference and the official Node SDK (plivo@4.79,
// resources/verify.js): create `POST …/Verify/Session/` with recipient (required), app_uuid, channel (sms | voice),
// url + method (status callbacks), locale, brand_name, app_hash, code_length (4–8); validate
// `POST …/Verify/Session/{session_uuid}/` with otp; list `GET …/Verify/Session/` filtered by app_uuid, status,
// recipient, subaccount and session_time__{gt,gte,lt,lte}, 20 per page.
import { z } from 'zod/v4';
import { normalizePhoneNumber } from '../phone/index.js';
import { PLIVO_LIMITS, resourceId, type ListQuery } from './params.js';
import { toPlivoFilterTime } from './filter-time.js';
import { invalid, parseInput } from './validate.js';

/** Plivo's documented Verify limits. */
export const VERIFY_LIMITS = {
  codeLength: { min: 4, max: 8 },
  /** Checks a session allows before it refuses more (brute-force protection). */
  maxChecksPerSession: 10,
} as const;

export const VERIFY_CHANNELS = ['sms', 'voice'] as const;
export type VerifyChannel = (typeof VERIFY_CHANNELS)[number];
export const VERIFY_SESSION_STATUSES = ['in-progress', 'verified', 'expired'] as const;
export type VerifySessionStatus = (typeof VERIFY_SESSION_STATUSES)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be a valid http(s) URL' });
const nonEmptyText = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });
const channel = z.enum(VERIFY_CHANNELS, { error: 'must be "sms" or "voice"' });
/** ISO 639-1 language, optionally with an ISO 3166-1 region: en, es, en_US, fr_FR (Plivo's examples). */
const locale = z
  .string({ error: 'must be text' })
  .trim()
  .regex(/^[a-z]{2}([_-][A-Z]{2})?$/, { error: 'must be a language code like "en", "es" or "en_US"' });

export const sendVerificationCodeParamsSchema = z.object(
  {
    recipient: z.string({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a phone number (text)'),
    }),
    /** Reads a recipient written without its country code. */
    defaultCountry: z.string({ error: 'must be a two-letter country code' }).optional(),
    channel: channel.optional(),
    appUuid: nonEmptyText.optional(),
    locale: locale.optional(),
    brandName: nonEmptyText.optional(),
    codeLength: z
      .number({ error: 'must be a number of digits' })
      .int({ error: 'must be a whole number of digits' })
      .min(VERIFY_LIMITS.codeLength.min, { error: 'must be between 4 and 8 digits' })
      .max(VERIFY_LIMITS.codeLength.max, { error: 'must be between 4 and 8 digits' })
      .optional(),
    /** Android SMS Retriever hash, appended to the SMS. */
    appHash: nonEmptyText.optional(),
    url: httpUrl.optional(),
    method: z.enum(['GET', 'POST'], { error: 'must be "GET" or "POST"' }).optional(),
  },
  { error: 'must be an object with a recipient' },
);
export type SendVerificationCodeParams = z.input<typeof sendVerificationCodeParamsSchema>;

/** Validates a send and builds Plivo's JSON body (snake_case, only the fields given; recipient in E.164). */
export function sendVerificationCodeBody(params: unknown, operation: string): Record<string, unknown> {
  const p = parseInput(sendVerificationCodeParamsSchema, params, operation, { recipient: { code: 'INVALID_PHONE_NUMBER' } });
  const body: Record<string, unknown> = { recipient: normalizePhoneNumber(p.recipient, p.defaultCountry, 'recipient') };
  if (p.appUuid !== undefined) body.app_uuid = p.appUuid;
  if (p.channel !== undefined) body.channel = p.channel;
  if (p.locale !== undefined) body.locale = p.locale;
  if (p.brandName !== undefined) body.brand_name = p.brandName;
  if (p.codeLength !== undefined) body.code_length = p.codeLength;
  if (p.appHash !== undefined) {
    if ((p.channel ?? 'sms') !== 'sms') invalid('INVALID_INPUT', `${operation}: appHash only applies to codes sent by SMS.`, 'appHash');
    body.app_hash = p.appHash;
  }
  if (p.url !== undefined) body.url = p.url;
  if (p.method !== undefined) body.method = p.method;
  return body;
}

/**
 * The code a person typed, as Plivo compares it: digits only. Spaces and dashes people type between groups
 * ("123 456") are dropped. A code that cannot match (letters, too short or long) is refused as a wrong code here,
 * without spending one of the session's checks; a missing one is a workflow mistake (INVALID_INPUT).
 */
export function verificationCode(value: unknown, operation: string): string {
  const given = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value) : value;
  if (typeof given !== 'string' || given.trim() === '') {
    invalid(
      'INVALID_INPUT',
      `${operation}: code ${typeof given === 'string' ? 'is empty' : 'is required (the digits the person received)'}.`,
      'code',
      'Pass the code the person typed, e.g. 123456.',
    );
  }
  const code = given.replace(/[\s-]/g, '');
  const { min, max } = VERIFY_LIMITS.codeLength;
  if (!/^\d+$/.test(code) || code.length < min || code.length > max) {
    const got = /^\d+$/.test(code) ? `${code.length} digits` : 'other characters than digits';
    invalid('VERIFICATION_CODE_WRONG', `${operation}: the code cannot match: codes are ${min} to ${max} digits, but it has ${got}.`, 'code');
  }
  return code;
}

export function sessionId(value: unknown, operation: string): string {
  return resourceId(value, 'sessionUuid', operation);
}

const pageSize = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(PLIVO_LIMITS.pageSize.min, { error: 'must be between 1 and 20' })
  .max(PLIVO_LIMITS.pageSize.max, { error: 'must be between 1 and 20 (Plivo pages hold at most 20)' });
const filterTime = z.union([z.date(), z.string()], { error: 'must be a date or an ISO 8601 date-time' });

export const listVerificationSessionsFiltersSchema = z.object(
  {
    appUuid: nonEmptyText.optional(),
    status: z.enum(VERIFY_SESSION_STATUSES, { error: 'must be "in-progress", "verified" or "expired"' }).optional(),
    recipient: z.string({ error: 'must be a phone number (text)' }).optional(),
    subaccount: nonEmptyText.optional(),
    sessionTimeGt: filterTime.optional(),
    sessionTimeGte: filterTime.optional(),
    sessionTimeLt: filterTime.optional(),
    sessionTimeLte: filterTime.optional(),
    limit: pageSize.optional(),
    offset: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }).optional(),
    maxItems: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).optional(),
  },
  { error: 'must be an object' },
);
export type ListVerificationSessionsFilters = z.input<typeof listVerificationSessionsFiltersSchema>;

export function listVerificationSessionsQuery(filters: unknown, operation: string): ListQuery {
  const f = parseInput(listVerificationSessionsFiltersSchema, filters ?? {}, operation, { recipient: { code: 'INVALID_PHONE_NUMBER' } });
  const params: [string, string][] = [];
  if (f.appUuid !== undefined) params.push(['app_uuid', f.appUuid]);
  if (f.status !== undefined) params.push(['status', f.status]);
  if (f.recipient !== undefined) params.push(['recipient', normalizePhoneNumber(f.recipient, undefined, 'recipient')]);
  if (f.subaccount !== undefined) params.push(['subaccount', f.subaccount]);
  const times = [
    ['sessionTimeGt', 'session_time__gt'],
    ['sessionTimeGte', 'session_time__gte'],
    ['sessionTimeLt', 'session_time__lt'],
    ['sessionTimeLte', 'session_time__lte'],
  ] as const;
  for (const [field, name] of times) {
    const value = f[field];
    if (value !== undefined) params.push([name, toPlivoFilterTime(value, field, operation)]);
  }
  return { params, limit: f.limit ?? PLIVO_LIMITS.pageSize.max, offset: f.offset ?? 0, maxItems: f.maxItems };
}
