import { ERROR_HINTS, INPUT_ERROR_CODES, type TextbridgeErrorCode } from './codes.js';

export { ERROR_CODES, ERROR_HINTS, INPUT_ERROR_CODES, type TextbridgeErrorCode } from './codes.js';
export { describeDeliveryError, isDeliveryError, DELIVERY_ERROR_CODES, type DeliveryErrorInfo } from './delivery-codes.js';
export {
  createRedactor,
  credentialSecrets,
  redactError,
  redactSecrets,
  withRedactedErrors,
  type Redactor,
  type SecretList,
} from './redaction.js';

export interface TextbridgeErrorOptions {
  /** Overrides the default hint for the code. */
  hint?: string;
  /** The input field (or parameter path) that was wrong, e.g. `dst` or `messages[3].text`. */
  field?: string;
  /** HTTP status of Plivo's answer, when there was one. */
  status?: number;
  /** Plivo's `api_id` for support tickets. */
  apiId?: string;
  /** Plivo's own error text, verbatim. */
  plivoError?: string;
  /** For RATE_LIMITED: how long to wait before retrying. */
  retryAfterMs?: number;
  /** Any extra structured detail (never secrets). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error type core throws. `code` is stable (hosts map it to their own error types);
 * `message` says what was wrong, `hint` what to do. Never carries credentials.
 */
export class TextbridgeError extends Error {
  override readonly name = 'TextbridgeError';
  readonly code: TextbridgeErrorCode;
  readonly hint: string;
  readonly field?: string;
  readonly status?: number;
  readonly apiId?: string;
  readonly plivoError?: string;
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: TextbridgeErrorCode, message: string, options: TextbridgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? ERROR_HINTS[code];
    if (options.field !== undefined) this.field = options.field;
    if (options.status !== undefined) this.status = options.status;
    if (options.apiId !== undefined) this.apiId = options.apiId;
    if (options.plivoError !== undefined) this.plivoError = options.plivoError;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.details !== undefined) this.details = options.details;
  }

  /** Plain, serialisable shape for host outputs (n8n items, Zapier objects, logs). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message, hint: this.hint };
    for (const key of ['field', 'status', 'apiId', 'plivoError', 'retryAfterMs', 'details'] as const) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    return json;
  }
}

export function isTextbridgeError(value: unknown, code?: TextbridgeErrorCode): value is TextbridgeError {
  return value instanceof TextbridgeError && (code === undefined || value.code === code);
}

/**
 * True when the error is about the caller's input, found before Plivo answered: fix the input and try again.
 * (Plivo's own 400 for a bad number carries a status and is Plivo's answer, not an input error of ours.)
 */
export function isInputError(error: unknown): boolean {
  return error instanceof TextbridgeError && error.status === undefined && INPUT_ERROR_CODES.has(error.code);
}
