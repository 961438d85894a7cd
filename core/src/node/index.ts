// `@textbridge/core/node`: what only a program running on Node needs — Node's timers and the undici transport.
export { systemClock } from './system-clock.js';
export { createUndiciTransport, type UndiciTransport, type UndiciTransportOptions } from './undici-transport.js';
export {
  createPlivoClient,
  createRateLimiter,
  sendBulk,
  sendBulkStream,
  type NodePlivoClientOptions,
} from './defaults.js';
