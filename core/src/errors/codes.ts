// Data module: every stable error code Textbridge raises, with the one-line hint a non-technical user sees.
// Algorithms live in ../errors.ts; hosts show `hint` next to the message.
export const ERROR_HINTS = {
  INVALID_INPUT: 'Check the highlighted field: it has a value of the wrong kind or shape.',
  INVALID_TEXT: 'Check the message text: it must be a non-empty string without broken characters.',
  MESSAGE_TOO_LONG: 'Shorten the message: Plivo accepts at most 1,600 GSM-7 characters or 737 Unicode characters.',
  INVALID_PHONE_NUMBER:
    'Use a full phone number with its country code, e.g. +14155550100, or set a default country for local numbers.',
  INVALID_SENDER:
    'Use one of your Plivo numbers (with country code), a short code, or an alphanumeric sender ID of at most 11 letters and digits.',
  AUTHENTICATION_FAILED: 'Check the Auth ID and Auth Token in your Plivo credentials (Plivo console > Account > Overview).',
  RATE_LIMITED: 'Plivo is limiting requests: wait a moment and retry, or lower the requests per second.',
  GEO_PERMISSION: "Enable SMS to this destination country in Plivo's console (Messaging > Geo Permissions).",
  INSUFFICIENT_CREDIT: 'Add credit to your Plivo account, then retry.',
  INVALID_REQUEST: 'Plivo rejected the request: check the fields named in the message.',
  NOT_FOUND: 'Check the ID or number: Plivo has no record of it on this account.',
  PLIVO_SERVER_ERROR: 'Plivo had a temporary problem: retry in a few minutes.',
  NETWORK: 'Could not reach Plivo: check the network connection and the API base URL.',
  TIMEOUT: 'Plivo did not answer in time: retry, or raise the timeout.',
  DELIVERY_UNKNOWN:
    'The message may or may not have been sent: check the Plivo message logs before sending it again to avoid a duplicate.',
  INVALID_RESPONSE: 'Plivo answered in an unexpected format: retry, and report it if it persists.',
  INVALID_WEBHOOK: 'The incoming request is not a valid Plivo webhook: check that Plivo is calling this URL.',
  INVALID_SIGNATURE:
    'The request was not signed by Plivo with this account\u2019s Auth Token: check the credential, or ignore it if it was forged.',
  WEBHOOK_REPLAYED:
    'This webhook was already received (its signature nonce was used before): it was ignored as a replay or duplicate.',
  REPLAY_CHECK_FAILED:
    'The store of used webhook nonces did not answer, so the request was refused rather than risk a replay (Plivo retries it): check the shared nonce store.',
  VERIFICATION_CODE_WRONG:
    'The code does not match: ask the person to check the code they received and enter it again (a session allows 10 checks).',
  VERIFICATION_EXPIRED: 'The verification session has expired: send a new code and check that one.',
  VERIFICATION_ATTEMPTS_EXCEEDED:
    'Too many codes were checked against this session: send a new code and check that one.',
  VERIFICATION_ALREADY_VERIFIED:
    'This session was already verified, so the number is confirmed: send a new code only to verify it again.',
  NUMBER_IN_USE:
    'The number already receives SMS for another workflow or Zap. Switch that one off first (it gives the number back), or choose another number.',
  HELD_FOR_QUIET_HOURS:
    'Not sent: it is outside the quiet-hours window in the recipient\'s time zone. Send it again at sendAfter (an n8n Wait node or a Zapier Delay step can wait until then).',
  RECIPIENT_OPTED_OUT:
    'The recipient opted out (replied STOP) of messages from this sender: do not send again unless they reply START.',
  ABORTED: 'The operation was cancelled before it finished.',
  SANDBOX_START_FAILED:
    'The sandbox could not listen on that host and port: pick another port (0 picks a free one) or stop the program using it.',
  SANDBOX_STATE_ERROR:
    "The sandbox's data folder could not be used: the message names the file; fix or move it aside, or pick another folder.",
} as const;

export type TextbridgeErrorCode = keyof typeof ERROR_HINTS;

export const ERROR_CODES = Object.keys(ERROR_HINTS) as TextbridgeErrorCode[];

/**
 * Codes that mean the caller's input was wrong (fix it and try again), as opposed to a failure along the way. Hosts
 * show these as input errors (n8n: NodeOperationError; CLI: exit code 2).
 */
export const INPUT_ERROR_CODES: ReadonlySet<TextbridgeErrorCode> = new Set<TextbridgeErrorCode>([
  'INVALID_INPUT',
  'INVALID_TEXT',
  'INVALID_SENDER',
  'INVALID_PHONE_NUMBER',
  'MESSAGE_TOO_LONG',
]);
