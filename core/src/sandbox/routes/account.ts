// `GET /v1/Account/{id}/`: the account's details (what credential tests call).
import type { ApiRequest } from '../context.js';
import type { Reply } from '../http.js';
import { accountRecord } from '../shapes.js';

export function getAccount(request: ApiRequest): Reply {
  return { status: 200, body: accountRecord(request.ctx.options.authId, request.ctx.startedAt) };
}
