// Small public checks over the tables analyzeMessage uses, with the same input validation (INVALID_TEXT).
import { graphemeCount } from './graphemes.js';
import { fitsGsm7 } from './gsm7-lookup.js';
import { requireText } from './options.js';

/** True when every character of `text` is in the GSM-7 alphabet or its extension table. */
export function isGsm7(text: unknown): boolean {
  return fitsGsm7(requireText(text));
}

/** User-perceived characters (extended grapheme clusters) in `text`, as analyzeMessage counts them. */
export function countGraphemes(text: unknown): number {
  return graphemeCount(requireText(text));
}
