// `GET /v1/Number/{number}?type=carrier` — the Lookup API (lookup.plivo.com on the real service; no trailing slash).
// Errors use Lookup's own shape: {"api_id", "error_code", "message"}.
import type { ApiRequest } from '../context.js';
import type { Reply } from '../http.js';
import { ISO3_BY_ISO2 } from '../data/countries.js';
import { carrierNetwork, countryName, parsePlivoNumber } from '../numbers.js';
import { lookupErrorBody, newApiId } from '../shapes.js';

export function lookupNumber(request: ApiRequest): Reply {
  const type = request.url.searchParams.get('type');
  if (type !== 'carrier') {
    return { status: 400, body: lookupErrorBody(400, 'type parameter is required and must be carrier.') };
  }
  const raw = request.pathParams[0] ?? '';
  const number = parsePlivoNumber(raw);
  if (!number) return { status: 404, body: lookupErrorBody(404, 'Phone number is invalid or does not exist.') };
  const network = carrierNetwork(number);
  return {
    status: 200,
    body: {
      api_id: newApiId(),
      phone_number: number.e164,
      country: {
        name: countryName(number.countryIso2),
        iso2: number.countryIso2,
        iso3: ISO3_BY_ISO2[number.countryIso2] ?? '',
      },
      format: {
        e164: number.e164,
        national: number.national,
        international: number.international,
        rfc3966: number.rfc3966,
      },
      carrier: {
        mobile_country_code: network.mcc,
        mobile_network_code: network.mnc,
        name: network.name,
        type: network.type,
        ported: network.ported,
      },
      resource_uri: `/v1/Number/${number.e164}?type=carrier`,
    },
  };
}
