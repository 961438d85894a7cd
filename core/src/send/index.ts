// Barrel for core/src/send. phone.ts is re-exported here because the root barrel is fixed.
export * from '../phone.js';
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
