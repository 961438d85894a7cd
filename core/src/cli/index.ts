// Barrel for core/src/cli: the `textbridge` command line (bin/textbridge.ts), kept out of the root barrel.
export { parseTextbridgeArgs, type TextbridgeCommand } from './args.js';
export { credentialsFromEnv } from './credentials.js';
export { formatAnalysis, formatLookup, formatSendOutput, formatWiringRepair, formatWiringTable } from './format.js';
export { runTextbridgeCli, type CliIo } from './run.js';
export { TEXTBRIDGE_USAGE } from './usage.js';
