// Plivo webhook signatures: verification (V3, else V2 unless V3 is required; constant-time; optional replay
// protection) and the signing side the sandbox uses. The strings being signed are built in ./signed-url.ts; what a
// nonce is spent under, in ./replay.ts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TextbridgeError } from '../errors/index.js';
import { plivoHeaderReader } from './header-lookup.js';
import { hmacSha256Base64 } from './hmac-sha256.js';
import type { HeaderSource } from './header-lookup.js';
import type { NonceStore } from './nonce-store.js';
import { toPlivoParams } from './param-values.js';
import { parseQueryValues } from './query-string.js';
import type { PlivoParams } from './param-values.js';
import { nonceKeys, spendNonceKeysNow } from './replay.js';
import { PLIVO_SIGNATURE_HEADERS as HEADERS } from './signature-headers.js';
import { SIGN_READINGS, VERIFY_READINGS, signingKey, v2SigningTexts, v3SigningTexts } from './signed-url.js';

export type { HeaderSource } from './header-lookup.js';

export type SignatureVersion = 'v3' | 'v2';

export type SignatureCheck =
  | { valid: true; version: SignatureVersion }
  | {
      valid: false;
      reason: string;
      error: TextbridgeError;
      /** True when the request carries no complete signature at all (answer 401), not a wrong one (403). */
      unsigned?: boolean;
    };

export interface VerifyPlivoSignatureInput {
  /** HTTP method of the callback: GET or POST. */
  method: string;
  /** The full URL as Plivo called it (scheme, host, port, path and query), not as a proxy rewrote it. */
  url: string;
  /** The request's parameters: the parsed body for POST, the parsed query for GET (see parseWebhookBody). */
  params?: unknown;
  /** Request headers, any case; Zapier's `Http-X-Plivo-…` names are understood. */
  headers: HeaderSource | unknown;
  /** Auth Token of the Plivo account (or of the main account, for `X-Plivo-Signature-Ma-*`). */
  authToken: string;
  /**
   * Refuses a request whose nonce was spent before (a replay), and spends it. Must answer synchronously (e.g.
   * createNonceStore()); handlePlivoWebhook spends in the process-wide store by default and awaits any store.
   */
  nonceStore?: NonceStore;
  /**
   * Refuse requests without a V3 signature. V2 does not cover the parameters: a captured request stripped of its
   * V3 headers carries any text under its V2 signature. Turn on when the account's callbacks carry V3.
   */
  requireV3?: boolean;
}

export interface SignPlivoV2Input {
  url: string;
  nonce: string;
  authToken: string;
}

export interface SignPlivoV3Input {
  method: 'GET' | 'POST';
  url: string;
  params?: PlivoParams;
  nonce: string;
  authToken: string;
}

export interface PlivoSignatureHeadersInput {
  method: 'GET' | 'POST';
  url: string;
  params?: PlivoParams;
  authToken: string;
  /** Default: a new createPlivoNonce(); the same nonce serves V2 and V3. */
  nonce?: string;
  /** Token for the `Ma-` headers when the account is a subaccount. Default: authToken. */
  mainAccountAuthToken?: string;
}

function requireText(value: unknown, field: string, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TextbridgeError(
      'INVALID_INPUT',
      `${field} must be a non-empty string (${what}); got ${value === '' ? 'an empty string' : typeof value}.`,
      { field },
    );
  }
  return value;
}

function requireMethod(value: unknown): 'GET' | 'POST' {
  const method = typeof value === 'string' ? value.toUpperCase() : value;
  if (method !== 'GET' && method !== 'POST') {
    throw new TextbridgeError(
      'INVALID_INPUT',
      `method must be GET or POST (the only methods Plivo calls webhooks with); got ${JSON.stringify(value) ?? typeof value}.`,
      { field: 'method' },
    );
  }
  return method;
}

/** 20 random decimal digits, the shape of Plivo's signature nonces. */
export function createPlivoNonce(): string {
  let digits = '';
  while (digits.length < 20) {
    for (const byte of randomBytes(24)) {
      // Bytes >= 250 are skipped so every digit is equally likely.
      if (byte < 250 && digits.length < 20) digits += String(byte % 10);
    }
  }
  return digits;
}

/** X-Plivo-Signature-V2: HMAC-SHA256 over the URL without its query, then the nonce; base64. */
export function signPlivoV2({ url, nonce, authToken }: SignPlivoV2Input): string {
  const [text] = v2SigningTexts(
    requireText(url, 'url', 'the callback URL'),
    requireText(nonce, 'nonce', 'the signature nonce'),
    SIGN_READINGS,
  );
  return hmacSha256Base64(signingKey(requireText(authToken, 'authToken', 'the Plivo Auth Token')), text!);
}

/** X-Plivo-Signature-V3, computed exactly as Plivo's SDKs verify it. */
export function signPlivoV3({ method, url, params = {}, nonce, authToken }: SignPlivoV3Input): string {
  const [text] = v3SigningTexts(
    requireMethod(method),
    requireText(url, 'url', 'the callback URL'),
    toPlivoParams(params),
    requireText(nonce, 'nonce', 'the signature nonce'),
    SIGN_READINGS,
  );
  return hmacSha256Base64(signingKey(requireText(authToken, 'authToken', 'the Plivo Auth Token')), text!);
}

/** The six signature headers Plivo attaches to a callback, for the sandbox's outgoing webhooks. */
export function plivoSignatureHeaders(input: PlivoSignatureHeadersInput): Record<string, string> {
  const nonce = input.nonce ?? createPlivoNonce();
  const mainToken = input.mainAccountAuthToken ?? input.authToken;
  const v3 = { method: input.method, url: input.url, params: input.params ?? {}, nonce };
  return {
    [HEADERS.v2]: signPlivoV2({ url: input.url, nonce, authToken: input.authToken }),
    [HEADERS.v2Nonce]: nonce,
    [HEADERS.maV2]: signPlivoV2({ url: input.url, nonce, authToken: mainToken }),
    [HEADERS.v3]: signPlivoV3({ ...v3, authToken: input.authToken }),
    [HEADERS.v3Nonce]: nonce,
    [HEADERS.maV3]: signPlivoV3({ ...v3, authToken: mainToken }),
  };
}

function invalid(reason: string, field: string, hint?: string, unsigned = false): SignatureCheck {
  return {
    valid: false,
    reason,
    error: new TextbridgeError('INVALID_SIGNATURE', reason, hint === undefined ? { field } : { field, hint }),
    ...(unsigned ? { unsigned } : {}),
  };
}

function splitSignatures(...values: (string | undefined)[]): string[] {
  const signatures: string[] = [];
  for (const value of values) {
    if (value === undefined) continue;
    if (!value.includes(',')) signatures.push(value.trim());
    else for (const part of value.split(',')) if (part.trim() !== '') signatures.push(part.trim());
  }
  return signatures;
}

function anyMatches(expected: readonly string[], provided: readonly string[]): boolean {
  const wanted = expected.map((signature) => Buffer.from(signature, 'utf8'));
  let matched = false;
  for (const candidate of provided) {
    const given = Buffer.from(candidate, 'utf8');
    for (const want of wanted) {
      // Lengths are public (always 44 for SHA-256 in base64); contents are compared in constant time.
      if (given.length === want.length && timingSafeEqual(given, want)) matched = true;
    }
  }
  return matched;
}

/**
 * True when every param value already appears in the URL's query: the host passed the full GET URL *and* the
 * query parsed from it. Plivo signed the URL's query once, so the params must then not be merged in again.
 */
function paramsRepeatQuery(url: string, params: PlivoParams): boolean {
  const keys = Object.keys(params);
  if (keys.length === 0) return false;
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return false;
  const fragment = url.indexOf('#', queryStart);
  const query = parseQueryValues(url.slice(queryStart + 1, fragment < 0 ? undefined : fragment));
  return keys.every((key) => {
    const queryValues = [...(query.get(key) ?? [])];
    const paramValues = params[key]!;
    for (const value of typeof paramValues === 'string' ? [paramValues] : paramValues) {
      const at = queryValues.indexOf(value);
      if (at < 0) return false;
      queryValues.splice(at, 1);
    }
    return true;
  });
}

function matchesAny(texts: Iterable<string>, authToken: string, signatures: string[]): boolean {
  const key = signingKey(authToken);
  return anyMatches(
    [...texts].map((text) => hmacSha256Base64(key, text)),
    signatures,
  );
}

function checkV3(input: VerifyPlivoSignatureInput, signatures: string[], nonce: string): boolean {
  const method = requireMethod(input.method);
  const params = toPlivoParams(input.params);
  const texts = new Set(v3SigningTexts(method, input.url, params, nonce, VERIFY_READINGS));
  if (method === 'GET' && paramsRepeatQuery(input.url, params)) {
    for (const text of v3SigningTexts(method, input.url, {}, nonce, VERIFY_READINGS)) texts.add(text);
  }
  return matchesAny(texts, input.authToken, signatures);
}

function checkV2(input: VerifyPlivoSignatureInput, signatures: string[], nonce: string): boolean {
  return matchesAny(v2SigningTexts(input.url, nonce, VERIFY_READINGS), input.authToken, signatures);
}

const MISMATCH_HINT =
  'Check the Auth Token, and that the URL is exactly the one Plivo called (scheme, host, port, path and query; behind a proxy use the public URL).';

const V3_REQUIRED_HINT =
  'V3 signatures are required here: turn "Require V3 signatures" off if your Plivo account sends only V2 (messaging callbacks may).';

/** A check, and for a valid one the nonces it carries that Plivo signed: spending them all blocks every replay. */
export interface SignatureVerification {
  check: SignatureCheck;
  /** Nonce header to name in a replay error. */
  nonceField: string;
  nonces: string[];
}

function refused(check: SignatureCheck): SignatureVerification {
  return { check, nonceField: HEADERS.v3Nonce, nonces: [] };
}

function verify(input: VerifyPlivoSignatureInput): SignatureVerification {
  if (typeof input.authToken !== 'string' || input.authToken === '') {
    const reason = 'authToken is missing: a Plivo Auth Token is needed to check webhook signatures.';
    return refused({ valid: false, reason, error: new TextbridgeError('INVALID_INPUT', reason, { field: 'authToken' }) });
  }
  if (typeof input.url !== 'string' || input.url === '') {
    const reason = 'url is missing: pass the full URL Plivo called, including its query.';
    return refused({ valid: false, reason, error: new TextbridgeError('INVALID_INPUT', reason, { field: 'url' }) });
  }
  const header = plivoHeaderReader(input.headers);
  const v2Signatures = splitSignatures(header(HEADERS.v2), header(HEADERS.maV2));

  const v3Signatures = splitSignatures(header(HEADERS.v3), header(HEADERS.maV3));
  if (v3Signatures.length > 0) {
    const nonce = header(HEADERS.v3Nonce);
    if (nonce === undefined) {
      return refused(invalid(`${HEADERS.v3} is present but ${HEADERS.v3Nonce} is missing.`, HEADERS.v3Nonce, undefined, true));
    }
    const method = typeof input.method === 'string' ? input.method.toUpperCase() : '';
    if (method !== 'GET' && method !== 'POST') {
      return refused(
        invalid(
          `Plivo signs only GET and POST webhooks; this request's method is ${JSON.stringify(input.method) ?? typeof input.method}.`,
          'method',
        ),
      );
    }
    if (!checkV3(input, v3Signatures, nonce)) {
      return refused(
        invalid(
          `${HEADERS.v3} does not match this request (method, URL, parameters and nonce) with this Auth Token.`,
          HEADERS.v3,
          MISMATCH_HINT,
        ),
      );
    }
    // A V2 nonce of its own that Plivo signed too is spent with the V3 one: stripped of its V3 headers, this request
    // would otherwise pass again on its V2 signature, with any parameters.
    const nonces = [nonce];
    const v2Nonce = header(HEADERS.v2Nonce);
    if (v2Nonce !== undefined && v2Nonce !== nonce && v2Signatures.length > 0 && checkV2(input, v2Signatures, v2Nonce)) {
      nonces.push(v2Nonce);
    }
    return { check: { valid: true, version: 'v3' }, nonceField: HEADERS.v3Nonce, nonces };
  }

  if (input.requireV3 === true) {
    const what = v2Signatures.length > 0 ? `only ${HEADERS.v2}, which does not cover the parameters` : 'no Plivo signature';
    return refused(invalid(`${HEADERS.v3} is required, but the request carries ${what}.`, HEADERS.v3, V3_REQUIRED_HINT, true));
  }

  if (v2Signatures.length > 0) {
    const nonce = header(HEADERS.v2Nonce);
    if (nonce === undefined) {
      return refused(invalid(`${HEADERS.v2} is present but ${HEADERS.v2Nonce} is missing.`, HEADERS.v2Nonce, undefined, true));
    }
    if (!checkV2(input, v2Signatures, nonce)) {
      return refused(invalid(`${HEADERS.v2} does not match this URL and nonce with this Auth Token.`, HEADERS.v2, MISMATCH_HINT));
    }
    return { check: { valid: true, version: 'v2' }, nonceField: HEADERS.v2Nonce, nonces: [nonce] };
  }

  return refused(
    invalid(`The request has no Plivo signature: neither ${HEADERS.v3} nor ${HEADERS.v2} is present.`, HEADERS.v3, undefined, true),
  );
}

/** The refusal for a request whose nonce was spent before. */
export function replayError(field: string): TextbridgeError {
  const reason =
    'The signature is valid but its nonce was already used: the request is a replay (or a copy of one with its V3 signature removed).';
  return new TextbridgeError('WEBHOOK_REPLAYED', reason, { field });
}

function replayCheck(field: string): SignatureCheck {
  const error = replayError(field);
  return { valid: false, reason: error.message, error };
}

function failed(cause: unknown): SignatureVerification {
  const error =
    cause instanceof TextbridgeError
      ? cause
      : new TextbridgeError('INVALID_SIGNATURE', 'The webhook signature could not be checked: the request is malformed.', { cause });
  return refused({ valid: false, reason: error.message, error });
}

/**
 * Checks the signature and says which nonces a valid request spends, without spending them: for
 * handlePlivoWebhook, which spends them in possibly asynchronous stores. Never throws.
 */
export function verifyPlivoSignatureNonces(input: VerifyPlivoSignatureInput): SignatureVerification {
  try {
    if (input === null || typeof input !== 'object') {
      const reason = 'verifyPlivoSignature needs an object with method, url, params, headers and authToken.';
      return refused({ valid: false, reason, error: new TextbridgeError('INVALID_INPUT', reason, { field: 'input' }) });
    }
    return verify(input);
  } catch (cause) {
    return failed(cause);
  }
}

/**
 * Checks that a webhook was signed by Plivo with this Auth Token: V3 when its header is present (several
 * comma-separated signatures allowed; `Ma-` headers too), else V2 (unless `requireV3`). With a `nonceStore`, a valid
 * request's nonces are spent, and a request whose nonce was spent before is refused as a replay; without one, the
 * check is stateless (handlePlivoWebhook is the receiving path: it always spends). Never throws; a failed check
 * says why.
 */
export function verifyPlivoSignature(input: VerifyPlivoSignatureInput): SignatureCheck {
  const { check, nonces, nonceField } = verifyPlivoSignatureNonces(input);
  if (!check.valid || input.nonceStore === undefined) return check;
  try {
    const spent = spendNonceKeysNow(nonceKeys(input.url, input.authToken, nonces), input.nonceStore);
    return spent.spent ? check : replayCheck(nonceField);
  } catch (cause) {
    return failed(cause).check;
  }
}
