// analyzeMessage: the analysis of one SMS text (analyze-text.ts), of the text smart encoding would send when asked.
import { analyzeText } from './analyze-text.js';
import { DEFAULT_SETTINGS, requireText, resolveAnalyzeOptions } from './options.js';
import { smartEncodeText } from './smart.js';
import type { AnalyzeOptions, MessageAnalysis, SmartEncodingReport } from './types.js';

/**
 * Analyses an SMS text. Throws TextbridgeError INVALID_TEXT when `text` is not a string and INVALID_INPUT for a bad
 * option; never throws for a string with valid options.
 */
export function analyzeMessage(text: unknown, options?: AnalyzeOptions): MessageAnalysis {
  const input = requireText(text);
  const settings = options === undefined ? DEFAULT_SETTINGS : resolveAnalyzeOptions(options);
  if (settings.smartMode === undefined) return analyzeText(input, settings);

  const { result: smart, original: measured, sent: chosen } = smartEncodeText(input, settings.smartMode, settings);
  const sent = chosen ?? analyzeText(smart.text, settings);
  const original = smart.applied ? (measured ?? analyzeText(input, settings)) : sent;
  const report: SmartEncodingReport = {
    applied: smart.applied,
    mode: smart.mode,
    replacements: smart.replacements,
    declined: smart.declined,
    savedSegments: original.segmentCount - sent.segmentCount,
    unconvertible: smart.unconvertible,
  };
  return { ...sent, smartEncoding: report };
}

