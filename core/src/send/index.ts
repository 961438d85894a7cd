// Barrel for core/src/send: the bulk sender, its options and results, the rate limiter, quiet hours.
export * from './rate-limiter.js';
export {
  bulkSendOptionsSchema,
  type SendRequest,
  type BulkSendMessage,
  type BulkProgress,
  type BulkSendOptions,
  type BulkSendClient,
} from './schemas.js';
export { bulkFieldLabels } from './prepare.js';
export type { BulkSendSuccess, BulkSendFailure, BulkSendResult } from './outcomes.js';
export {
  sendBulk,
  sendBulkStream,
  DEFAULT_CONCURRENCY,
  DEFAULT_BATCH_SIZE,
  MAX_RATE_LIMIT_REQUEUES,
  type BulkSendInput,
} from './bulk.js';
export { isSendFailure, type BulkSendHeld, type BulkSendSkipped } from './outcomes.js';
export { quietHoursDecision, DEFAULT_QUIET_HOURS, type QuietHoursDecision, type QuietHoursOptions, type QuietHoursLabels } from './quiet-hours.js';
export { timeZoneOfNumber, checkTimeZone, type TimeZoneSource, type RecipientTimeZone } from './time-zone-of.js';
export type { BulkQuietHours } from './schemas.js';
