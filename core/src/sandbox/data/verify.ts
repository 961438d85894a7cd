// Data module: how the sandbox's Verify API behaves, as Plivo documents it (Verify API reference and overview): a
// session per recipient lasts the code's expiry and resends the same code on each new send; codes are 4–8 digits;
// a session takes at most 10 checks. Plivo documents no refusal texts for checks, so VERIFY_TEXTS are the sandbox's
// own plain wording (core's VERIFY_CHECK_ERROR_TEXT_RULES reads them, and any wording with the same words).

export const VERIFY_DEFAULTS = {
  /** The default Verify application's code length (Plivo's console default). */
  codeLength: 6,
  codeLengthRange: { min: 4, max: 8 },
  /** How long a code (and its session) stays valid; a Verify application's "code expiry", 10 minutes by default. */
  codeExpirySeconds: 600,
  /** Plivo: "You can attempt no more than 10 validations per session". */
  maxChecksPerSession: 10,
  locale: 'en',
} as const;

/**
 * The account's default Verify application, used when a send names none (on Plivo every account has one). The
 * sandbox accepts any other application UUID as one of the account's Verify applications.
 */
export const DEFAULT_VERIFY_APP_UUID = '7c6b0a3e-5f1d-4c2a-9e8b-0d1f2a3b4c5d';

/** Who the code seems to come from on the virtual phone: Plivo sends Verify texts from its own senders. */
export const VERIFY_SENDER = 'PlivoVerify';

/** Price of a verified session (Plivo charges a validation fee per successful check) and of one attempt by voice. */
export const VERIFY_CHARGES = { validation: '0.00500', voiceAttempt: '0.03300' } as const;

/** The code's text, by channel. A voice call reads the digits one by one; the virtual phone shows what it says. */
export function verifyText(channel: 'sms' | 'voice', code: string, brandName: string | null, appHash: string | null): string {
  const brand = brandName ? `${brandName} ` : '';
  if (channel === 'voice') return `\u{1F4DE} Voice call: Your ${brand}verification code is ${code.split('').join(' ')}.`;
  return `Your ${brand}verification code is ${code}.${appHash ? `\n\n${appHash}` : ''}`;
}

/** A voice attempt reports call states (Plivo: in-progress, ringing, completed), an SMS its message state. */
export function voiceAttemptStatus(messageStatus: string): string {
  if (messageStatus === 'delivered') return 'completed';
  if (messageStatus === 'failed' || messageStatus === 'undelivered') return 'failed';
  return messageStatus === 'queued' ? 'ringing' : 'in-progress';
}

export const VERIFY_TEXTS = {
  wrongCode: 'invalid otp: the code does not match this session',
  expired: 'session expired: send a new code',
  attemptsExceeded: `maximum validation attempts (${VERIFY_DEFAULTS.maxChecksPerSession}) reached for this session`,
  alreadyVerified: 'session already verified',
  validated: 'session validated successfully.',
  initiated: 'Session initiated',
} as const;
