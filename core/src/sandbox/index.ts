// Barrel for core/src/sandbox: an offline, Plivo-compatible SMS carrier on localhost.
//
// startSandbox() serves, on one origin: Plivo's REST API (/v1/Account/{authId}/ Message, Number, Application, with
// Basic auth, Plivo's status codes and error bodies, rate limits; Verify/Session sends codes to the virtual phones
// from Plivo's Verify sender and checks them, routes/verify.ts), the Lookup API (/v1/Number/{n}?type=carrier), the
// virtual phones page (/), and sandbox-only endpoints (/__sandbox/state, /reset, /inbound, /events as SSE).
// Accepted messages go queued -> sent -> delivered, or fail by the destination rules in data/delivery-rules.ts
// (e.g. …0950 fails with 50, …0970 is undelivered with 70, a STOP'd pair fails with 200, …0420 expires with 420),
// with signed (V2 + V3) status callbacks retried like Plivo. Fault injection semantics are in faults.ts; keyword
// handling (STOP/HELP/START per country, as Plivo's carrier side does it) in keywords.ts. With `dataDir`, the state
// survives restarts (state-store.ts, state-snapshot.ts). Every accepted message is in `sandbox.state.messages`
// exactly once. CLI: textbridge-sandbox (bin/).
export { startSandbox, type Sandbox } from './server.js';
export {
  SANDBOX_DEFAULT_AUTH_ID,
  SANDBOX_DEFAULT_AUTH_TOKEN,
  SANDBOX_DEFAULT_NUMBERS,
  sandboxOptionsSchema,
  type ResolvedSandboxOptions,
  type SandboxFaultOptions,
  type SandboxKeywordSettings,
  type SandboxNumberInput,
  type SandboxOptions,
} from './options.js';
export {
  SandboxState,
  type CallbackAttempt,
  type FaultCounts,
  type MessageDirection as SandboxMessageDirection,
  type MessageOrigin as SandboxMessageOrigin,
  type MessageStatus as SandboxMessageStatus,
  type RequestCounts,
  type SandboxApplication,
  type SandboxMessage,
  type SandboxNumber,
  type SandboxOptOut,
  type SandboxVerifyAttempt,
  type SandboxVerifySession,
} from './state.js';
export { SandboxEventBus, type SandboxEvent, type SandboxEventListener, type SandboxEventType } from './events.js';
export { DELIVERY_RULES, type DeliveryRule, type DeliveryRuleOutcome } from './data/delivery-rules.js';
export {
  CARRIER_KEYWORD_COUNTRIES,
  CARRIER_KEYWORD_REPLIES,
  OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS,
  type KeywordHandling,
} from './data/keywords.js';
export { SAVED_MESSAGE_LIMIT, SAVED_VERIFY_SESSION_LIMIT, STATE_FORMAT, STATE_VERSION } from './state-snapshot.js';
export { DEFAULT_VERIFY_APP_UUID, VERIFY_DEFAULTS, VERIFY_SENDER, VERIFY_TEXTS } from './data/verify.js';
export { STATE_FILE_NAME } from './state-store.js';
export { LOCK_FILE_NAME } from './data-dir-lock.js';
