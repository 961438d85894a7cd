// What the connection holds (`bundle.authData`) and which origins its credentials may be sent to.
import { credentialSecrets } from '@textbridge/core/errors';
import { DEFAULT_PLIVO_API_URL, DEFAULT_PLIVO_LOOKUP_URL } from '@textbridge/core/plivo';

/** Keys of the connection fields; `base_url` is only for the Textbridge sandbox or a test double. */
export const AUTH_KEYS = { authId: 'auth_id', authToken: 'auth_token', baseUrl: 'base_url' } as const;

export interface PlivoCredentials {
  authId: string;
  authToken: string;
  /** As entered; core checks it is a bare http(s) origin. Undefined means Plivo itself. */
  baseUrl: string | undefined;
}

type AuthData = Record<string, unknown> | undefined;

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function credentialsOf(authData: AuthData): PlivoCredentials {
  const baseUrl = text(authData?.[AUTH_KEYS.baseUrl]).trim();
  return {
    authId: text(authData?.[AUTH_KEYS.authId]).trim(),
    authToken: text(authData?.[AUTH_KEYS.authToken]).trim(),
    baseUrl: baseUrl === '' ? undefined : baseUrl,
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The origins the Plivo client calls for this connection: the credentials go to these and nowhere else. */
export function plivoOrigins(authData: AuthData): Set<string> {
  const { baseUrl } = credentialsOf(authData);
  const urls = baseUrl === undefined ? [DEFAULT_PLIVO_API_URL, DEFAULT_PLIVO_LOOKUP_URL] : [baseUrl];
  return new Set(urls.map(originOf).filter((origin): origin is string => origin !== undefined));
}

/** The secrets no output or error may show (core's redactor also removes their URL, JSON and base64 forms). */
export function secretsOf(authData: AuthData): string[] {
  const { authId, authToken } = credentialsOf(authData);
  return credentialSecrets(authId, authToken);
}
