// What the connection holds (`bundle.authData`) and which origins its credentials may be sent to: Zapier's keys
// mapped onto core's one reading of a Plivo credential.
import { credentialSecrets } from '@textbridge/core/errors';
import { plivoOrigins as originsOf, readPlivoCredentials, type PlivoCredentials } from '@textbridge/core/integration';

/** Keys of the connection fields; `base_url` is only for the Textbridge sandbox or a test double. */
export const AUTH_KEYS = { authId: 'auth_id', authToken: 'auth_token', baseUrl: 'base_url' } as const;

export type { PlivoCredentials };

type AuthData = Record<string, unknown> | undefined;

export function credentialsOf(authData: AuthData): PlivoCredentials {
  return readPlivoCredentials({
    authId: authData?.[AUTH_KEYS.authId],
    authToken: authData?.[AUTH_KEYS.authToken],
    baseUrl: authData?.[AUTH_KEYS.baseUrl],
  });
}

/** The origins the Plivo client calls for this connection: the credentials go to these and nowhere else. */
export function plivoOrigins(authData: AuthData): Set<string> {
  return originsOf(credentialsOf(authData));
}

/** The secrets no output or error may show (core's redactor also removes their URL, JSON and base64 forms). */
export function secretsOf(authData: AuthData): string[] {
  const { authId, authToken } = credentialsOf(authData);
  return credentialSecrets(authId, authToken);
}
