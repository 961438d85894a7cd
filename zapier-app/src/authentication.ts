// The Plivo connection: Auth ID + Auth Token, checked by reading the account. Zapier's `beforeRequest` adds the Basic
// auth header (core's own is dropped by the transport), and only for the origins this connection's client calls.
import { credentialLabel } from '@textbridge/core/integration';
import type { Account } from '@textbridge/core/plivo';
import type { Authentication, Bundle, HttpRequestOptionsWithUrl, ZObject } from 'zapier-platform-core';
import { AUTH_KEYS, credentialsOf, plivoOrigins } from './credentials.js';
import { withZapierErrors } from './errors.js';
import { plivoClientFor } from './transport.js';

/** What the connection test returns: the account behind the credentials, never the token. */
export type ConnectionTestResult = {
  id: string;
  authId: string;
  name: string | null;
  accountType: string | null;
  timezone: string | null;
};

function connectionTestResult(account: Account): ConnectionTestResult {
  return {
    id: account.authId,
    authId: account.authId,
    name: account.name,
    accountType: account.accountType,
    timezone: account.timezone,
  };
}

/** Reads the account (Plivo's cheapest authenticated call): wrong credentials fail here, with Plivo's reason. */
export async function testConnection(z: ZObject, bundle: Bundle): Promise<ConnectionTestResult> {
  return withZapierErrors(z, bundle, async () => connectionTestResult(await plivoClientFor(z, bundle).getAccount()));
}

/** "Acme Inc (MAXXXXXXXXXXXXXXXXXX)", or the Auth ID alone for accounts without a name. */
export async function connectionLabel(_z: ZObject, bundle: Bundle<Partial<ConnectionTestResult>>): Promise<string> {
  const { name, authId } = bundle.inputData;
  return credentialLabel(authId ?? credentialsOf(bundle.authData).authId, name);
}

function urlOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** beforeRequest: exactly one `Authorization: Basic …` header, on requests to this connection's Plivo origins. */
export function addPlivoAuthHeader(
  request: HttpRequestOptionsWithUrl,
  _z: ZObject,
  bundle: Bundle,
): HttpRequestOptionsWithUrl {
  const { authId, authToken } = credentialsOf(bundle.authData);
  const origin = urlOrigin(request.url);
  if (authId === '' || authToken === '' || origin === undefined || !plivoOrigins(bundle.authData).has(origin)) {
    return request;
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'),
  );
  headers.Authorization = `Basic ${Buffer.from(`${authId}:${authToken}`).toString('base64')}`;
  return { ...request, headers };
}

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: AUTH_KEYS.authId,
      label: 'Auth ID',
      type: 'string',
      required: true,
      helpText:
        'Find it on the [Plivo console](https://console.plivo.com/dashboard/) overview page: it starts with **MA** (or **SA** for a subaccount).',
    },
    {
      key: AUTH_KEYS.authToken,
      label: 'Auth Token',
      type: 'password',
      required: true,
      helpText: 'Shown next to the Auth ID on the Plivo console overview page. Zapier keeps it encrypted.',
    },
    {
      key: AUTH_KEYS.baseUrl,
      label: 'API Base URL (advanced)',
      type: 'string',
      required: false,
      helpText:
        'Leave this empty to use Plivo. Only set it to try the app against the offline Textbridge sandbox, e.g. `http://127.0.0.1:4010`.',
    },
  ],
  test: testConnection,
  connectionLabel,
} satisfies Authentication;
