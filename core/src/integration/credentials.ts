// The Plivo credential as every host stores it (n8n's credential, Zapier's authData, the CLI's environment), read the
// same way: pasted values lose stray whitespace, and "Plivo itself" is always written as no base URL.
import { DEFAULT_PLIVO_API_URL, DEFAULT_PLIVO_LOOKUP_URL } from '../plivo/client.js';

export interface PlivoCredentials {
  authId: string;
  authToken: string;
  /** A sandbox or test double; undefined for Plivo itself, so that lookups keep going to Plivo's Lookup API host. */
  baseUrl: string | undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/**
 * Reads credential fields as a host holds them. Values are trimmed (a token copied from the console often carries a
 * newline; Plivo's IDs and tokens never contain whitespace), the base URL loses trailing slashes, and Plivo's own
 * API URL counts as none. Core's client checks the values themselves.
 */
export function readPlivoCredentials(fields: { authId?: unknown; authToken?: unknown; baseUrl?: unknown } | undefined): PlivoCredentials {
  const baseUrl = text(fields?.baseUrl).replace(/\/+$/, '');
  return {
    authId: text(fields?.authId),
    authToken: text(fields?.authToken),
    baseUrl: baseUrl === '' || baseUrl === DEFAULT_PLIVO_API_URL ? undefined : baseUrl,
  };
}

/** What createPlivoClient takes from the credential. */
export function clientCredentials(credentials: PlivoCredentials): { authId: string; authToken: string; baseUrl?: string } {
  const { authId, authToken, baseUrl } = credentials;
  return baseUrl === undefined ? { authId, authToken } : { authId, authToken, baseUrl };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The origins the client calls with this credential: hosts attach it to requests for these and nowhere else. */
export function plivoOrigins(credentials: PlivoCredentials): Set<string> {
  const urls = credentials.baseUrl === undefined ? [DEFAULT_PLIVO_API_URL, DEFAULT_PLIVO_LOOKUP_URL] : [credentials.baseUrl];
  return new Set(urls.map(originOf).filter((origin): origin is string => origin !== undefined));
}

/** How a connection is shown: "Acme Inc (MAXXXXXXXXXXXXXXXXXX)", or the Auth ID alone. Never the token. */
export function credentialLabel(authId: string, accountName?: string | null): string {
  const name = accountName?.trim();
  return name ? `${name} (${authId})` : authId;
}
