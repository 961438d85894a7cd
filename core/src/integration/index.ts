// Barrel for core/src/integration: host-agnostic glue both hosts (n8n, Zapier) call.
export {
  registerInboundWebhook,
  isInboundWebhookRegistered,
  unregisterInboundWebhook,
  UNLINK_APP_ID,
  type InboundWebhookRegistration,
  type RegisterInboundWebhookOptions,
} from './inbound-webhook.js';
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
export { toSendOutput, type SendOutput, type SendOutputStatus } from './send-output.js';
export { toMessageOutput, type MessageOutput } from './message-output.js';
export { relabelSendError, type SendFieldLabels } from './field-labels.js';
export { accountNumberForms, type AccountNumberForms } from './account-number.js';
