// Data module: the GSM 03.38 / 3GPP TS 23.038 default alphabet and its extension table.
// Algorithms (lookup tables, counting, splitting) live in gsm7-lookup.ts and analyze.ts.

/**
 * The default alphabet in septet order: row N holds septets 0xN0..0xNF. Position 0x1B is the escape to the
 * extension table, not a character (null). Note 0x09 is CAPITAL C with cedilla (Ç); small ç is not GSM-7.
 */
export const GSM7_BASIC_ROWS: readonly (readonly (string | null)[])[] = [
  ['@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å'],
  ['Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', null, 'Æ', 'æ', 'ß', 'É'],
  [' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/'],
  ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?'],
  ['¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O'],
  ['P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§'],
  ['¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o'],
  ['p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à'],
];

/** The septet that announces an extension-table character (ESC); every extension character costs 2 septets. */
export const GSM7_ESCAPE_SEPTET = 0x1b;

/** Extension table (after ESC): septet -> character. Form feed is a page break. */
export const GSM7_EXTENSION: Readonly<Record<number, string>> = {
  0x0a: '\f',
  0x14: '^',
  0x28: '{',
  0x29: '}',
  0x2f: '\\',
  0x3c: '[',
  0x3d: '~',
  0x3e: ']',
  0x40: '|',
  0x65: '€',
};
