// Barrel for core/src/integration: host-agnostic glue both hosts (n8n, Zapier) call.
export {
  registerInboundWebhook,
  isInboundWebhookRegistered,
  unregisterInboundWebhook,
  UNLINK_APP_ID,
  type InboundWebhookRegistration,
  type RegisterInboundWebhookOptions,
  type UnregisterInboundWebhookOptions,
} from './inbound-webhook.js';
export {
  isStatusCallbackRegistered,
  listStatusCallbacks,
  registerStatusCallback,
  resolveStatusCallback,
  unregisterStatusCallback,
  type RegisterStatusCallbackOptions,
  type StatusCallbackTarget,
} from './status-callbacks.js';
export {
  appNameForUrl,
  checkNumberWiring,
  isInboundTextbridgeAppName,
  isStatusCallbackAppName,
  STATUS_APP_PREFIX,
  repairNumberWiring,
  sameWebhookUrl,
  textbridgeAppName,
  TEXTBRIDGE_APP_PREFIX,
  type CheckNumberWiringOptions,
  type NumberWiring,
  type RepairNumberWiringOptions,
  type WiringRepair,
  type WiringStatus,
} from './number-wiring.js';
export {
  calledWebhookUrl,
  handlePlivoWebhook,
  type HandlePlivoWebhookInput,
  type HandlePlivoWebhookResult,
  type WebhookKind,
} from './webhook-request.js';
export {
  createAuthTokenCache,
  DEFAULT_AUTH_TOKEN_CACHE_ENTRIES,
  DEFAULT_AUTH_TOKEN_MAX_AGE_MS,
  type AuthTokenCache,
  type AuthTokenCacheOptions,
} from './auth-token-cache.js';
export { matchesWebhookFilter, type WebhookFilter } from './filters.js';
export { summarizeSendOutputs, toSendOutput, type SendOutput, type SendOutputStatus, type SendSummary } from './send-output.js';
export { RECIPIENT_SEPARATORS, splitRecipients, splitUrls, URL_SEPARATORS } from './lists.js';
export { toMessageOutput, type MessageOutput } from './message-output.js';
export { accountNumberForms, type AccountNumberForms } from './account-number.js';
export { clientCredentials, credentialLabel, plivoOrigins, readPlivoCredentials, type PlivoCredentials } from './credentials.js';
export {
  checkVerificationCodeOutcome,
  toSendCodeOutput,
  toVerificationSessionOutput,
  VERIFICATION_REFUSALS,
  type CheckCodeOutput,
  type SendCodeOutput,
  type VerificationSessionOutput,
} from './verification-output.js';
export {
  summarizeDelivery,
  UNKNOWN_COUNTRY,
  type CountryTotal,
  type DeliveryReport,
  type ErrorCodeTotal,
  type ReportedMessage,
  type SegmentTotal,
  type TimeToDelivered,
} from './delivery-report.js';
export {
  buildDeliveryReport,
  type DeliveryReportLabels,
  type DeliveryReportOptions,
  type DeliveryReportOutput,
  type DeliveryReportQuery,
} from './delivery-report-query.js';
export { createDecimalSum, type DecimalSum } from './decimal-sum.js';
