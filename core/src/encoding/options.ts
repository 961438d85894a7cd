// Input checks of the encoding module: every failure is a TextbridgeError naming the field and the value's kind.
import { TextbridgeError } from '../errors/index.js';
import { gsm7PartCapacity, ucs2PartCapacity } from './capacity.js';
import { DEFAULT_UDH_OCTETS, MAX_UDH_OCTETS, MIN_UDH_OCTETS } from './limits.js';
import type { AnalyzeOptions, SegmentBoundary, SmartEncodeOptions, SmartEncodingMode } from './types.js';

export interface AnalyzeSettings {
  smartMode: SmartEncodingMode | undefined;
  grapheme: boolean;
  udhOctets: number;
  gsm7Part: number;
  ucs2Part: number;
}

const BOUNDARIES: readonly SegmentBoundary[] = ['codeUnit', 'grapheme'];
const MODES: readonly SmartEncodingMode[] = ['all-or-nothing', 'always'];

export const DEFAULT_SETTINGS: AnalyzeSettings = settingsFor(undefined, false, DEFAULT_UDH_OCTETS);
const settingsCache = new Map<number, AnalyzeSettings>([[DEFAULT_UDH_OCTETS * 8, DEFAULT_SETTINGS]]);

export function requireText(text: unknown): string {
  if (typeof text === 'string') return text;
  throw new TextbridgeError('INVALID_TEXT', `text must be a string, got ${kindOf(text)}.`, {
    field: 'text',
    hint: 'Pass the message text as a string (map the field that holds the text, not the whole item).',
  });
}

export function resolveAnalyzeOptions(options: AnalyzeOptions | null | undefined): AnalyzeSettings {
  if (options === undefined || options === null) return DEFAULT_SETTINGS;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw invalidOption('options', options, 'an object such as { boundary: "grapheme" }');
  }
  const { smartEncoding, boundary, udhOctets } = options;
  if (smartEncoding !== undefined && typeof smartEncoding !== 'boolean' && smartEncoding !== 'always') {
    throw invalidOption('smartEncoding', smartEncoding, 'true, false or "always"');
  }
  if (boundary !== undefined && !BOUNDARIES.includes(boundary)) {
    throw invalidOption('boundary', boundary, '"codeUnit" or "grapheme"');
  }
  if (
    udhOctets !== undefined &&
    !(Number.isInteger(udhOctets) && udhOctets >= MIN_UDH_OCTETS && udhOctets <= MAX_UDH_OCTETS)
  ) {
    throw invalidOption(
      'udhOctets',
      udhOctets,
      `a whole number of octets from ${MIN_UDH_OCTETS} to ${MAX_UDH_OCTETS}`,
      'Leave udhOctets at 6 (8-bit concatenation reference) or set 7 for 16-bit references.',
    );
  }
  const smartMode = smartEncoding === 'always' ? 'always' : smartEncoding === true ? 'all-or-nothing' : undefined;
  const grapheme = boundary === 'grapheme';
  const udh = udhOctets ?? DEFAULT_UDH_OCTETS;
  // Few combinations exist; reusing them keeps per-message option handling allocation-free in bulk analysis.
  const key = udh * 8 + (smartMode === undefined ? 0 : smartMode === 'always' ? 4 : 2) + (grapheme ? 1 : 0);
  let settings = settingsCache.get(key);
  if (settings === undefined) settingsCache.set(key, (settings = settingsFor(smartMode, grapheme, udh)));
  return settings;
}

export function resolveSmartMode(options: SmartEncodeOptions | SmartEncodingMode | null | undefined): SmartEncodingMode {
  if (options === undefined || options === null) return 'all-or-nothing';
  if (typeof options === 'string') return requireMode(options);
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw invalidOption('options', options, 'an object such as { mode: "always" }');
  }
  return options.mode === undefined ? 'all-or-nothing' : requireMode(options.mode);
}

function requireMode(mode: unknown): SmartEncodingMode {
  if (MODES.includes(mode as SmartEncodingMode)) return mode as SmartEncodingMode;
  throw invalidOption('mode', mode, '"all-or-nothing" or "always"');
}

function settingsFor(smartMode: SmartEncodingMode | undefined, grapheme: boolean, udhOctets: number): AnalyzeSettings {
  return { smartMode, grapheme, udhOctets, gsm7Part: gsm7PartCapacity(udhOctets), ucs2Part: ucs2PartCapacity(udhOctets) };
}

function invalidOption(field: string, value: unknown, expected: string, hint?: string): TextbridgeError {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value === 'number' ? String(value) : kindOf(value);
  return new TextbridgeError('INVALID_INPUT', `${field} must be ${expected}, got ${shown}.`, {
    field,
    ...(hint === undefined ? {} : { hint }),
  });
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}
