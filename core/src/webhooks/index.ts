// Barrel for core/src/webhooks: receiving Plivo webhooks (body -> signature check -> typed event) and signing
// them (for the sandbox).
export {
  parseWebhookBody,
  DEFAULT_WEBHOOK_MAX_BYTES,
  DEFAULT_WEBHOOK_MAX_DEPTH,
  DEFAULT_WEBHOOK_MAX_KEYS,
  type ParseWebhookBodyInput,
  type ParseWebhookBodyResult,
} from './body.js';
export {
  verifyPlivoSignature,
  signPlivoV2,
  signPlivoV3,
  plivoSignatureHeaders,
  createPlivoNonce,
  type HeaderSource,
  type PlivoSignatureHeadersInput,
  type SignatureCheck,
  type SignatureVersion,
  type SignPlivoV2Input,
  type SignPlivoV3Input,
  type VerifyPlivoSignatureInput,
} from './signature.js';
export { PLIVO_SIGNATURE_HEADERS } from './signature-headers.js';
export {
  createNonceStore,
  DEFAULT_NONCE_MAX_ENTRIES,
  DEFAULT_NONCE_WINDOW_MS,
  type MemoryNonceStore,
  type NonceStore,
  type NonceStoreOptions,
} from './nonce-store.js';
export { defaultNonceStore, nonceKeys, setDefaultNonceStore } from './replay.js';
export {
  parseInboundMessage,
  parseDeliveryStatus,
  type DeliveryStatus,
  type DeliveryStatusEvent,
  type InboundMedia,
  type InboundMessageEvent,
  type WebhookParseResult,
} from './parse.js';
export {
  deliveryStatusParamsSchema,
  inboundMessageParamsSchema,
  type DeliveryStatusParams,
  type InboundMessageParams,
} from './schemas.js';
export { matchOptKeyword, type IntentReading } from './intent.js';
export { OPT_KEYWORDS, IGNORED_OPT_IN_KEYWORDS } from './opt-keywords.js';
export { MESSAGE_INTENTS, type MessageIntent } from './intent-types.js';
export { plivoTimeToIso } from './plivo-time.js';
export { toPlivoParams, type PlivoParams } from './param-values.js';
