// The one door the hosts use: everything public in @textbridge/core is exported here.
export * from './errors.js';
export * from './encoding/index.js';
export * from './webhooks/index.js';
export * from './plivo/index.js';
export * from './send/index.js';
export * from './sandbox/index.js';
export * from './integration/index.js';
