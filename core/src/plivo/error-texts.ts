// Data module: how Plivo's answers map to Textbridge error codes. Plivo signals several distinct problems with the
// same status (400), so its error text decides; the algorithm that applies these tables is in error-mapping.ts.
import type { TextbridgeErrorCode } from '../errors/codes.js';

export interface PlivoErrorTextRule {
  /** Matched case-insensitively against Plivo's `error` (or lookup's `message`) text. */
  pattern: RegExp;
  code: TextbridgeErrorCode;
  /** HTTP statuses the rule applies to. */
  statuses: readonly number[];
}

const CLIENT_ERRORS = [400, 402, 403, 405, 409, 422] as const;

/** First match wins. Texts as Plivo words them, e.g. "'1111111' is not a valid phone number." */
export const PLIVO_ERROR_TEXT_RULES: readonly PlivoErrorTextRule[] = [
  { pattern: /insufficient\s+(credit|balance|funds?)/i, code: 'INSUFFICIENT_CREDIT', statuses: CLIENT_ERRORS },
  { pattern: /exceeds?\b.*\bcharacters/i, code: 'MESSAGE_TOO_LONG', statuses: CLIENT_ERRORS },
  { pattern: /caller id is not allowed/i, code: 'INVALID_SENDER', statuses: CLIENT_ERRORS },
  // Plivo accepts a send to an opted-out number and fails it later (delivery error 200); a refusal that says so is
  // read the same way, so the bulk sender reports the recipient as opted out, not as a failure.
  { pattern: /\bopted[\s-]?out\b|\bunsubscribed\b/i, code: 'RECIPIENT_OPTED_OUT', statuses: CLIENT_ERRORS },
  { pattern: /not a valid phone number|invalid phone numbers?/i, code: 'INVALID_PHONE_NUMBER', statuses: CLIENT_ERRORS },
];

/**
 * Checking a verification code (Verify API): why Plivo refused the code. Plivo documents the limit (10 checks per
 * session) and the statuses (in-progress, verified, expired) but not its refusal texts, so the patterns take the
 * plain words such a refusal must use. They apply to that call only, ahead of the rules above.
 */
export const VERIFY_CHECK_ERROR_TEXT_RULES: readonly PlivoErrorTextRule[] = [
  { pattern: /already\s+(been\s+)?(verified|validated)/i, code: 'VERIFICATION_ALREADY_VERIFIED', statuses: [...CLIENT_ERRORS, 404, 410] },
  {
    pattern: /(max(imum)?|too\s+many|exceed(s|ed)?|limit)\b.*\b(attempts?|validations?|tries)|\b(attempts?|validations?|tries)\b.*\b(exceeded|exhausted|limit)/i,
    code: 'VERIFICATION_ATTEMPTS_EXCEEDED',
    statuses: [...CLIENT_ERRORS, 404, 410, 429],
  },
  { pattern: /\bexpired\b/i, code: 'VERIFICATION_EXPIRED', statuses: [...CLIENT_ERRORS, 404, 410] },
  {
    pattern: /\b(invalid|incorrect|wrong)\s+(otp|code)\b|\b(otp|code)\b.*\b(invalid|incorrect|wrong|does\s+not\s+match|mismatch)/i,
    code: 'VERIFICATION_CODE_WRONG',
    statuses: CLIENT_ERRORS,
  },
];

/** Codes by HTTP status, used when no text rule matched. 403 is decided by the operation (see below). */
export const PLIVO_STATUS_CODES: Readonly<Record<number, TextbridgeErrorCode>> = {
  400: 'INVALID_REQUEST',
  401: 'AUTHENTICATION_FAILED',
  402: 'INSUFFICIENT_CREDIT',
  404: 'NOT_FOUND',
  405: 'INVALID_REQUEST',
  409: 'INVALID_REQUEST',
  422: 'INVALID_REQUEST',
  429: 'RATE_LIMITED',
};

/**
 * A 403 on an operation that reaches a destination country (a send) is Plivo's geo-permission refusal, as the
 * official SDKs read it; elsewhere it means these credentials may not do that.
 */
export const FORBIDDEN_ON_SEND: TextbridgeErrorCode = 'GEO_PERMISSION';
export const FORBIDDEN_ELSEWHERE: TextbridgeErrorCode = 'AUTHENTICATION_FAILED';
export const FORBIDDEN_ELSEWHERE_HINT =
  "These credentials are not allowed to do this: use the main account's Auth ID and Auth Token, or check the subaccount's permissions.";

/** Reason phrases for messages when Plivo's body carries no text. */
export const HTTP_REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
