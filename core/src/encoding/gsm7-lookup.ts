import { GSM7_BASIC_ROWS, GSM7_EXTENSION } from './gsm7.js';

/**
 * Septets each UTF-16 code unit costs in GSM-7: 1 for the default alphabet, 2 for the extension table (ESC + char),
 * 0 when the character is not GSM-7 at all. Indexed by char code, so the hot loop is one typed-array read per unit.
 */
export const GSM7_COST: Uint8Array = buildCostTable();

/** GSM7_SCAN kinds: what the analysis scan must do with a code unit beyond counting it. */
export const SCAN_NOT_GSM = 0;
/** One septet and nothing else to note: the only kind the scan's fast path sees in most texts. */
export const SCAN_PLAIN = 1;
export const SCAN_EXTENSION = 2;
/** Carriage return: one septet, but CR LF is one character (and one cluster). */
export const SCAN_CR = 3;

/** GSM7_COST folded with the CR case, so the scan tests one byte per unit against SCAN_PLAIN. */
export const GSM7_SCAN: Uint8Array = buildScanTable();

function buildCostTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const row of GSM7_BASIC_ROWS) {
    for (const char of row) if (char !== null) table[char.charCodeAt(0)] = 1;
  }
  for (const char of Object.values(GSM7_EXTENSION)) table[char.charCodeAt(0)] = 2;
  return table;
}

function buildScanTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const cost = GSM7_COST[c]!;
    table[c] = cost === 0 ? SCAN_NOT_GSM : cost === 2 ? SCAN_EXTENSION : SCAN_PLAIN;
  }
  table[13] = SCAN_CR;
  return table;
}

/** True when every code unit of `text` is in the GSM-7 default alphabet or its extension table. */
export function fitsGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (GSM7_COST[text.charCodeAt(i)] === 0) return false;
  return true;
}
