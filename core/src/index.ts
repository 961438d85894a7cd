// The package root, for programs on Node: everything public in @textbridge/core, with Node-ready factories
// (undici and Node's timers unless given others). Hosts that must not carry timers or undici — the n8n bundles —
// import the subpaths instead (`@textbridge/core/plivo`, `/send`, `/webhooks`, …) and inject their own.
export * from './errors/index.js';
export * from './clock.js';
export * from './phone/index.js';
export * from './transport/index.js';
export * from './encoding/index.js';
export * from './webhooks/index.js';
export * from './plivo/index.js';
export * from './send/index.js';
export * from './sandbox/index.js';
export * from './integration/index.js';
// Explicit exports win over the `export *` above: the root's factories default to Node's transport and timers.
export * from './node/index.js';
export { createPlivoClient, createRateLimiter, sendBulk, sendBulkStream } from './node/index.js';
