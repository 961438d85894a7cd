// `…/Message/`: send (202), get one, list with Plivo's filters and paging.
import type { ApiRequest } from '../context.js';
import { plivoRequestError, type Reply } from '../http.js';
import { MAX_LIST_LIMIT, givenFilters, readFilter, readPaging } from '../list-params.js';
import { countryName, type ParsedNumber } from '../numbers.js';
import { readSendRequest, type SendRequest } from '../send-params.js';
import { mediaPath } from './media.js';
import { ALPHANUMERIC_SENDER_BARRED_COUNTRIES, CALLER_ID_NOT_ALLOWED } from '../data/sender-rules.js';
import { accountPath, listMeta, messageMedia, messageRecord, newApiId } from '../shapes.js';
import type { SandboxMessage, SandboxState } from '../state.js';
import { parseFilterTime } from '../time-format.js';

const DAY_MS = 24 * 3600 * 1000;

/** A Powerpack sends from one of the account's numbers: one in the destination's country if there is one. */
function powerpackSender(state: SandboxState, dst: ParsedNumber): string {
  const numbers = [...state.numbers.values()].filter((number) => number.smsEnabled);
  const local = numbers.find((number) => number.countryIso2 === dst.countryIso2);
  const chosen = local ?? numbers[0];
  if (!chosen) throw plivoRequestError(400, 'the powerpack has no sms enabled numbers', 'powerpack_uuid');
  return chosen.number;
}

function checkGeoPermissions(request: ApiRequest, send: SendRequest): void {
  const blocked = send.destinations.find((dst) => request.ctx.options.blockedCountries.includes(dst.countryIso2));
  if (blocked) {
    throw plivoRequestError(
      403,
      `sms to ${countryName(blocked.countryIso2)} is not enabled in this account's geo permissions`,
      'dst',
    );
  }
}

/**
 * Plivo sends only from the account's own SMS-enabled numbers (and short codes), or from an alphanumeric sender ID
 * in countries that allow one; anything else is refused before a message exists.
 */
function checkSender(request: ApiRequest, send: SendRequest): void {
  if (send.src === null) return; // a Powerpack picks one of the account's numbers
  if (send.srcKind === 'alphanumeric') {
    const barred = send.destinations.find((dst) => ALPHANUMERIC_SENDER_BARRED_COUNTRIES.includes(dst.countryIso2));
    if (barred) {
      throw plivoRequestError(
        400,
        `${CALLER_ID_NOT_ALLOWED}: alphanumeric sender ids cannot send to ${countryName(barred.countryIso2)}`,
        'src',
      );
    }
    return;
  }
  const owned = request.ctx.state.numbers.get(send.src);
  if (!owned?.smsEnabled) {
    throw plivoRequestError(400, `${CALLER_ID_NOT_ALLOWED}: ${send.src} is not an sms enabled number of this account`, 'src');
  }
}

/** `media_ids` name media uploaded to this account: the message carries their URLs, after any `media_urls`. */
function mediaUrlsOf(request: ApiRequest, send: SendRequest): string[] {
  const { state, options } = request.ctx;
  const uploaded = send.mediaIds.map((id) => {
    if (!state.media.has(id)) throw plivoRequestError(400, `media_ids: ${id} is not a media id of this account`, 'media_ids');
    return `${request.origin}${mediaPath(options.authId, id)}`;
  });
  return [...send.mediaUrls, ...uploaded];
}

export function sendMessage(request: ApiRequest): Reply {
  const send = readSendRequest(request.params);
  checkSender(request, send);
  checkGeoPermissions(request, send);
  const mediaUrls = mediaUrlsOf(request, send);
  const { state, carrier } = request.ctx;
  // Senders are settled before anything is accepted, so a rejected request never leaves half a batch behind.
  const senders = send.destinations.map((dst) => send.src ?? powerpackSender(state, dst));
  const uuids = send.destinations.map((dst, index) => {
    const message = carrier.acceptOutbound({
      src: senders[index] ?? '',
      dst,
      text: send.text,
      type: send.type,
      mediaUrls,
      encoding: send.encoding,
      segmentCount: send.segmentCount,
      powerpackUuid: send.powerpackUuid,
      callbackUrl: send.callbackUrl,
      callbackMethod: send.callbackMethod,
      log: send.log,
      trackable: send.trackable,
      messageExpirySeconds: send.messageExpirySeconds,
      origin: 'api',
      requesterIp: request.requesterIp,
    });
    return message.uuid;
  });
  const body: Record<string, unknown> = { api_id: newApiId(), message: 'message(s) queued', message_uuid: uuids };
  if (send.invalidNumbers.length > 0) body.invalid_number = send.invalidNumbers;
  return { status: 202, body };
}

/** Codes sent by the Verify API are Verify attempts, billed and listed with their session, not in the Message API. */
function inMessageApi(message: SandboxMessage): boolean {
  return message.origin !== 'verify';
}

function findMessage(request: ApiRequest): SandboxMessage {
  const message = request.ctx.state.getMessage(request.pathParams[0] ?? '');
  if (!message || !inMessageApi(message)) throw plivoRequestError(404, 'not found', 'message_uuid');
  return message;
}

export function getMessage(request: ApiRequest): Reply {
  const message = findMessage(request);
  return { status: 200, body: { api_id: newApiId(), ...messageRecord(request.ctx.options.authId, message) } };
}

/** `GET …/Message/{uuid}/Media/`: the media of an MMS (none for an SMS), as the SDKs' `listMedia()` reads them. */
export function listMessageMedia(request: ApiRequest): Reply {
  const message = findMessage(request);
  const objects = messageMedia(request.ctx.options.authId, request.origin, message, request.ctx.state.media);
  const path = `${accountPath(request.ctx.options.authId)}Message/${message.uuid}/Media/`;
  return {
    status: 200,
    body: { api_id: newApiId(), meta: listMeta(path, {}, MAX_LIST_LIMIT, 0, objects.length), objects },
  };
}

/** `GET …/Message/{uuid}/Media/{media_id}/`: one of them. */
export function getMessageMedia(request: ApiRequest): Reply {
  const message = findMessage(request);
  const media = messageMedia(request.ctx.options.authId, request.origin, message, request.ctx.state.media).find(
    (item) => item.media_id === request.pathParams[1],
  );
  if (!media) throw plivoRequestError(404, 'not found', 'media_id');
  return { status: 200, body: { api_id: newApiId(), ...media } };
}

const LIST_FILTERS = [
  'message_direction',
  'message_state',
  'message_type',
  'from_number',
  'to_number',
  'error_code',
  'powerpack_id',
  'message_time',
  'message_time__gt',
  'message_time__gte',
  'message_time__lt',
  'message_time__lte',
] as const;

const ALLOWED_VALUES: Readonly<Partial<Record<(typeof LIST_FILTERS)[number], readonly string[]>>> = {
  message_direction: ['inbound', 'outbound'],
  message_state: ['queued', 'sent', 'failed', 'delivered', 'undelivered', 'rejected', 'received', 'read'],
  message_type: ['sms', 'mms', 'whatsapp'],
};

type Predicate = (message: SandboxMessage) => boolean;

function timeFilter(name: string, value: string, compare: (a: number, b: number) => boolean): Predicate {
  const at = parseFilterTime(value);
  if (at === undefined) {
    throw plivoRequestError(400, `${name} should be a UTC time as YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`, name);
  }
  return (message) => compare(message.createdAt, at);
}

function listPredicates(request: ApiRequest): Predicate[] {
  const { params } = request;
  const predicates: Predicate[] = [];
  const equals = (name: (typeof LIST_FILTERS)[number], pick: (message: SandboxMessage) => string | null): void => {
    const value = readFilter(params, name);
    if (value === undefined) return;
    const allowed = ALLOWED_VALUES[name];
    if (allowed && !allowed.includes(value)) {
      throw plivoRequestError(400, `${name} should be one of ${allowed.join(', ')}`, name);
    }
    predicates.push((message) => pick(message) === value);
  };
  const digits = (value: string | null): string | null => (value === null ? null : value.replace(/^\+/, ''));
  equals('message_direction', (message) => message.direction);
  equals('message_state', (message) => message.status);
  equals('message_type', (message) => message.type);
  equals('error_code', (message) => message.errorCode);
  equals('powerpack_id', (message) => message.powerpackUuid);
  const from = readFilter(params, 'from_number');
  if (from !== undefined) predicates.push((message) => message.src === digits(from));
  const to = readFilter(params, 'to_number');
  if (to !== undefined) predicates.push((message) => message.dst === digits(to));

  let timeFiltered = false;
  const time = (name: (typeof LIST_FILTERS)[number], compare: (a: number, b: number) => boolean): void => {
    const value = readFilter(params, name);
    if (value === undefined) return;
    timeFiltered = true;
    predicates.push(timeFilter(name, value, compare));
  };
  time('message_time__gt', (a, b) => a > b);
  time('message_time__gte', (a, b) => a >= b);
  time('message_time__lt', (a, b) => a < b);
  time('message_time__lte', (a, b) => a <= b);
  // `message_time` alone matches the whole second (or minute) it names.
  const exact = readFilter(params, 'message_time');
  if (exact !== undefined) {
    timeFiltered = true;
    const start = parseFilterTime(exact);
    if (start === undefined) throw plivoRequestError(400, 'message_time should be a UTC time as YYYY-MM-DD HH:MM[:ss]', 'message_time');
    const span = /:\d{2}:\d{2}/.test(exact) ? 1000 : 60_000;
    predicates.push((message) => message.createdAt >= start && message.createdAt < start + span);
  }
  // Plivo lists the last 24 hours unless a time filter says otherwise.
  if (!timeFiltered) {
    const since = Date.now() - DAY_MS;
    predicates.push((message) => message.createdAt >= since);
  }
  return predicates;
}

export function listMessages(request: ApiRequest): Reply {
  const { limit, offset } = readPaging(request.params);
  const predicates = listPredicates(request);
  const { state, options } = request.ctx;
  const matches: SandboxMessage[] = [];
  // Newest first, like Plivo.
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const message = state.messages[i];
    if (message && inMessageApi(message) && predicates.every((predicate) => predicate(message))) matches.push(message);
  }
  const path = `${accountPath(options.authId)}Message/`;
  return {
    status: 200,
    body: {
      api_id: newApiId(),
      meta: listMeta(path, givenFilters(request.params, LIST_FILTERS), limit, offset, matches.length),
      objects: matches.slice(offset, offset + limit).map((message) => messageRecord(options.authId, message)),
    },
  };
}
