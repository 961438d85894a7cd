// `…/Verify/Session/`: Plivo's Verify API. A send opens a session for the recipient (or joins the open one, which
// resends the same code) and texts the code to the virtual phone from Plivo's Verify sender; a check compares the
// code, at most 10 times per session; sessions expire with their code. Get and list use Plivo's shapes.
import { randomUUID } from 'node:crypto';
import type { ApiRequest } from '../context.js';
import { DEFAULT_VERIFY_APP_UUID, VERIFY_DEFAULTS, VERIFY_SENDER, VERIFY_TEXTS, verifyText } from '../data/verify.js';
import { plivoRequestError, type Params, type Reply } from '../http.js';
import { givenFilters, readFilter, readPaging } from '../list-params.js';
import { carrierNetwork, countryName, parsePlivoNumber } from '../numbers.js';
import { analyzeText, MESSAGE_EXPIRY_RANGE, readCallbackUrl, readMethod } from '../send-params.js';
import { accountPath, listMeta, newApiId } from '../shapes.js';
import type { SandboxVerifySession, VerifyChannel } from '../state.js';
import { parseFilterTime } from '../time-format.js';
import { newCode, openSessionFor, sessionRecord, sessionStatus } from '../verify-session.js';

const DAY_MS = 24 * 3600 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(params: Params, name: string): string | undefined {
  return readFilter(params, name)?.trim() || undefined;
}

function readChannel(params: Params): VerifyChannel {
  const channel = text(params, 'channel')?.toLowerCase() ?? 'sms';
  if (channel !== 'sms' && channel !== 'voice') throw plivoRequestError(400, 'channel should be one of sms, voice', 'channel');
  return channel;
}

function readCodeLength(params: Params): number {
  const raw = text(params, 'code_length');
  if (raw === undefined) return VERIFY_DEFAULTS.codeLength;
  const { min, max } = VERIFY_DEFAULTS.codeLengthRange;
  const length = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(length >= min && length <= max)) throw plivoRequestError(400, `code_length should be an integer between ${min} and ${max}`, 'code_length');
  return length;
}

function readLocale(params: Params): string {
  const locale = text(params, 'locale') ?? VERIFY_DEFAULTS.locale;
  if (!/^[a-z]{2}([_-][A-Z]{2})?$/.test(locale)) throw plivoRequestError(400, 'locale should be a language code such as en, es or en_US', 'locale');
  return locale;
}

function readAppUuid(params: Params): string {
  const appUuid = text(params, 'app_uuid') ?? DEFAULT_VERIFY_APP_UUID;
  if (!UUID.test(appUuid)) throw plivoRequestError(400, `'${appUuid}' is not a valid app_uuid`, 'app_uuid');
  return appUuid.toLowerCase();
}

function findSession(request: ApiRequest): SandboxVerifySession {
  const session = request.ctx.state.verifySessions.get(request.pathParams[0] ?? '');
  if (!session) throw plivoRequestError(404, 'not found', 'session_uuid');
  return session;
}

export function createSession(request: ApiRequest): Reply {
  const { params, ctx } = request;
  const given = text(params, 'recipient');
  if (given === undefined) throw plivoRequestError(400, 'recipient is required', 'recipient');
  const recipient = parsePlivoNumber(given);
  if (!recipient) throw plivoRequestError(400, `'${given}' is not a valid phone number.`, 'recipient');
  const channel = readChannel(params);
  const codeLength = readCodeLength(params);
  const locale = readLocale(params);
  const appUuid = readAppUuid(params);
  // Status callbacks of sessions are not sent by the sandbox; the parameters are still checked like Plivo does.
  readCallbackUrl(text(params, 'url'));
  readMethod(text(params, 'method'), 'method');
  if (ctx.options.blockedCountries.includes(recipient.countryIso2)) {
    throw plivoRequestError(403, `sms to ${countryName(recipient.countryIso2)} is not enabled in this account's geo permissions`, 'recipient');
  }

  const now = Date.now();
  let session = openSessionFor(ctx.state, recipient.digits, appUuid, now);
  if (!session) {
    session = {
      sessionUuid: randomUUID(),
      appUuid,
      recipient: recipient.digits,
      countryIso2: recipient.countryIso2,
      network: carrierNetwork(recipient).name,
      locale,
      brandName: text(params, 'brand_name') ?? null,
      appHash: text(params, 'app_hash') ?? null,
      code: newCode(codeLength),
      status: 'in-progress',
      attempts: [],
      checks: 0,
      requesterIp: request.requesterIp,
      createdAt: now,
      updatedAt: now,
      expiresAt: now + ctx.options.verifyCodeExpirySeconds * 1000 * ctx.options.expiryScale,
    };
    ctx.state.verifySessions.set(session.sessionUuid, session);
  }
  // Within a session every send delivers the same code (Plivo's Verify overview).
  const body = verifyText(channel, session.code, session.brandName, channel === 'sms' ? session.appHash : null);
  const { encoding, segmentCount } = analyzeText(body);
  const message = ctx.carrier.acceptOutbound({
    src: VERIFY_SENDER,
    dst: recipient,
    text: body,
    type: 'sms',
    mediaUrls: [],
    encoding,
    segmentCount,
    powerpackUuid: null,
    callbackUrl: null,
    callbackMethod: 'POST',
    log: true,
    trackable: false,
    messageExpirySeconds: MESSAGE_EXPIRY_RANGE.default,
    origin: 'verify',
    requesterIp: request.requesterIp,
  });
  session.attempts.push({ messageUuid: message.uuid, channel, at: now });
  session.updatedAt = now;
  ctx.events.publish('verify.session', `verification code sent to +${session.recipient} by ${channel}`, {
    sessionUuid: session.sessionUuid,
    attempt: session.attempts.length,
  });
  return { status: 202, body: { api_id: newApiId(), message: VERIFY_TEXTS.initiated, session_uuid: session.sessionUuid } };
}

/** Checks a code. Order: already verified, checks used up, expired, then the comparison (which spends a check). */
export function validateSession(request: ApiRequest): Reply {
  const session = findSession(request);
  const otp = text(request.params, 'otp');
  if (otp === undefined) throw plivoRequestError(400, 'otp is required', 'otp');
  const now = Date.now();
  const { maxChecksPerSession } = VERIFY_DEFAULTS;
  if (session.status === 'verified') throw plivoRequestError(400, VERIFY_TEXTS.alreadyVerified, 'otp');
  if (session.checks >= maxChecksPerSession) throw plivoRequestError(400, VERIFY_TEXTS.attemptsExceeded, 'otp');
  if (sessionStatus(session, now) === 'expired') throw plivoRequestError(400, VERIFY_TEXTS.expired, 'otp');
  session.checks += 1;
  session.updatedAt = now;
  const matches = otp === session.code;
  if (matches) session.status = 'verified';
  // The last allowed check, if wrong, ends the session: it can never be verified any more.
  else if (session.checks >= maxChecksPerSession) session.status = 'expired';
  request.ctx.events.publish('verify.session', `verification code for +${session.recipient} ${matches ? 'verified' : 'refused'}`, {
    sessionUuid: session.sessionUuid,
    checks: session.checks,
  });
  if (!matches) throw plivoRequestError(400, VERIFY_TEXTS.wrongCode, 'otp');
  return { status: 200, body: { api_id: newApiId(), message: VERIFY_TEXTS.validated } };
}

export function getSession(request: ApiRequest): Reply {
  const session = findSession(request);
  return { status: 200, body: { api_id: newApiId(), ...sessionRecord(request.ctx.state, session, Date.now()) } };
}

const LIST_FILTERS = [
  'app_uuid',
  'status',
  'recipient',
  'subaccount',
  'session_time',
  'session_time__gt',
  'session_time__gte',
  'session_time__lt',
  'session_time__lte',
] as const;

type Predicate = (session: SandboxVerifySession) => boolean;

function listPredicates(request: ApiRequest, now: number): Predicate[] {
  const { params } = request;
  const predicates: Predicate[] = [];
  const app = text(params, 'app_uuid');
  if (app !== undefined) predicates.push((session) => session.appUuid === app.toLowerCase());
  const status = text(params, 'status');
  if (status !== undefined) {
    if (!['in-progress', 'verified', 'expired'].includes(status)) {
      throw plivoRequestError(400, 'status should be one of in-progress, verified, expired', 'status');
    }
    predicates.push((session) => sessionStatus(session, now) === status);
  }
  const recipient = text(params, 'recipient');
  if (recipient !== undefined) {
    const digits = recipient.replace(/[\s/\-.+()]/g, '');
    predicates.push((session) => session.recipient === digits);
  }
  // The sandbox account has no subaccounts: sessions sent by a subaccount's credentials never match.
  if (text(params, 'subaccount') !== undefined) predicates.push(() => false);

  let timeFiltered = false;
  const time = (name: (typeof LIST_FILTERS)[number], compare: (a: number, b: number) => boolean): void => {
    const value = text(params, name);
    if (value === undefined) return;
    const at = parseFilterTime(value);
    if (at === undefined) throw plivoRequestError(400, `${name} should be a UTC time as YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`, name);
    timeFiltered = true;
    predicates.push((session) => compare(session.createdAt, at));
  };
  time('session_time__gt', (a, b) => a > b);
  time('session_time__gte', (a, b) => a >= b);
  time('session_time__lt', (a, b) => a < b);
  time('session_time__lte', (a, b) => a <= b);
  // `session_time` alone matches the whole minute, second or instant it names.
  const exact = text(params, 'session_time');
  if (exact !== undefined) {
    const start = parseFilterTime(exact);
    if (start === undefined) throw plivoRequestError(400, 'session_time should be a UTC time as YYYY-MM-DD HH:MM[:ss[.uuuuuu]]', 'session_time');
    timeFiltered = true;
    const span = /:\d{2}:\d{2}\./.test(exact) ? 1 : /:\d{2}:\d{2}/.test(exact) ? 1000 : 60_000;
    predicates.push((session) => session.createdAt >= start && session.createdAt < start + span);
  }
  // Plivo lists the last 24 hours unless a time filter says otherwise.
  if (!timeFiltered) predicates.push((session) => session.createdAt >= now - DAY_MS);
  return predicates;
}

export function listSessions(request: ApiRequest): Reply {
  const { limit, offset } = readPaging(request.params);
  const now = Date.now();
  const predicates = listPredicates(request, now);
  const { state, options } = request.ctx;
  // Newest first, like Plivo.
  const matches = [...state.verifySessions.values()].reverse().filter((session) => predicates.every((p) => p(session)));
  return {
    status: 200,
    body: {
      api_id: newApiId(),
      meta: listMeta(`${accountPath(options.authId)}Verify/Session/`, givenFilters(request.params, LIST_FILTERS), limit, offset, matches.length),
      sessions: matches.slice(offset, offset + limit).map((session) => sessionRecord(state, session, now)),
    },
  };
}
