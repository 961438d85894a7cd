// Turns Plivo's non-2xx answers into TextbridgeErrors (tables in error-texts.ts) and keeps credentials out of every
// error core builds from a server answer or a transport failure.
import { TextbridgeError, createRedactor, redactSecrets } from '../errors/index.js';
import type { TextbridgeErrorCode } from '../errors/codes.js';
import type { TransportResponse } from '../transport/index.js';
import {
  FORBIDDEN_ELSEWHERE,
  FORBIDDEN_ELSEWHERE_HINT,
  FORBIDDEN_ON_SEND,
  HTTP_REASONS,
  PLIVO_ERROR_TEXT_RULES,
  PLIVO_STATUS_CODES,
  type PlivoErrorTextRule,
} from './error-texts.js';
import { parseRetryAfter } from './retry.js';

export interface ErrorContext {
  /** Names the call in messages, e.g. "Send message". */
  operation: string;
  /** True for calls that reach a destination country, where a 403 means geo permissions. */
  reachesDestination: boolean;
  secrets: readonly string[];
  /** Rules of this operation only, tried before the general ones (e.g. why a verification code was refused). */
  textRules?: readonly PlivoErrorTextRule[];
}

interface PlivoErrorBody {
  apiId?: string;
  text?: string;
}

const MAX_ERROR_TEXT = 500;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Plivo's `error` is usually text, sometimes `{field: [messages]}`; lookup uses `message`. */
function flattenErrorText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return value.map(flattenErrorText).filter(Boolean).join('; ') || undefined;
  const record = asRecord(value);
  if (!record) return undefined;
  const parts = Object.entries(record).map(([key, inner]) => {
    const text = flattenErrorText(inner);
    return text ? `${key}: ${text}` : undefined;
  });
  return parts.filter(Boolean).join('; ') || undefined;
}

export function readErrorBody(body: string): PlivoErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Proxies answer with HTML or plain text; keep short plain text, drop markup.
    const plain = body.trim();
    return plain && plain.length <= MAX_ERROR_TEXT && !plain.startsWith('<') ? { text: plain } : {};
  }
  const record = asRecord(parsed);
  if (!record) return {};
  const result: PlivoErrorBody = {};
  if (typeof record.api_id === 'string') result.apiId = record.api_id;
  const text = flattenErrorText(record.error) ?? flattenErrorText(record.message);
  if (text) result.text = text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
  return result;
}

function codeFor(status: number, text: string | undefined, context: ErrorContext): TextbridgeErrorCode {
  if (text) {
    const rules = [...(context.textRules ?? []), ...PLIVO_ERROR_TEXT_RULES];
    const rule = rules.find((r) => r.statuses.includes(status) && r.pattern.test(text));
    if (rule) return rule.code;
  }
  if (status === 403) return context.reachesDestination ? FORBIDDEN_ON_SEND : FORBIDDEN_ELSEWHERE;
  if (status >= 500) return 'PLIVO_SERVER_ERROR';
  return PLIVO_STATUS_CODES[status] ?? (status >= 400 ? 'INVALID_REQUEST' : 'INVALID_RESPONSE');
}

/** Maps a non-2xx answer. Retry-After is read on 429 and 503, the answers that invite a later retry. */
export function mapHttpError(response: TransportResponse, context: ErrorContext): TextbridgeError {
  const { status } = response;
  const body = readErrorBody(response.body);
  const text = body.text === undefined ? undefined : redactSecrets(body.text, context.secrets);
  const code = codeFor(status, text, context);
  const reason = HTTP_REASONS[status];
  const answered = `Plivo answered ${status}${reason ? ` ${reason}` : ''}`;
  const message = `${context.operation} failed: ${answered}${text ? `: ${JSON.stringify(text)}` : ''}.`;
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers['retry-after']) : undefined;
  return new TextbridgeError(code, redactSecrets(message, context.secrets), {
    status,
    ...(body.apiId === undefined ? {} : { apiId: body.apiId }),
    ...(text === undefined ? {} : { plivoError: text }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(status === 403 && code === FORBIDDEN_ELSEWHERE ? { hint: FORBIDDEN_ELSEWHERE_HINT } : {}),
  });
}

export interface RewriteOptions {
  code?: TextbridgeErrorCode;
  message?: string;
  hint?: string;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

/**
 * Rebuilds an error with its message, Plivo text, details and cause free of the given secrets, optionally changing
 * its code, message, hint or adding details. (The client's own redactor, in createPlivoClient, still checks every
 * error on its way out: this keeps the rebuilt error clean for the retry logic in between.)
 */
export function rewriteError(error: TextbridgeError, secrets: readonly string[], changes: RewriteOptions = {}): TextbridgeError {
  const redactor = createRedactor(secrets);
  const code = changes.code ?? error.code;
  const details = changes.details || error.details ? { ...error.details, ...changes.details } : undefined;
  const hint = changes.hint ?? (changes.code && changes.code !== error.code ? undefined : error.hint);
  const cause = (error as { cause?: unknown }).cause;
  return new TextbridgeError(code, redactor.text(changes.message ?? error.message), {
    ...(hint === undefined ? {} : { hint: redactor.text(hint) }),
    ...(error.field === undefined ? {} : { field: redactor.text(error.field) }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.apiId === undefined ? {} : { apiId: redactor.text(error.apiId) }),
    ...(error.plivoError === undefined ? {} : { plivoError: redactor.text(error.plivoError) }),
    ...((changes.retryAfterMs ?? error.retryAfterMs) === undefined
      ? {}
      : { retryAfterMs: changes.retryAfterMs ?? error.retryAfterMs }),
    ...(details === undefined ? {} : { details: redactor.value(details) }),
    ...(cause === undefined ? {} : { cause: redactor.value(cause) }),
  });
}
