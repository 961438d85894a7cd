// Barrel for core/src/plivo: the Plivo client, its types, the one parse of a send, retry options. The transport seam
// hosts plug into is `@textbridge/core/transport`.
export {
  createPlivoClient,
  DEFAULT_PLIVO_API_URL,
  DEFAULT_PLIVO_LOOKUP_URL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  type PlivoClient,
  type PlivoClientOptions,
} from './client.js';
export {
  checkMediaFiles,
  type CheckedMediaFile,
  type MediaCheckOptions,
  type MediaFile,
  type MediaFileLabels,
} from './media-files.js';
export { PLIVO_MEDIA_LIMITS, PLIVO_MMS_CONTENT_TYPES } from './media-limits.js';
export {
  PLIVO_LIMITS,
  type CreateApplicationParams,
  type ListApplicationsFilters,
  type ListMessagesFilters,
  type ListNumbersFilters,
  type UpdateApplicationParams,
  type UpdateNumberParams,
} from './params.js';
export {
  applicationIdFromPath,
  type Account,
  type AccountNumber,
  type Application,
  type ChangedResult,
  type CreateApplicationResult,
  type ListMeta,
  type Message,
  type MessageDirection,
  type MessageState,
  type MessageType,
  type NumberLookup,
  type Page,
  type SendMessageResult,
} from './schemas.js';
export {
  CORE_SEND_LABELS,
  createSendRequestParser,
  isSendMessageRequest,
  labelSendFields,
  parseSendRequest,
  SEND_FIELDS,
  sendMessageInputSchema,
  withDestinations,
  type SendField,
  type SendLabelledField,
  type SendFieldLabeler,
  type SendMessageInput,
  type SendMessageRequest,
  type SendRequestParseOptions,
  type SendRequestParser,
} from './send-request.js';
export {
  VERIFY_CHANNELS,
  VERIFY_LIMITS,
  VERIFY_SESSION_STATUSES,
  type ListVerificationSessionsFilters,
  type SendVerificationCodeParams,
  type VerifyChannel,
  type VerifySessionStatus,
} from './verify-params.js';
export type {
  CheckVerificationCodeResult,
  SendVerificationCodeResult,
  VerificationAttempt,
  VerificationSession,
} from './verify-schemas.js';
export { DEFAULT_RETRY_OPTIONS, parseRetryAfter, type CallOptions, type RetryInfo, type RetryOptions } from './retry.js';
export { DEFAULT_MAX_RETRY_AFTER_MS, MAX_TIMER_DELAY_MS, describeWait } from './retry-after.js';
export { MESSAGE_STATES, type MessageStateInfo } from './message-states.js';
export { PLIVO_ERROR_TEXT_RULES, VERIFY_CHECK_ERROR_TEXT_RULES, type PlivoErrorTextRule } from './error-texts.js';
export { formatPlivoFilterTime } from './filter-time.js';
