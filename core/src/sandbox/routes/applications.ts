// `…/Application/`: create (201), list, get, update (202), delete (204). Messaging only needs `message_url` and
// `message_method`; the voice fields are stored and echoed so SDKs round-trip them.
import { randomInt } from 'node:crypto';
import { z } from 'zod/v4';
import type { ApiRequest } from '../context.js';
import { plivoRequestError, type Params, type Reply } from '../http.js';
import { givenFilters, readFilter, readPaging } from '../list-params.js';
import { readMethod } from '../send-params.js';
import { accountPath, applicationRecord, listMeta, newApiId } from '../shapes.js';
import type { SandboxApplication, SandboxState } from '../state.js';

const APP_NAME = /^[A-Za-z0-9_-]{1,255}$/;

const flag = z
  .union([z.boolean(), z.string().regex(/^(true|false)$/i)])
  .transform((value) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true'));
const urlText = z.string().refine((value) => {
  if (value === '') return true;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'should be an http(s) url');

const applicationParamsSchema = z.object({
  app_name: z.string().regex(APP_NAME, 'should be letters, digits, "_" or "-"').optional(),
  answer_url: urlText.optional(),
  answer_method: z.string().optional(),
  hangup_url: urlText.optional(),
  hangup_method: z.string().optional(),
  fallback_answer_url: urlText.optional(),
  fallback_method: z.string().optional(),
  message_url: urlText.optional(),
  message_method: z.string().optional(),
  default_number_app: flag.optional(),
  default_endpoint_app: flag.optional(),
  log_incoming_messages: flag.optional(),
  public_uri: flag.optional(),
});

type ApplicationParams = z.output<typeof applicationParamsSchema>;

function readApplicationParams(params: Params): ApplicationParams {
  const parsed = applicationParamsSchema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'request');
  throw plivoRequestError(400, `${field} ${issue?.message ?? 'is invalid'}`, field);
}

/** Writes the given fields onto an application (undefined fields keep their value). */
function applyParams(app: SandboxApplication, input: ApplicationParams): void {
  if (input.app_name !== undefined) app.appName = input.app_name;
  if (input.answer_url !== undefined) app.answerUrl = input.answer_url;
  if (input.answer_method !== undefined) app.answerMethod = readMethod(input.answer_method, 'answer_method');
  if (input.hangup_url !== undefined) app.hangupUrl = input.hangup_url;
  if (input.hangup_method !== undefined) app.hangupMethod = readMethod(input.hangup_method, 'hangup_method');
  if (input.fallback_answer_url !== undefined) app.fallbackAnswerUrl = input.fallback_answer_url;
  if (input.fallback_method !== undefined) app.fallbackMethod = readMethod(input.fallback_method, 'fallback_method');
  if (input.message_url !== undefined) app.messageUrl = input.message_url;
  if (input.message_method !== undefined) app.messageMethod = readMethod(input.message_method, 'message_method');
  if (input.default_number_app !== undefined) app.defaultNumberApp = input.default_number_app;
  if (input.default_endpoint_app !== undefined) app.defaultEndpointApp = input.default_endpoint_app;
  if (input.log_incoming_messages !== undefined) app.logIncomingMessages = input.log_incoming_messages;
  if (input.public_uri !== undefined) app.publicUri = input.public_uri;
}

/** Plivo application IDs are long decimal strings. */
function newAppId(state: SandboxState): string {
  for (;;) {
    const id = `${randomInt(10_000_000, 99_999_999)}${randomInt(100_000_000, 999_999_999)}`;
    if (!state.applications.has(id)) return id;
  }
}

function findApplication(request: ApiRequest): SandboxApplication {
  const app = request.ctx.state.applications.get(request.pathParams[0] ?? '');
  if (!app) throw plivoRequestError(404, 'not found', 'app_id');
  return app;
}

export function createApplication(request: ApiRequest): Reply {
  const input = readApplicationParams(request.params);
  if (input.app_name === undefined) throw plivoRequestError(400, 'app_name parameter is required', 'app_name');
  const { state } = request.ctx;
  const app: SandboxApplication = {
    appId: newAppId(state),
    appName: input.app_name,
    answerUrl: '',
    answerMethod: 'POST',
    hangupUrl: '',
    hangupMethod: 'POST',
    fallbackAnswerUrl: '',
    fallbackMethod: 'POST',
    messageUrl: '',
    messageMethod: 'POST',
    defaultNumberApp: false,
    defaultEndpointApp: false,
    logIncomingMessages: true,
    publicUri: false,
    createdAt: Date.now(),
  };
  applyParams(app, input);
  state.applications.set(app.appId, app);
  return { status: 201, body: { api_id: newApiId(), message: 'created', app_id: app.appId } };
}

export function getApplication(request: ApiRequest): Reply {
  const app = findApplication(request);
  return { status: 200, body: { api_id: newApiId(), ...applicationRecord(request.ctx.options.authId, app) } };
}

export function updateApplication(request: ApiRequest): Reply {
  const app = findApplication(request);
  const input = readApplicationParams(request.params);
  // Validate every method before writing anything, so a bad request changes nothing.
  applyParams({ ...app }, input);
  applyParams(app, input);
  return { status: 202, body: { api_id: newApiId(), message: 'changed' } };
}

export function deleteApplication(request: ApiRequest): Reply {
  const app = findApplication(request);
  const { state } = request.ctx;
  state.applications.delete(app.appId);
  for (const number of state.numbers.values()) if (number.appId === app.appId) number.appId = null;
  return { status: 204 };
}

export function listApplications(request: ApiRequest): Reply {
  const { limit, offset } = readPaging(request.params);
  const { state, options } = request.ctx;
  const name = readFilter(request.params, 'app_name');
  const matches = [...state.applications.values()]
    .filter((app) => name === undefined || app.appName === name)
    .sort((a, b) => a.createdAt - b.createdAt);
  return {
    status: 200,
    body: {
      api_id: newApiId(),
      meta: listMeta(`${accountPath(options.authId)}Application/`, givenFilters(request.params, ['app_name']), limit, offset, matches.length),
      objects: matches.slice(offset, offset + limit).map((app) => applicationRecord(options.authId, app)),
    },
  };
}
