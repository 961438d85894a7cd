// Data module: how the sandbox carrier treats special destination numbers. Matching is on the last digits of the
// destination (E.164 digits); every other destination is delivered. Shown on the virtual phones page too.

export type DeliveryRuleOutcome =
  /** Leaves the queue as `failed` (never sent, not charged). */
  | 'failed'
  /** Goes `queued` -> `sent` -> `undelivered` (the carrier reported a failure). */
  | 'undelivered'
  /** Goes `queued` -> `sent` and never gets a delivery report. */
  | 'no-report'
  /** Stays `queued` until `message_expiry` runs out, then `failed` with error 420. */
  | 'congested';

export interface DeliveryRule {
  /** The destination number ends with these digits. */
  suffix: string;
  outcome: DeliveryRuleOutcome;
  /** Plivo delivery error code reported with the outcome. */
  errorCode: string | null;
  description: string;
}

export const DELIVERY_RULES: readonly DeliveryRule[] = [
  { suffix: '0920', outcome: 'undelivered', errorCode: '20', description: 'network error' },
  { suffix: '0930', outcome: 'undelivered', errorCode: '30', description: 'spam detected' },
  { suffix: '0950', outcome: 'failed', errorCode: '50', description: 'invalid destination number' },
  { suffix: '0970', outcome: 'undelivered', errorCode: '70', description: 'destination permanently unavailable' },
  { suffix: '0980', outcome: 'undelivered', errorCode: '80', description: 'destination temporarily unavailable' },
  { suffix: '0990', outcome: 'failed', errorCode: '90', description: 'no route available' },
  { suffix: '0999', outcome: 'no-report', errorCode: null, description: 'sent, but no delivery report ever comes' },
  { suffix: '0420', outcome: 'congested', errorCode: '420', description: 'queue congested: expires (message_expiry)' },
];

/** Error code of a message sent to a recipient who texted STOP to the sender. */
export const OPTED_OUT_ERROR_CODE = '200';
/** Error code of a message that spent longer than its `message_expiry` in the queue. */
export const EXPIRED_ERROR_CODE = '420';
/** Error code Plivo reports with a delivered message. */
export const DELIVERED_ERROR_CODE = '000';
