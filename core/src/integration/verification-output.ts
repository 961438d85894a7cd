// Verify API results as the flat objects both hosts emit, and the check whose refusals are answers, not failures:
// in a sign-up flow a wrong or expired code is what the workflow branches on, so hosts get `verified: false` with
// the reason (code, message, hint) instead of a failed run. Everything else (credentials, unknown session, network)
// still throws.
import { isTextbridgeError, type TextbridgeErrorCode } from '../errors/index.js';
import { normalizePhoneNumber } from '../phone/index.js';
import type { PlivoClient } from '../plivo/client.js';
import type { CallOptions } from '../plivo/retry.js';
import type { SendVerificationCodeParams } from '../plivo/verify-params.js';
import type { SendVerificationCodeResult, VerificationSession } from '../plivo/verify-schemas.js';

/** The refusals of a check: the person's code did not (or can no longer) verify the session. */
export const VERIFICATION_REFUSALS: readonly TextbridgeErrorCode[] = [
  'VERIFICATION_CODE_WRONG',
  'VERIFICATION_EXPIRED',
  'VERIFICATION_ATTEMPTS_EXCEEDED',
  'VERIFICATION_ALREADY_VERIFIED',
];

export type SendCodeOutput = {
  id: string;
  sessionUuid: string;
  /** E.164. */
  recipient: string;
  channel: string;
  message: string;
  apiId: string;
};

/** What a send answered, with the recipient and channel it was sent to (read from the send's own parameters). */
export function toSendCodeOutput(result: SendVerificationCodeResult, sent: SendVerificationCodeParams): SendCodeOutput {
  return {
    id: result.sessionUuid,
    sessionUuid: result.sessionUuid,
    recipient: normalizePhoneNumber(sent.recipient, sent.defaultCountry, 'recipient'),
    channel: sent.channel ?? 'sms',
    message: result.message,
    apiId: result.apiId,
  };
}

export type CheckCodeOutput = {
  id: string;
  sessionUuid: string;
  verified: boolean;
  /** Null when verified; otherwise why not, e.g. VERIFICATION_CODE_WRONG. */
  reason: TextbridgeErrorCode | null;
  message: string;
  /** What to do next, when not verified. */
  hint: string | null;
};

/** Checks a code; a refusal (wrong, expired, too many checks, already verified) comes back as `verified: false`. */
export async function checkVerificationCodeOutcome(
  client: PlivoClient,
  sessionUuid: string,
  code: string,
  options?: CallOptions,
): Promise<CheckCodeOutput> {
  const id = typeof sessionUuid === 'string' ? sessionUuid.trim() : '';
  try {
    const result = await client.checkVerificationCode(sessionUuid, code, options);
    return { id, sessionUuid: id, verified: true, reason: null, message: result.message, hint: null };
  } catch (error) {
    if (!isTextbridgeError(error) || !VERIFICATION_REFUSALS.includes(error.code)) throw error;
    return { id, sessionUuid: id, verified: false, reason: error.code, message: error.message, hint: error.hint };
  }
}

export type VerificationSessionOutput = {
  id: string;
  sessionUuid: string;
  appUuid: string | null;
  /** E.164. */
  recipient: string;
  status: string;
  /** The channel of the last attempt. */
  channel: string | null;
  locale: string | null;
  /** How many times the code was sent in this session. */
  attempts: number;
  attemptDetails: { attemptUuid: string | null; channel: string | null; status: string | null; time: string | null }[];
  destinationCountry: string | null;
  destinationNetwork: string | null;
  totalCharge: string | null;
  createdAt: string | null;
  updatedAt: string | null;
};

function phoneOrAsWritten(value: string): string {
  try {
    return normalizePhoneNumber(/^\d+$/.test(value) ? `+${value}` : value);
  } catch {
    return value;
  }
}

export function toVerificationSessionOutput(session: VerificationSession): VerificationSessionOutput {
  return {
    id: session.sessionUuid,
    sessionUuid: session.sessionUuid,
    appUuid: session.appUuid,
    recipient: phoneOrAsWritten(session.recipient),
    status: session.status,
    channel: session.channel,
    locale: session.locale,
    attempts: session.count ?? session.attemptDetails.length,
    attemptDetails: session.attemptDetails,
    destinationCountry: session.destinationCountryIso2,
    destinationNetwork: session.destinationNetwork,
    totalCharge: session.charges.totalCharge,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
  };
}
