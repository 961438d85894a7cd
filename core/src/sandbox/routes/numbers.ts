// `…/Number/`: the account's numbers — list with Plivo's filters, get one, update (`app_id`, `alias`) and unrent.
import type { ApiRequest } from '../context.js';
import { plivoRequestError, type Reply } from '../http.js';
import { givenFilters, readFilter, readPaging } from '../list-params.js';
import { countryName, parsePlivoNumber } from '../numbers.js';
import { accountPath, listMeta, newApiId, numberRecord } from '../shapes.js';
import type { SandboxNumber } from '../state.js';

const NUMBER_TYPES: Readonly<Record<string, SandboxNumber['numberType'][]>> = {
  local: ['local'],
  fixed: ['local'],
  national: ['local'],
  tollfree: ['tollfree'],
  mobile: ['mobile'],
};

const SERVICES: Readonly<Record<string, (number: SandboxNumber) => boolean>> = {
  sms: (number) => number.smsEnabled,
  mms: (number) => number.mmsEnabled,
  voice: (number) => number.voiceEnabled,
};

function findNumber(request: ApiRequest): SandboxNumber {
  const raw = request.pathParams[0] ?? '';
  const digits = parsePlivoNumber(raw)?.digits ?? raw.replace(/^\+/, '');
  const number = request.ctx.state.numbers.get(digits);
  if (!number) throw plivoRequestError(404, 'not found', 'number');
  return number;
}

function record(request: ApiRequest, number: SandboxNumber): Record<string, unknown> {
  return numberRecord(request.ctx.options.authId, number, countryName(number.countryIso2));
}

export function getNumber(request: ApiRequest): Reply {
  return { status: 200, body: { api_id: newApiId(), ...record(request, findNumber(request)) } };
}

export function updateNumber(request: ApiRequest): Reply {
  const number = findNumber(request);
  const { params } = request;
  const { state } = request.ctx;
  let appId = number.appId;
  if ('app_id' in params) {
    const raw = params.app_id;
    if (raw === null || raw === '' || raw === 'null') {
      appId = null;
    } else if (typeof raw === 'string' || typeof raw === 'number') {
      appId = String(raw);
      if (!state.applications.has(appId)) throw plivoRequestError(404, 'application not found', 'app_id');
    } else {
      throw plivoRequestError(400, 'app_id should be an application id', 'app_id');
    }
  }
  const alias = readFilter(params, 'alias');
  number.appId = appId;
  if (alias !== undefined) number.alias = alias;
  return { status: 202, body: { api_id: newApiId(), message: 'changed' } };
}

/** `DELETE …/Number/{n}/`: the number leaves the account (204); sending from it is refused from then on. */
export function unrentNumber(request: ApiRequest): Reply {
  const number = findNumber(request);
  request.ctx.state.numbers.delete(number.number);
  return { status: 204 };
}

export function listNumbers(request: ApiRequest): Reply {
  const { limit, offset } = readPaging(request.params);
  const { params } = request;
  const type = readFilter(params, 'type');
  const allowedTypes = type === undefined ? undefined : NUMBER_TYPES[type];
  if (type !== undefined && !allowedTypes) {
    throw plivoRequestError(400, `type should be one of ${Object.keys(NUMBER_TYPES).join(', ')}`, 'type');
  }
  const startsWith = readFilter(params, 'number_startswith')?.replace(/^\+/, '');
  const alias = readFilter(params, 'alias');
  const services = (readFilter(params, 'services') ?? '')
    .split(',')
    .map((service) => service.trim().toLowerCase())
    .filter((service) => service !== '');
  for (const service of services) {
    if (!SERVICES[service]) throw plivoRequestError(400, `services should list sms, mms or voice`, 'services');
  }
  const matches = [...request.ctx.state.numbers.values()].filter(
    (number) =>
      (allowedTypes === undefined || allowedTypes.includes(number.numberType)) &&
      (startsWith === undefined || number.number.startsWith(startsWith)) &&
      (alias === undefined || number.alias === alias) &&
      services.every((service) => SERVICES[service]?.(number) === true),
  );
  const path = `${accountPath(request.ctx.options.authId)}Number/`;
  const filters = givenFilters(params, ['type', 'number_startswith', 'alias', 'services']);
  return {
    status: 200,
    body: {
      api_id: newApiId(),
      meta: listMeta(path, filters, limit, offset, matches.length),
      objects: matches.slice(offset, offset + limit).map((number) => record(request, number)),
    },
  };
}
