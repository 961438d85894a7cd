// The typed Plivo client: every call Textbridge makes to Plivo, over the Transport and Clock its host injects (n8n's
// and Zapier's HTTP helpers; undici and Node's timers through `@textbridge/core/node`). Requests use JSON bodies and
// trailing slashes like the official SDKs.
import { z } from 'zod/v4';
import { isClock, type Clock } from '../clock.js';
import { TextbridgeError, credentialSecrets, redactError, withRedactedErrors } from '../errors/index.js';
import { normalizePhoneNumber, plivoNumber } from '../phone/index.js';
import type { Transport } from '../transport/index.js';
import type { RequestSpec } from './http.js';
import { plivoRequest, type HttpSettings } from './http.js';
import {
  createApplicationBody,
  listApplicationsQuery,
  listMessagesQuery,
  listNumbersQuery,
  resourceId,
  sendMessageBody,
  updateApplicationBody,
  updateNumberBody,
  type CreateApplicationParams,
  type ListApplicationsFilters,
  type ListMessagesFilters,
  type ListNumbersFilters,
  type ListQuery,
  type UpdateApplicationParams,
  type UpdateNumberParams,
} from './params.js';
import type { CallOptions, RetryOptions } from './retry.js';
import { resolveRetryOptions } from './retry.js';
import {
  accountNumberSchema,
  accountSchema,
  applicationSchema,
  changedResponseSchema,
  createApplicationResponseSchema,
  messageSchema,
  numberLookupSchema,
  pageSchema,
  sendMessageResponseSchema,
  uploadMediaResponseSchema,
  type Account,
  type AccountNumber,
  type Application,
  type ChangedResult,
  type CreateApplicationResult,
  type Message,
  type NumberLookup,
  type Page,
  type SendMessageResult,
  type UploadMediaResponse,
} from './schemas.js';
import { isSendMessageRequest, PLIVO_LIMITS, type SendMessageRequest } from './send-request.js';
import { checkMediaFiles, type CheckedMediaFile, type MediaFile } from './media-files.js';
import { buildMultipartBody } from './multipart.js';
import { parseInput, prepareInput } from './validate.js';
import { VERIFY_CHECK_ERROR_TEXT_RULES } from './error-texts.js';
import {
  listVerificationSessionsQuery,
  sendVerificationCodeBody,
  sessionId,
  verificationCode,
  type ListVerificationSessionsFilters,
  type SendVerificationCodeParams,
} from './verify-params.js';
import {
  checkVerificationCodeResponseSchema,
  sendVerificationCodeResponseSchema,
  sessionPageSchema,
  verificationSessionSchema,
  type CheckVerificationCodeResult,
  type SendVerificationCodeResult,
  type VerificationSession,
} from './verify-schemas.js';

export const DEFAULT_PLIVO_API_URL = 'https://api.plivo.com';
export const DEFAULT_PLIVO_LOOKUP_URL = 'https://lookup.plivo.com';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_USER_AGENT = 'textbridge-core/0.1.0';

export interface PlivoClientOptions {
  authId: string;
  authToken: string;
  /** Origin of the REST API (default https://api.plivo.com), e.g. the local sandbox. */
  baseUrl?: string;
  /** Origin of the Lookup API (default https://lookup.plivo.com, or `baseUrl` when only that is given). */
  lookupBaseUrl?: string;
  /** How requests travel: the host's HTTP helper (n8n, Zapier) or undici (`@textbridge/core/node`). */
  transport: Transport;
  /** How back-off and guards wait: the host's timers. */
  clock: Clock;
  retry?: RetryOptions;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** Replaces the default User-Agent, e.g. "n8n-nodes-textbridge/1.0". */
  userAgent?: string;
}

export interface PlivoClient {
  readonly authId: string;
  /** The clock the client waits with; the bulk sender paces with it too. */
  readonly clock: Clock;
  /**
   * Sends an SMS or MMS to one or many numbers: a request made by parseSendRequest (checked once, there).
   * Never retried when it may already have been processed.
   */
  sendMessage(request: SendMessageRequest, options?: CallOptions): Promise<SendMessageResult>;
  getMessage(messageUuid: string, options?: CallOptions): Promise<Message>;
  /**
   * Uploads files for an MMS (Plivo's Media API, multipart like the SDKs) after checking them against Plivo's limits
   * (checkMediaFiles). Resolves with their media ids, in order: send them as `mediaIds`. Not retried when it may
   * already have been processed.
   */
  uploadMedia(files: readonly MediaFile[], options?: CallOptions): Promise<string[]>;
  listMessagesPage(filters?: ListMessagesFilters, options?: CallOptions): Promise<Page<Message>>;
  /** Every matching message across pages (up to `maxItems`). */
  listMessages(filters?: ListMessagesFilters, options?: CallOptions): AsyncGenerator<Message, void, undefined>;
  /** Carrier lookup (paid by Plivo per lookup). */
  lookupNumber(number: string, options?: CallOptions): Promise<NumberLookup>;
  /** The account behind the credentials; doubles as a credential test. */
  getAccount(options?: CallOptions): Promise<Account>;
  listNumbersPage(filters?: ListNumbersFilters, options?: CallOptions): Promise<Page<AccountNumber>>;
  listNumbers(filters?: ListNumbersFilters, options?: CallOptions): AsyncGenerator<AccountNumber, void, undefined>;
  getNumber(number: string, options?: CallOptions): Promise<AccountNumber>;
  updateNumber(number: string, params: UpdateNumberParams, options?: CallOptions): Promise<ChangedResult>;
  createApplication(params: CreateApplicationParams, options?: CallOptions): Promise<CreateApplicationResult>;
  getApplication(appId: string, options?: CallOptions): Promise<Application>;
  listApplicationsPage(filters?: ListApplicationsFilters, options?: CallOptions): Promise<Page<Application>>;
  listApplications(filters?: ListApplicationsFilters, options?: CallOptions): AsyncGenerator<Application, void, undefined>;
  updateApplication(appId: string, params: UpdateApplicationParams, options?: CallOptions): Promise<ChangedResult>;
  deleteApplication(appId: string, options?: CallOptions): Promise<void>;
  /**
   * Sends a one-time code (Verify API): opens a session, or adds an attempt to the recipient's open one (Plivo resends
   * the same code within a session). Not retried when it may already have been processed.
   */
  sendVerificationCode(params: SendVerificationCodeParams, options?: CallOptions): Promise<SendVerificationCodeResult>;
  /**
   * Checks the code a person typed against a session. Resolves when it matches; a refusal is a TextbridgeError coded
   * VERIFICATION_CODE_WRONG, VERIFICATION_EXPIRED, VERIFICATION_ATTEMPTS_EXCEEDED or VERIFICATION_ALREADY_VERIFIED.
   * Not retried when it may already have been processed (each check counts against the session's limit).
   */
  checkVerificationCode(sessionUuid: string, code: string, options?: CallOptions): Promise<CheckVerificationCodeResult>;
  getVerificationSession(sessionUuid: string, options?: CallOptions): Promise<VerificationSession>;
  listVerificationSessionsPage(
    filters?: ListVerificationSessionsFilters,
    options?: CallOptions,
  ): Promise<Page<VerificationSession>>;
  /** Every matching session across pages (up to `maxItems`); Plivo lists the last 24 hours unless a time filter says otherwise. */
  listVerificationSessions(
    filters?: ListVerificationSessionsFilters,
    options?: CallOptions,
  ): AsyncGenerator<VerificationSession, void, undefined>;
}

const CLIENT = 'Plivo client';

function originOf(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // The value itself is not echoed: a URL may carry credentials.
  const problem = !url
    ? 'is not a URL'
    : url.protocol !== 'http:' && url.protocol !== 'https:'
      ? 'must use http or https'
      : url.username || url.password
        ? 'must not contain credentials'
        : url.pathname !== '/' || url.search || url.hash
          ? 'must be an origin only, like https://api.plivo.com (no path or query)'
          : undefined;
  if (problem || !url) throw new TextbridgeError('INVALID_INPUT', `${CLIENT}: ${field} ${problem ?? 'is invalid'}.`, { field });
  return url.origin;
}

const clientOptionsSchema = z.object(
  {
    authId: z.string({ error: 'must be your Plivo Auth ID (text)' }).trim().min(1, { error: 'must not be empty' }),
    authToken: z.string({ error: 'must be your Plivo Auth Token (text)' }).min(1, { error: 'must not be empty' }),
    baseUrl: z.string({ error: 'must be a URL' }).optional(),
    lookupBaseUrl: z.string({ error: 'must be a URL' }).optional(),
    transport: z.custom<Transport>((value) => typeof value === 'function', {
      error: 'must be a function (the host passes its HTTP helper; Node programs get undici from @textbridge/core)',
    }),
    clock: z.custom<Clock>(isClock, {
      error: 'must be a clock with now() and sleep() (the host passes its own; Node programs get one from @textbridge/core)',
    }),
    retry: z.custom<RetryOptions>((value) => typeof value === 'object' && value !== null, { error: 'must be an object' }).optional(),
    timeoutMs: z.number({ error: 'must be a number' }).positive({ error: 'must be more than 0' }).finite().optional(),
    userAgent: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).optional(),
  },
  { error: 'must be an object with authId and authToken' },
);

const CREDENTIAL_HINT = 'Copy the Auth ID and Auth Token from the Plivo console (Account > Overview).';
const CREDENTIAL_FIELDS = { authId: { hint: CREDENTIAL_HINT }, authToken: { hint: CREDENTIAL_HINT } } as const;


async function* paginate<T>(
  firstQuery: () => ListQuery,
  fetchPage: (query: ListQuery) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  const query = firstQuery();
  let offset = query.offset;
  let yielded = 0;
  for (;;) {
    const page = await fetchPage({ ...query, offset });
    for (const item of page.items) {
      if (query.maxItems !== undefined && yielded >= query.maxItems) return;
      yield item;
      yielded += 1;
    }
    offset += page.items.length;
    const exhausted = page.meta.totalCount !== null && offset >= page.meta.totalCount;
    if (page.items.length === 0 || page.meta.next === null || exhausted) return;
    if (query.maxItems !== undefined && yielded >= query.maxItems) return;
  }
}

/**
 * The client, with every error it lets out — option errors, Plivo's answers, transport failures with their causes —
 * passed through one redactor that removes the Auth Token in all its forms.
 */
export function createPlivoClient(options: PlivoClientOptions): PlivoClient {
  const given = typeof options === 'object' && options !== null ? (options as Partial<PlivoClientOptions>) : {};
  const secrets = credentialSecrets(given.authId, given.authToken);
  try {
    return withRedactedErrors(buildPlivoClient(options), secrets);
  } catch (error) {
    throw redactError(error, secrets);
  }
}

function buildPlivoClient(options: PlivoClientOptions): PlivoClient {
  const o = parseInput(clientOptionsSchema, options, CLIENT, CREDENTIAL_FIELDS);
  const apiOrigin = originOf(o.baseUrl, 'baseUrl') ?? DEFAULT_PLIVO_API_URL;
  const lookupOrigin =
    originOf(o.lookupBaseUrl, 'lookupBaseUrl') ?? (o.baseUrl === undefined ? DEFAULT_PLIVO_LOOKUP_URL : apiOrigin);
  const authId = o.authId;
  const settings: HttpSettings = {
    apiOrigin,
    lookupOrigin,
    authorization: `Basic ${Buffer.from(`${authId}:${o.authToken}`).toString('base64')}`,
    userAgent: o.userAgent ?? DEFAULT_USER_AGENT,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    transport: o.transport,
    clock: o.clock,
    retry: resolveRetryOptions(o.clock, o.retry),
    secrets: credentialSecrets(authId, o.authToken),
  };
  const account = `/v1/Account/${encodeURIComponent(authId)}`;

  async function get<T>(operation: string, path: string, schema: z.ZodType<T>, call?: CallOptions): Promise<T> {
    const spec: RequestSpec<T> = { operation, method: 'GET', host: 'api', path, policy: 'idempotent', schema };
    return (await plivoRequest(settings, spec, call)).data;
  }

  function pageFetcher<Item extends z.ZodType>(
    operation: string,
    path: string,
    item: Item,
    schema: z.ZodType<Omit<Page<z.output<Item>>, 'raw'>> = pageSchema(item),
  ) {
    return async (query: ListQuery, call?: CallOptions): Promise<Page<z.output<Item>>> => {
      const params: [string, string][] = [...query.params, ['limit', String(query.limit)], ['offset', String(query.offset)]];
      const spec: RequestSpec<z.output<typeof schema>> = {
        operation,
        method: 'GET',
        host: 'api',
        path,
        query: params,
        policy: 'idempotent',
        schema,
      };
      const { data, json } = await plivoRequest(settings, spec, call);
      return { ...data, raw: json };
    };
  }

  /** Account numbers are addressed in Plivo's format (digits with country code). */
  function numberPath(number: unknown): string {
    return `${account}/Number/${plivoNumber(normalizePhoneNumber(number, undefined, 'number'))}/`;
  }

  const messagesPage = pageFetcher('List messages', `${account}/Message/`, messageSchema);
  const numbersPage = pageFetcher('List numbers', `${account}/Number/`, accountNumberSchema);
  const applicationsPage = pageFetcher('List applications', `${account}/Application/`, applicationSchema);
  const sessionsPath = `${account}/Verify/Session/`;
  const sessionsPage = pageFetcher(
    'List verification sessions',
    sessionsPath,
    verificationSessionSchema,
    sessionPageSchema(verificationSessionSchema),
  );

  return {
    authId,
    clock: o.clock,

    async sendMessage(request, call) {
      const operation = 'Send message';
      if (!isSendMessageRequest(request)) {
        throw new TextbridgeError('INVALID_INPUT', `${operation}: the request was not made by parseSendRequest.`, {
          field: 'request',
          hint: 'Pass parseSendRequest({ src, dst, text, … }): it checks and normalises the message once, with your field names.',
        });
      }
      if (request.dst.length > PLIVO_LIMITS.maxDestinations) {
        throw new TextbridgeError(
          'INVALID_INPUT',
          `${operation}: dst lists ${request.dst.length} different numbers; Plivo accepts at most ${PLIVO_LIMITS.maxDestinations} per request.`,
          { field: 'dst', hint: 'Send through sendBulk, which splits any number of recipients into requests Plivo accepts.' },
        );
      }
      const body = sendMessageBody(request);
      const { data } = await plivoRequest(
        settings,
        {
          operation,
          method: 'POST',
          host: 'api',
          path: `${account}/Message/`,
          body,
          policy: 'create',
          reachesDestination: true,
          schema: sendMessageResponseSchema,
          onAmbiguousFailure: (error) => deliveryUnknown(operation, error),
        },
        call,
      );
      return data;
    },

    async uploadMedia(files, call) {
      const operation = 'Upload media';
      const checked = prepareInput(operation, () => checkMediaFiles(files, { field: 'files' }, { mediaUrls: [] }));
      const multipart = buildMultipartBody(checked.map((file) => ({ name: 'file', ...file })));
      const { data } = await plivoRequest(
        settings,
        {
          operation,
          method: 'POST',
          host: 'api',
          path: `${account}/Media/`,
          rawBody: { bytes: multipart.body, contentType: multipart.contentType },
          // Not retried after an answer that may hide a stored upload (a repeat is harmless, Plivo deletes unused
          // uploads after 6 hours, but the client's rule for calls that create something holds for all of them).
          policy: 'create',
          schema: uploadMediaResponseSchema,
        },
        call,
      );
      return mediaIds(operation, checked, data);
    },

    async getMessage(messageUuid, call) {
      const operation = 'Get message';
      const id = prepareInput(operation, () => resourceId(messageUuid, 'messageUuid', operation));
      return get(operation, `${account}/Message/${encodeURIComponent(id)}/`, messageSchema, call);
    },

    async listMessagesPage(filters, call) {
      return messagesPage(prepareInput('List messages', () => listMessagesQuery(filters, 'List messages')), call);
    },

    listMessages(filters, call) {
      const query = () => prepareInput('List messages', () => listMessagesQuery(filters, 'List messages'));
      return paginate(query, (q) => messagesPage(q, call));
    },

    async lookupNumber(number, call) {
      const operation = 'Look up number';
      const e164 = prepareInput(operation, () => normalizePhoneNumber(number, undefined, 'number'));
      const { data } = await plivoRequest(
        settings,
        {
          operation,
          method: 'GET',
          host: 'lookup',
          path: `/v1/Number/${e164}`,
          query: [['type', 'carrier']],
          policy: 'idempotent',
          schema: numberLookupSchema,
        },
        call,
      );
      return data;
    },

    async getAccount(call) {
      return get('Get account', `${account}/`, accountSchema, call);
    },

    async listNumbersPage(filters, call) {
      return numbersPage(prepareInput('List numbers', () => listNumbersQuery(filters, 'List numbers')), call);
    },

    listNumbers(filters, call) {
      const query = () => prepareInput('List numbers', () => listNumbersQuery(filters, 'List numbers'));
      return paginate(query, (q) => numbersPage(q, call));
    },

    async getNumber(number, call) {
      const operation = 'Get number';
      return get(operation, prepareInput(operation, () => numberPath(number)), accountNumberSchema, call);
    },

    async updateNumber(number, params, call) {
      const operation = 'Update number';
      const path = prepareInput(operation, () => numberPath(number));
      const body = updateNumberBody(params, operation);
      const spec: RequestSpec<ChangedResult> = {
        operation,
        method: 'POST',
        host: 'api',
        path,
        body,
        policy: 'idempotent',
        schema: changedResponseSchema,
      };
      return (await plivoRequest(settings, spec, call)).data;
    },

    async createApplication(params, call) {
      const operation = 'Create application';
      const body = createApplicationBody(params, operation);
      const spec: RequestSpec<CreateApplicationResult> = {
        operation,
        method: 'POST',
        host: 'api',
        path: `${account}/Application/`,
        body,
        policy: 'create',
        schema: createApplicationResponseSchema,
        onAmbiguousFailure: (error) =>
          new TextbridgeError(
            error.code,
            `${error.message} The application may have been created anyway: it was not retried, to avoid a duplicate.`,
            {
              ...errorFacts(error),
              hint: 'Check the applications in the Plivo console before creating it again.',
              details: { ...error.details, mayHaveBeenProcessed: true },
              cause: error,
            },
          ),
      };
      return (await plivoRequest(settings, spec, call)).data;
    },

    async getApplication(appId, call) {
      const operation = 'Get application';
      const id = prepareInput(operation, () => resourceId(appId, 'appId', operation));
      return get(operation, `${account}/Application/${encodeURIComponent(id)}/`, applicationSchema, call);
    },

    async listApplicationsPage(filters, call) {
      return applicationsPage(prepareInput('List applications', () => listApplicationsQuery(filters, 'List applications')), call);
    },

    listApplications(filters, call) {
      const query = () => prepareInput('List applications', () => listApplicationsQuery(filters, 'List applications'));
      return paginate(query, (q) => applicationsPage(q, call));
    },

    async updateApplication(appId, params, call) {
      const operation = 'Update application';
      const id = resourceId(appId, 'appId', operation);
      const body = updateApplicationBody(params, operation);
      const spec: RequestSpec<ChangedResult> = {
        operation,
        method: 'POST',
        host: 'api',
        path: `${account}/Application/${encodeURIComponent(id)}/`,
        body,
        policy: 'idempotent',
        schema: changedResponseSchema,
      };
      return (await plivoRequest(settings, spec, call)).data;
    },

    async deleteApplication(appId, call) {
      const operation = 'Delete application';
      const id = resourceId(appId, 'appId', operation);
      const spec: RequestSpec<undefined> = {
        operation,
        method: 'DELETE',
        host: 'api',
        path: `${account}/Application/${encodeURIComponent(id)}/`,
        policy: 'idempotent',
        schema: null,
      };
      await plivoRequest(settings, spec, call);
    },

    async sendVerificationCode(params, call) {
      const operation = 'Send verification code';
      const body = prepareInput(operation, () => sendVerificationCodeBody(params, operation));
      const spec: RequestSpec<SendVerificationCodeResult> = {
        operation,
        method: 'POST',
        host: 'api',
        path: sessionsPath,
        body,
        policy: 'create',
        reachesDestination: true,
        schema: sendVerificationCodeResponseSchema,
        onAmbiguousFailure: (error) =>
          new TextbridgeError(
            'DELIVERY_UNKNOWN',
            `${error.message} The code may have been sent anyway: it was not retried, to avoid a second text.`,
            {
              ...errorFacts(error),
              hint: 'List the verification sessions of this recipient before sending again (a new send within the session resends the same code).',
              details: { ...error.details, failure: error.code, mayHaveBeenProcessed: true },
              cause: error,
            },
          ),
      };
      return (await plivoRequest(settings, spec, call)).data;
    },

    async checkVerificationCode(sessionUuid, code, call) {
      const operation = 'Check verification code';
      const id = prepareInput(operation, () => sessionId(sessionUuid, operation));
      const otp = verificationCode(code, operation);
      const spec: RequestSpec<CheckVerificationCodeResult> = {
        operation,
        method: 'POST',
        host: 'api',
        path: `${sessionsPath}${encodeURIComponent(id)}/`,
        body: { otp },
        // A repeated check could spend a second attempt, or meet "already verified" after a match.
        policy: 'create',
        errorTextRules: VERIFY_CHECK_ERROR_TEXT_RULES,
        schema: checkVerificationCodeResponseSchema,
      };
      return (await plivoRequest(settings, spec, call)).data;
    },

    async getVerificationSession(sessionUuid, call) {
      const operation = 'Get verification session';
      const id = prepareInput(operation, () => sessionId(sessionUuid, operation));
      return get(operation, `${sessionsPath}${encodeURIComponent(id)}/`, verificationSessionSchema, call);
    },

    async listVerificationSessionsPage(filters, call) {
      const operation = 'List verification sessions';
      return sessionsPage(prepareInput(operation, () => listVerificationSessionsQuery(filters, operation)), call);
    },

    listVerificationSessions(filters, call) {
      const operation = 'List verification sessions';
      const query = () => prepareInput(operation, () => listVerificationSessionsQuery(filters, operation));
      return paginate(query, (q) => sessionsPage(q, call));
    },
  };
}

/** The media ids, in the order sent; a file Plivo did not store fails the upload, naming it. */
function mediaIds(operation: string, sent: readonly CheckedMediaFile[], answer: UploadMediaResponse): string[] {
  return sent.map((file, index) => {
    const object = answer.objects[index];
    if (!object?.media_id || (object.status ?? 'success') !== 'success') {
      const why = object?.error ?? object?.status ?? 'not in the answer';
      throw new TextbridgeError('INVALID_REQUEST', `${operation}: Plivo did not store "${file.fileName}" (${why}).`, {
        apiId: answer.api_id,
        field: `files[${index}]`,
      });
    }
    return object.media_id;
  });
}

function errorFacts(error: TextbridgeError) {
  return {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.apiId === undefined ? {} : { apiId: error.apiId }),
    ...(error.plivoError === undefined ? {} : { plivoError: error.plivoError }),
  };
}

/** A send whose failure may hide an accepted message: the caller must check before sending again. */
function deliveryUnknown(operation: string, error: TextbridgeError): TextbridgeError {
  const what =
    error.status !== undefined
      ? `Plivo answered ${error.status}`
      : error.code === 'TIMEOUT'
        ? 'Plivo did not answer in time'
        : 'the connection failed after the request was sent';
  return new TextbridgeError(
    'DELIVERY_UNKNOWN',
    `${operation}: ${what}, so the message may or may not have been sent; it was not retried, to avoid a duplicate. (${error.message})`,
    {
      ...errorFacts(error),
      details: { ...error.details, failure: error.code, mayHaveBeenProcessed: true },
      cause: error,
    },
  );
}
