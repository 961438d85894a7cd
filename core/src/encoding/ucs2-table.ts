// One byte per BMP code unit for the UCS-2 scan: its grapheme class (grapheme-classes.ts) plus a bit for "not
// GSM-7", so the scan needs a single typed-array read per unit. Built on first use.
import { bmpClasses } from './grapheme-classes.js';
import { GSM7_COST } from './gsm7-lookup.js';

/** Set when the code unit has no GSM-7 form (above every grapheme class bit). */
export const NON_GSM = 64;

let table: Uint8Array | undefined;

export function ucs2Table(): Uint8Array {
  return (table ??= build());
}

function build(): Uint8Array {
  const built = bmpClasses().slice();
  for (let c = 0; c < 0x10000; c++) if (GSM7_COST[c] === 0) built[c] = built[c]! | NON_GSM;
  return built;
}
