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
  appNameForUrl,
  checkNumberWiring,
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
export { matchesWebhookFilter, type WebhookFilter } from './filters.js';
export { toSendOutput, type SendOutput, type SendOutputStatus } from './send-output.js';
export { toMessageOutput, type MessageOutput } from './message-output.js';
export { relabelSendError, type SendFieldLabels } from './field-labels.js';
export { accountNumberForms, type AccountNumberForms } from './account-number.js';
