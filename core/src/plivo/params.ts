// Input shapes of the client's calls (zod, types inferred) and their translation to Plivo's parameter names and
// formats. Numbers go through phone.ts, so Plivo always receives digits with the country code.
import { z } from 'zod/v4';
import { normalizePhoneNumber, plivoNumber, validateSender } from '../phone/index.js';
import { toPlivoFilterTime } from './filter-time.js';
import { invalid, parseInput } from './validate.js';
import { PLIVO_LIMITS, httpMethod, httpUrl, type SendMessageRequest } from './send-request.js';

export { PLIVO_LIMITS } from './send-request.js';

const nonEmptyText = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });

/** `src` in Plivo's format: digits for numbers, unchanged for short codes and alphanumeric sender IDs. */
export function senderForPlivo(src: unknown, field = 'src'): string {
  const sender = validateSender(src, field);
  return sender.kind === 'number' ? plivoNumber(sender.value) : sender.value;
}

/** Plivo's JSON body for a parsed send (snake_case, only the fields given): nothing left to check. */
export function sendMessageBody(request: SendMessageRequest): Record<string, unknown> {
  const body: Record<string, unknown> =
    request.src === undefined
      ? { powerpack_uuid: request.powerpackUuid }
      : { src: request.srcKind === 'number' ? plivoNumber(request.src) : request.src };
  body.dst = request.dst.map(plivoNumber).join('<');
  if (request.text !== undefined) body.text = request.text;
  if (request.type !== undefined) body.type = request.type;
  if (request.mediaUrls !== undefined) body.media_urls = request.mediaUrls;
  if (request.mediaIds !== undefined) body.media_ids = request.mediaIds;
  if (request.url !== undefined) body.url = request.url;
  if (request.method !== undefined) body.method = request.method;
  if (request.log !== undefined) body.log = request.log;
  if (request.trackable !== undefined) body.trackable = request.trackable;
  if (request.messageExpiry !== undefined) body.message_expiry = request.messageExpiry;
  return body;
}

const pageSize = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(PLIVO_LIMITS.pageSize.min, { error: 'must be between 1 and 20' })
  .max(PLIVO_LIMITS.pageSize.max, { error: 'must be between 1 and 20 (Plivo pages hold at most 20)' });
const offset = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be 0 or more' });
const maxItems = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' });
const filterTime = z.union([z.date(), z.string()], { error: 'must be a date or an ISO 8601 date-time' });

const paging = { limit: pageSize.optional(), offset: offset.optional(), maxItems: maxItems.optional() };

export const listMessagesFiltersSchema = z.object(
  {
    direction: z.enum(['inbound', 'outbound'], { error: 'must be "inbound" or "outbound"' }).optional(),
    state: z
      .enum(['queued', 'sent', 'failed', 'delivered', 'undelivered', 'rejected', 'received', 'read'], {
        error: 'must be one of queued, sent, failed, delivered, undelivered, rejected, received, read',
      })
      .optional(),
    type: z.enum(['sms', 'mms', 'whatsapp'], { error: 'must be "sms", "mms" or "whatsapp"' }).optional(),
    fromNumber: z.string({ error: 'must be text' }).optional(),
    toNumber: z.string({ error: 'must be text' }).optional(),
    errorCode: z.union([z.string().trim().min(1), z.number().int()], { error: 'must be a Plivo error code' }).optional(),
    powerpackId: nonEmptyText.optional(),
    subaccount: nonEmptyText.optional(),
    messageTimeGt: filterTime.optional(),
    messageTimeGte: filterTime.optional(),
    messageTimeLt: filterTime.optional(),
    messageTimeLte: filterTime.optional(),
    ...paging,
  },
  { error: 'must be an object' },
);
export type ListMessagesFilters = z.input<typeof listMessagesFiltersSchema>;

export interface ListQuery {
  /** Plivo query parameters other than limit and offset, in a stable order. */
  params: [string, string][];
  limit: number;
  offset: number;
  maxItems: number | undefined;
}

function pagingOf(p: { limit?: number | undefined; offset?: number | undefined; maxItems?: number | undefined }) {
  return { limit: p.limit ?? PLIVO_LIMITS.pageSize.max, offset: p.offset ?? 0, maxItems: p.maxItems };
}

export function listMessagesQuery(filters: unknown, operation: string): ListQuery {
  const f = parseInput(listMessagesFiltersSchema, filters ?? {}, operation, { toNumber: { code: 'INVALID_PHONE_NUMBER' }, fromNumber: { code: 'INVALID_SENDER' } });
  const params: [string, string][] = [];
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined) params.push([name, value]);
  };
  add('message_direction', f.direction);
  add('message_state', f.state);
  add('message_type', f.type);
  add('from_number', f.fromNumber === undefined ? undefined : senderForPlivo(f.fromNumber, 'fromNumber'));
  add('to_number', f.toNumber === undefined ? undefined : plivoNumber(normalizePhoneNumber(f.toNumber, undefined, 'toNumber')));
  add('error_code', f.errorCode === undefined ? undefined : String(f.errorCode));
  add('powerpack_id', f.powerpackId);
  add('subaccount', f.subaccount);
  const times = [
    ['messageTimeGt', 'message_time__gt'],
    ['messageTimeGte', 'message_time__gte'],
    ['messageTimeLt', 'message_time__lt'],
    ['messageTimeLte', 'message_time__lte'],
  ] as const;
  for (const [field, name] of times) {
    const value = f[field];
    if (value !== undefined) add(name, toPlivoFilterTime(value, field, operation));
  }
  return { params, ...pagingOf(f) };
}

const numberService = z.enum(['sms', 'mms', 'voice'], { error: 'must be "sms", "mms" or "voice"' });

export const listNumbersFiltersSchema = z.object(
  {
    type: nonEmptyText.optional(),
    numberStartswith: z.string({ error: 'must be text' }).regex(/^\+?\d+$/, { error: 'must be digits' }).optional(),
    services: z.union([numberService, z.array(numberService).min(1)], { error: 'must be "sms", "mms", "voice" or a list of them' }).optional(),
    alias: nonEmptyText.optional(),
    subaccount: nonEmptyText.optional(),
    ...paging,
  },
  { error: 'must be an object' },
);
export type ListNumbersFilters = z.input<typeof listNumbersFiltersSchema>;

export function listNumbersQuery(filters: unknown, operation: string): ListQuery {
  const f = parseInput(listNumbersFiltersSchema, filters ?? {}, operation);
  const params: [string, string][] = [];
  if (f.type !== undefined) params.push(['type', f.type]);
  if (f.numberStartswith !== undefined) params.push(['number_startswith', f.numberStartswith.replace(/^\+/, '')]);
  if (f.services !== undefined) params.push(['services', Array.isArray(f.services) ? f.services.join(',') : f.services]);
  if (f.alias !== undefined) params.push(['alias', f.alias]);
  if (f.subaccount !== undefined) params.push(['subaccount', f.subaccount]);
  return { params, ...pagingOf(f) };
}

export const listApplicationsFiltersSchema = z.object(
  { appName: nonEmptyText.optional(), subaccount: nonEmptyText.optional(), ...paging },
  { error: 'must be an object' },
);
export type ListApplicationsFilters = z.input<typeof listApplicationsFiltersSchema>;

export function listApplicationsQuery(filters: unknown, operation: string): ListQuery {
  const f = parseInput(listApplicationsFiltersSchema, filters ?? {}, operation);
  const params: [string, string][] = [];
  if (f.appName !== undefined) params.push(['app_name', f.appName]);
  if (f.subaccount !== undefined) params.push(['subaccount', f.subaccount]);
  return { params, ...pagingOf(f) };
}

export const updateNumberParamsSchema = z
  .object(
    {
      appId: nonEmptyText.optional(),
      alias: z.string({ error: 'must be text' }).optional(),
    },
    { error: 'must be an object' },
  )
  .refine((p) => p.appId !== undefined || p.alias !== undefined, { error: 'must set appId or alias' });
export type UpdateNumberParams = z.input<typeof updateNumberParamsSchema>;

export function updateNumberBody(params: unknown, operation: string): Record<string, unknown> {
  const p = parseInput(updateNumberParamsSchema, params, operation);
  const body: Record<string, unknown> = {};
  if (p.appId !== undefined) body.app_id = p.appId;
  if (p.alias !== undefined) body.alias = p.alias;
  return body;
}

const applicationFields = {
  answerUrl: httpUrl.optional(),
  answerMethod: httpMethod.optional(),
  messageUrl: httpUrl.optional(),
  messageMethod: httpMethod.optional(),
  logIncomingMessages: z.boolean({ error: 'must be true or false' }).optional(),
  defaultNumberApp: z.boolean({ error: 'must be true or false' }).optional(),
  publicUri: z.boolean({ error: 'must be true or false' }).optional(),
  subaccount: nonEmptyText.optional(),
};
const appName = z
  .string({ error: 'must be text' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'may only contain letters, digits, "_" and "-"' });

export const createApplicationParamsSchema = z.object({ appName, ...applicationFields }, { error: 'must be an object' });
export type CreateApplicationParams = z.input<typeof createApplicationParamsSchema>;

export const updateApplicationParamsSchema = z.object(
  { appName: appName.optional(), ...applicationFields },
  { error: 'must be an object' },
);
export type UpdateApplicationParams = z.input<typeof updateApplicationParamsSchema>;

const APPLICATION_NAMES = {
  appName: 'app_name',
  answerUrl: 'answer_url',
  answerMethod: 'answer_method',
  messageUrl: 'message_url',
  messageMethod: 'message_method',
  logIncomingMessages: 'log_incoming_messages',
  defaultNumberApp: 'default_number_app',
  publicUri: 'public_uri',
  subaccount: 'subaccount',
} as const;

function applicationBody(p: Partial<Record<keyof typeof APPLICATION_NAMES, unknown>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(APPLICATION_NAMES) as [keyof typeof APPLICATION_NAMES, string][]) {
    if (p[key] !== undefined) body[name] = p[key];
  }
  return body;
}

export function createApplicationBody(params: unknown, operation: string): Record<string, unknown> {
  return applicationBody(parseInput(createApplicationParamsSchema, params, operation));
}

export function updateApplicationBody(params: unknown, operation: string): Record<string, unknown> {
  const body = applicationBody(parseInput(updateApplicationParamsSchema, params, operation));
  if (Object.keys(body).length === 0) invalid('INVALID_INPUT', `${operation}: give at least one field to change.`);
  return body;
}

/** An ID used as a path segment (message UUID, application ID). */
export function resourceId(value: unknown, field: string, operation: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    invalid('INVALID_INPUT', `${operation}: ${field} must be a non-empty ID, but got ${typeof value === 'string' ? 'empty text' : typeof value}.`, field);
  }
  const id = value.trim();
  if (!/^[A-Za-z0-9_.:-]+$/.test(id)) {
    invalid('INVALID_INPUT', `${operation}: ${field} ${JSON.stringify(id.slice(0, 60))} is not a valid ID.`, field);
  }
  return id;
}
