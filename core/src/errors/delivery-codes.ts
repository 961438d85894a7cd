// Plivo's delivery error codes (the `ErrorCode` of status callbacks, `error_code` of message records), as data,
// with a reader that turns any code, known or not, into a readable reason.
//
// `permanent`: true when sending the same message to the same number again will fail the same way until the
// sender or the recipient changes something; false when a later retry can succeed as it is.

export interface DeliveryErrorInfo {
  /** The code as Plivo writes it (`'200'`), `'000'` for "no error". */
  code: string;
  /** A readable reason: what went wrong and why. */
  reason: string;
  permanent: boolean;
}

export const DELIVERY_ERROR_CODES: Readonly<Record<string, { reason: string; permanent: boolean }>> = {
  '10': { reason: 'Invalid message: a downstream carrier rejected the message content.', permanent: true },
  '20': { reason: "Network error: the carrier's network had a temporary problem.", permanent: false },
  '30': { reason: 'Spam detected: a carrier spam filter blocked the message.', permanent: true },
  '40': {
    reason: 'Invalid source number: the sender is badly formatted, not SMS-enabled, or not on this Plivo account.',
    permanent: true,
  },
  '50': {
    reason: 'Invalid destination number: the recipient number is badly formatted or cannot receive SMS.',
    permanent: true,
  },
  '60': { reason: 'Loop detected: the message was bouncing between the same numbers.', permanent: true },
  '70': {
    reason: 'Destination permanently unavailable: the number is inactive or no longer in service.',
    permanent: true,
  },
  '80': {
    reason: 'Destination temporarily unavailable: the phone is off, out of coverage or its inbox is full.',
    permanent: false,
  },
  '90': { reason: 'No route available: no carrier route to this destination.', permanent: true },
  '100': { reason: 'Prohibited by carrier: the carrier does not allow this message or this sender.', permanent: true },
  '110': { reason: "Message too long: the message exceeds the carrier's length limit.", permanent: true },
  '200': {
    reason:
      'Recipient opted out: the recipient replied STOP to this sender and must reply START before receiving again.',
    permanent: true,
  },
  '420': { reason: 'Message expired: it could not be delivered before its expiry time.', permanent: false },
  '450': {
    reason: "Destination country barred: SMS to this country is not enabled in the account's geo permissions.",
    permanent: true,
  },
  '900': { reason: 'Insufficient credit: the Plivo account ran out of credit.', permanent: false },
  '1000': { reason: 'Unknown error: the carrier reported a failure without a reason.', permanent: false },
};

/** Codes meaning "no error": Plivo writes `000` for delivered messages, an empty value when nothing failed. */
const NO_ERROR = /^0*$/;

/** `' 0200 '`, `200` and `'200'` are the same code. */
function normalizeCode(code: unknown): string {
  const text =
    typeof code === 'number' || typeof code === 'bigint' ? String(code) : typeof code === 'string' ? code.trim() : '';
  if (NO_ERROR.test(text)) return '000';
  return /^\d+$/.test(text) ? text.replace(/^0+/, '') : text;
}

/** True when `code` names an actual failure (not `000`, `0`, empty, null or undefined). */
export function isDeliveryError(code: unknown): boolean {
  return normalizeCode(code) !== '000';
}

/** A readable description of any delivery error code; unknown codes still get a reason that names them. */
export function describeDeliveryError(code: unknown): DeliveryErrorInfo {
  const normalized = normalizeCode(code);
  if (normalized === '000')
    return { code: '000', reason: 'No error: the message was not reported as failed.', permanent: false };
  const known = DELIVERY_ERROR_CODES[normalized];
  if (known) return { code: normalized, ...known };
  const shown = normalized.length > 20 ? `${normalized.slice(0, 20)}…` : normalized;
  return {
    code: shown,
    reason: `Plivo error code ${shown}: a code without a published description; see the message's details in the Plivo console.`,
    permanent: false,
  };
}
