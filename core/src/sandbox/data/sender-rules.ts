// Data module: where Plivo refuses an alphanumeric sender ID (carrier regulation; Plivo's docs name the US, Canada and
// Brazil), and the text of its refusal. Used by the sandbox's send endpoint.
export const ALPHANUMERIC_SENDER_BARRED_COUNTRIES: readonly string[] = ['US', 'CA', 'BR'];

/** Plivo's answer when `src` is not a sender the account may use. */
export const CALLER_ID_NOT_ALLOWED = 'This caller ID is not allowed for outbound message';
