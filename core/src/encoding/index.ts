// Barrel for core/src/encoding: GSM-7 / UCS-2 analysis, segmenting and smart encoding. Dependency-free.
export { analyzeMessage } from './analyze.js';
export { smartEncode } from './smart.js';
export { countGraphemes, isGsm7 } from './text-checks.js';
export { GSM7_SINGLE_CAPACITY, UCS2_SINGLE_CAPACITY, gsm7PartCapacity, ucs2PartCapacity } from './capacity.js';
export { DEFAULT_UDH_OCTETS, PLIVO_MAX_GSM7_CHARACTERS, PLIVO_MAX_UCS2_UNITS } from './limits.js';
export type {
  AnalyzeOptions,
  MessageAnalysis,
  SegmentBoundary,
  SmartEncodeOptions,
  SmartEncodeResult,
  SmartEncodingMode,
  SmartEncodingReport,
  SmartReplacement,
  SmsEncoding,
} from './types.js';
