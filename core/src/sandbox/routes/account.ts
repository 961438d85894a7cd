// `GET /v1/Account/{id}/`: the account's details (what credential tests call); `POST` changes name, address, city,
// state or timezone (202 "changed"), as the official SDKs' `accounts.update()` does.
import { z } from 'zod/v4';
import type { ApiRequest } from '../context.js';
import { plivoRequestError, type Reply } from '../http.js';
import { accountRecord, newApiId } from '../shapes.js';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const detail = z.string({ error: 'should be text' }).max(255, 'should be at most 255 characters');
const accountParamsSchema = z.object({
  name: detail.min(1, 'should not be empty').optional(),
  address: detail.optional(),
  city: detail.optional(),
  state: detail.optional(),
  timezone: z.string({ error: 'should be text' }).refine(isTimeZone, 'should be an IANA time zone such as America/New_York').optional(),
});

export function getAccount(request: ApiRequest): Reply {
  const { options, startedAt, state } = request.ctx;
  return { status: 200, body: accountRecord(options.authId, startedAt, state.account) };
}

export function updateAccount(request: ApiRequest): Reply {
  const parsed = accountParamsSchema.safeParse(request.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'request');
    throw plivoRequestError(400, `${field} ${issue?.message ?? 'is invalid'}`, field);
  }
  const { account } = request.ctx.state;
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) account[key as keyof typeof account] = value;
  }
  return { status: 202, body: { api_id: newApiId(), message: 'changed' } };
}
