// Grapheme-cluster classes (UAX #29) of every code point, derived on first use from the Unicode properties that
// the JS regex engine exposes. Deriving them (instead of shipping a table) keeps them on the same Unicode version
// as Intl.Segmenter: both come from the runtime's ICU.
//
// A class byte is `kind | flags`. The analysis scan ORs the bytes of a text together: no JOINS flag means every
// code point is its own cluster (except CR LF), JOINS alone means the few rules graphemes.ts implements suffice,
// HARD means Intl.Segmenter must decide (Prepend, SpacingMark, Hangul jamo, Indic conjuncts, rare scripts).

export const KIND_OTHER = 0;
export const KIND_CONTROL = 1;
export const KIND_CR = 2;
export const KIND_LF = 3;
export const KIND_EXTEND = 4;
export const KIND_ZWJ = 5;
export const KIND_REGIONAL = 6;
export const KIND_HARD = 7;
export const KIND_MASK = 7;
/** Extended_Pictographic: the left and right side of an emoji ZWJ sequence (rule GB11). */
export const FLAG_PICTOGRAPHIC = 8;
/** The code point may join a neighbour into one cluster. */
export const FLAG_JOINS = 16;
/** Joining rules for this code point are left to Intl.Segmenter. */
export const FLAG_HARD = 32;

/**
 * Extend characters whose joining is plain rule GB9 (attach to whatever precedes). Extend characters elsewhere may
 * take part in Indic conjunct rules (GB9c) that only ICU knows, so they are classed HARD.
 */
const PLAIN_EXTEND_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], // combining diacritical marks
  [0x1ab0, 0x1aff], // combining diacritical marks extended
  [0x1dc0, 0x1dff], // combining diacritical marks supplement
  [0x200c, 0x200c], // zero width non-joiner
  [0x20d0, 0x20ff], // combining marks for symbols (incl. the keycap U+20E3)
  [0xfe00, 0xfe0f], // variation selectors (VS16 = emoji presentation)
  [0xfe20, 0xfe2f], // combining half marks
  [0x1f3fb, 0x1f3ff], // emoji skin-tone modifiers
  [0xe0020, 0xe007f], // tag characters (subdivision flags)
  [0xe0100, 0xe01ef], // variation selectors supplement
];

/** Letters with Hangul-style classes L, V, T (rules GB6-GB8): Hangul conjoining jamo, and since Unicode 16 the
 * Kirat Rai vowel signs (V). Not exposed to regex; encoding-graphemes.test.ts sweeps planes 0-1 to catch additions. */
const HANGUL_STYLE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x11ff],
  [0xa960, 0xa97f],
  [0xd7b0, 0xd7ff],
  [0x16d63, 0x16d63],
  [0x16d67, 0x16d6a],
];

/** Grapheme_Cluster_Break=Prepend (not exposed to regex): they attach to what follows (GB9b). */
const PREPEND_RANGES: readonly (readonly [number, number])[] = [
  [0x0600, 0x0605],
  [0x06dd, 0x06dd],
  [0x070f, 0x070f],
  [0x0890, 0x0891],
  [0x08e2, 0x08e2],
  [0x0d4e, 0x0d4e],
  [0x110bd, 0x110bd],
  [0x110cd, 0x110cd],
  [0x111c2, 0x111c3],
  [0x1193f, 0x1193f],
  [0x11941, 0x11941],
  [0x11a3a, 0x11a3a],
  [0x11a84, 0x11a89],
  [0x11d46, 0x11d46],
  [0x113d1, 0x113d1],
  [0x11f02, 0x11f02],
];

/** SpacingMark characters that are letters (Lo), so `\p{Mc}` misses them. */
const SPACING_LETTERS = [0x0e33, 0x0eb3];

const CONTROL = KIND_CONTROL;
const EXTEND = KIND_EXTEND | FLAG_JOINS;
const ZWJ = KIND_ZWJ | FLAG_JOINS;
const REGIONAL = KIND_REGIONAL | FLAG_JOINS;
const HARD = KIND_HARD | FLAG_JOINS | FLAG_HARD;

const planes: (Uint8Array | undefined)[] = [];

/** Class byte of a BMP code unit (surrogates read as OTHER: ICU treats a lone surrogate like a letter). */
export function bmpClasses(): Uint8Array {
  return (planes[0] ??= buildPlane(0));
}

/** Class byte of any code point. */
export function graphemeClass(codePoint: number): number {
  const plane = codePoint >>> 16;
  const table = (planes[plane] ??= buildPlane(plane));
  return table[codePoint & 0xffff]!;
}

function buildPlane(plane: number): Uint8Array {
  const base = plane * 0x10000;
  const table = new Uint8Array(0x10000);
  const chars = new Array<string>(0x10000);
  for (let k = 0; k < 0x10000; k++) {
    const cp = base + k;
    chars[k] = cp >= 0xd800 && cp <= 0xdfff ? 'a' : String.fromCodePoint(cp);
  }
  const all = chars.join('');
  const width = plane === 0 ? 1 : 2;
  const each = (pattern: RegExp, apply: (k: number) => void): void => {
    for (const match of all.matchAll(pattern)) apply(match.index / width);
  };
  const inRanges = (ranges: readonly (readonly [number, number])[], apply: (k: number) => void): void => {
    for (const [from, to] of ranges) {
      for (let cp = Math.max(from, base); cp <= Math.min(to, base + 0xffff); cp++) apply(cp - base);
    }
  };

  const defaultIgnorable = new Uint8Array(0x10000);
  each(/\p{Default_Ignorable_Code_Point}/gu, (k) => (defaultIgnorable[k] = 1));
  each(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (k) => (table[k] = CONTROL));
  each(/\p{Cn}/gu, (k) => {
    if (defaultIgnorable[k]) table[k] = CONTROL;
  });
  const plainExtend = new Uint8Array(0x10000);
  inRanges(PLAIN_EXTEND_RANGES, (k) => (plainExtend[k] = 1));
  each(/[\p{Grapheme_Extend}\p{Emoji_Modifier}]/gu, (k) => (table[k] = plainExtend[k] ? EXTEND : HARD));
  each(/\p{Regional_Indicator}/gu, (k) => (table[k] = REGIONAL));
  each(/\p{Mc}/gu, (k) => (table[k] = HARD));
  inRanges(HANGUL_STYLE_RANGES, (k) => (table[k] = HARD));
  inRanges(PREPEND_RANGES, (k) => (table[k] = HARD));
  if (plane === 0) {
    for (const cp of SPACING_LETTERS) table[cp] = HARD;
    table[0x200d] = ZWJ;
    table[0x0d] = KIND_CR;
    table[0x0a] = KIND_LF;
  }
  each(/\p{Extended_Pictographic}/gu, (k) => (table[k] = table[k]! | FLAG_PICTOGRAPHIC));
  return table;
}
