// Data module: look-alike characters and their GSM-7 replacements, for smart encoding (algorithm in smart.ts).
//
// Started from the reference table (a copy is core/test/fixtures/smart-encoding.tsv), which merges three sources: T = Twilio
// (sms-segments-calculator 1.3.0), A = Android's AOSP 7-bit table, G = gsm-charset-utils. Every conflict and every
// departure from the sources is decided in a comment next to the entry. Rules applied throughout:
// - a character that IS GSM-7 is never a key (checked by the tests), so nothing GSM is ever changed;
// - every replacement is made of GSM-7 characters only (also checked);
// - a punctuation mark stays the same kind of mark (« is a quotation mark: '"', not '<');
// - accented letters without a GSM form become their base letter, keeping the case (À -> A, not AOSP's à);
// - Unicode spaces become ONE space; invisible characters are removed;
// - no replacement may change the meaning of a value (‰ is not %, ≤ is not <).
// Emoji, CJK and other scripts are never keys; smart.ts also keeps emoji sequences and CJK punctuation whole.

/** Look-alike character -> replacement ('' removes it). */
export const SMART_ENCODING_MAP: Readonly<Record<string, string>> = {
  // Spaces and line breaks. T maps most spaces to TWO spaces; one space is what the reader sees.
  '\t': ' ', // TAB: T gives 7 spaces; one space like every other blank (7 septets for one invisible char is waste)
  '\u000b': '\n', // LINE TABULATION: a soft line break in Word and PowerPoint exports
  '\u0085': '\n', // NEXT LINE: a line break (other C1 controls are removed, see REMOVED_RANGES)
  '\u00a0': ' ', // NO-BREAK SPACE (T: two spaces)
  '\u2000': ' ', // EN QUAD (T: two spaces)
  '\u2001': ' ', // EM QUAD
  '\u2002': ' ', // EN SPACE (T: two spaces)
  '\u2003': ' ', // EM SPACE (T: two spaces)
  '\u2004': ' ', // THREE-PER-EM SPACE (T: two spaces)
  '\u2005': ' ', // FOUR-PER-EM SPACE (T: two spaces)
  '\u2006': ' ', // SIX-PER-EM SPACE (T: two spaces)
  '\u2007': ' ', // FIGURE SPACE (T: two spaces)
  '\u2008': ' ', // PUNCTUATION SPACE (T: two spaces)
  '\u2009': ' ', // THIN SPACE (T: two spaces)
  '\u200a': ' ', // HAIR SPACE (T: two spaces)
  '\u202f': ' ', // NARROW NO-BREAK SPACE (T: two spaces)
  '\u205f': ' ', // MEDIUM MATHEMATICAL SPACE (T: two spaces)
  '\u3000': ' ', // IDEOGRAPHIC SPACE (T: two spaces); kept inside CJK text (smart.ts)
  '\u2028': '\n', // LINE SEPARATOR: T gives a space, but it is a line break
  '\u2029': '\n', // PARAGRAPH SEPARATOR: same

  // Invisible characters: removed. ZWJ, ZWNJ and variation selectors are only removed outside emoji sequences.
  '\u00ad': '', // SOFT HYPHEN (added)
  '\u200b': '', // ZERO WIDTH SPACE
  '\u200c': '', // ZERO WIDTH NON-JOINER
  '\u200d': '', // ZERO WIDTH JOINER (added; kept inside emoji ZWJ sequences)
  '\u200e': '', // LEFT-TO-RIGHT MARK (added)
  '\u200f': '', // RIGHT-TO-LEFT MARK (added)
  '\u202a': '', // bidi embedding/override controls (added)
  '\u202b': '',
  '\u202c': '',
  '\u202d': '',
  '\u202e': '',
  '\u2060': '', // WORD JOINER
  '\u2061': '', // invisible math operators (added)
  '\u2062': '',
  '\u2063': '',
  '\u2064': '',
  '\u2066': '', // bidi isolates (added)
  '\u2067': '',
  '\u2068': '',
  '\u2069': '',
  '\ufe0e': '', // VARIATION SELECTOR-15 (text style; added)
  '\ufe0f': '', // VARIATION SELECTOR-16 (added; kept when it makes an emoji, e.g. ©️ ❤️ 1️⃣)
  '\ufeff': '', // ZERO WIDTH NO-BREAK SPACE / byte order mark

  // Quotation marks and apostrophes.
  '`': "'", // GRAVE ACCENT (` is not GSM-7: septet 0x60 is ¿)
  '\u00b4': "'", // ACUTE ACCENT
  '\u00ab': '"', // « conflict: T, G '"' vs A '<'. A quotation mark stays a quotation mark: '"'
  '\u00bb': '"', // » conflict: T, G '"' vs A '>'. Same decision: '"'
  '\u2018': "'", // LEFT SINGLE QUOTATION MARK
  '\u2019': "'", // RIGHT SINGLE QUOTATION MARK
  '\u201a': "'", // ‚ conflict: T ',' vs A, G "'". It opens a German/Czech quotation, so "'" (a comma would misread)
  '\u201b': "'", // SINGLE HIGH-REVERSED-9 QUOTATION MARK
  '\u201c': '"', // LEFT DOUBLE QUOTATION MARK
  '\u201d': '"', // RIGHT DOUBLE QUOTATION MARK
  '\u201e': '"', // DOUBLE LOW-9 QUOTATION MARK
  '\u201f': '"', // DOUBLE HIGH-REVERSED-9 QUOTATION MARK
  '\u2039': '<', // ‹ T and A agree on '<'. Unlike « », single guillemets mostly appear as chevrons ("Home › Help")
  '\u203a': '>', // › T and A agree on '>'
  '\u2032': "'", // PRIME (added)
  '\u2033': '"', // DOUBLE PRIME (added)
  '\u02b9': "'", // MODIFIER LETTER PRIME
  '\u02ba': '"', // MODIFIER LETTER DOUBLE PRIME
  '\u02bb': "'", // MODIFIER LETTER TURNED COMMA
  '\u02bc': "'", // MODIFIER LETTER APOSTROPHE
  '\u02bd': "'", // MODIFIER LETTER REVERSED COMMA
  '\u02c8': "'", // MODIFIER LETTER VERTICAL LINE
  '\u02ca': "'", // MODIFIER LETTER ACUTE ACCENT
  '\u02cb': "'", // MODIFIER LETTER GRAVE ACCENT
  '\u02dd': '"', // DOUBLE ACUTE ACCENT (A)
  '\u02ee': '"', // MODIFIER LETTER DOUBLE APOSTROPHE
  '\u275b': "'", // HEAVY SINGLE TURNED COMMA QUOTATION MARK ORNAMENT
  '\u275c': "'", // HEAVY SINGLE COMMA QUOTATION MARK ORNAMENT
  '\u275d': '"', // HEAVY DOUBLE TURNED COMMA QUOTATION MARK ORNAMENT
  '\u275e': '"', // HEAVY DOUBLE COMMA QUOTATION MARK ORNAMENT
  '\u301d': '"', // REVERSED DOUBLE PRIME QUOTATION MARK (kept inside CJK text)
  '\u301e': '"', // DOUBLE PRIME QUOTATION MARK (kept inside CJK text)

  // Dashes, hyphens, bullets.
  '\u00af': '-', // MACRON (A)
  '\u2010': '-', // HYPHEN
  '\u2011': '-', // NON-BREAKING HYPHEN (added)
  '\u2012': '-', // FIGURE DASH (added)
  '\u2013': '-', // EN DASH
  '\u2014': '-', // EM DASH
  '\u2015': '-', // HORIZONTAL BAR
  '\u2212': '-', // MINUS SIGN (added)
  '\u2043': '-', // HYPHEN BULLET
  '\u2022': '-', // • conflict: T '-' vs A '.'. A list bullet reads as "- item"; ". item" would look like a sentence end
  '\u23bc': '-', // HORIZONTAL SCAN LINE-7
  '\u23bd': '-', // HORIZONTAL SCAN LINE-9
  '\u2017': '_', // DOUBLE LOW LINE

  // Dots and ellipsis.
  '\u2026': '...', // … conflict: T, G '...' vs A '.'. Three dots keep the meaning; one dot ends a sentence
  '\u2024': '.', // ONE DOT LEADER (added)
  '\u2025': '..', // TWO DOT LEADER (added)
  '\u3001': ',', // IDEOGRAPHIC COMMA (kept inside CJK text)
  '\u3002': '.', // IDEOGRAPHIC FULL STOP (kept inside CJK text)
  '\uff61': '.', // HALFWIDTH IDEOGRAPHIC FULL STOP
  '\uff64': ',', // HALFWIDTH IDEOGRAPHIC COMMA

  // Latin-1 letters without a GSM-7 form. AOSP maps À È Ì Ò Ù to the lowercase GSM letters à è ì ò ù; we keep the
  // case and drop the accent (a wrong case is more visible than a missing accent).
  '\u00c0': 'A', // À (A: à)
  '\u00c1': 'A', // Á
  '\u00c2': 'A', // Â
  '\u00c3': 'A', // Ã
  '\u00c8': 'E', // È (A: è)
  '\u00ca': 'E', // Ê
  '\u00cb': 'E', // Ë
  '\u00cc': 'I', // Ì (A: ì)
  '\u00cd': 'I', // Í
  '\u00ce': 'I', // Î
  '\u00cf': 'I', // Ï
  '\u00d0': 'D', // Ð
  '\u00d2': 'O', // Ò (A: ò)
  '\u00d3': 'O', // Ó
  '\u00d4': 'O', // Ô
  '\u00d5': 'O', // Õ
  '\u00d9': 'U', // Ù (A: ù)
  '\u00da': 'U', // Ú
  '\u00db': 'U', // Û
  '\u00dd': 'Y', // Ý
  '\u00e1': 'a', // á
  '\u00e2': 'a', // â
  '\u00e3': 'a', // ã
  '\u00e7': 'c', // ç: AOSP gives Ç (septet 0x09, which old handsets drew as ç); 3GPP and today's phones draw a
  //                capital there, so "garçon" would read "garÇon". The base letter c reads naturally.
  '\u00ea': 'e', // ê
  '\u00eb': 'e', // ë
  '\u00ed': 'i', // í
  '\u00ee': 'i', // î
  '\u00ef': 'i', // ï
  '\u00f0': 'd', // ð (added, the lowercase of Ð)
  '\u00f3': 'o', // ó
  '\u00f4': 'o', // ô
  '\u00f5': 'o', // õ
  '\u00fa': 'u', // ú
  '\u00fb': 'u', // û
  '\u00fd': 'y', // ý
  '\u00ff': 'y', // ÿ

  // Latin Extended-A (A). Letters not listed here fold to their base letter by decomposition (smart.ts).
  '\u0100': 'A', // Ā
  '\u0101': 'a', // ā
  '\u0102': 'A', // Ă
  '\u0103': 'a', // ă
  '\u0104': 'A', // Ą
  '\u0105': 'a', // ą
  '\u0106': 'C', // Ć
  '\u0107': 'c', // ć
  '\u010c': 'C', // Č
  '\u010d': 'c', // č
  '\u010e': 'D', // Ď
  '\u010f': 'd', // ď
  '\u0110': 'D', // Đ
  '\u0111': 'd', // đ
  '\u0112': 'E', // Ē
  '\u0113': 'e', // ē
  '\u0118': 'E', // Ę
  '\u0119': 'e', // ę
  '\u011a': 'E', // Ě
  '\u011b': 'e', // ě
  '\u011e': 'G', // Ğ
  '\u011f': 'g', // ğ
  '\u012a': 'I', // Ī
  '\u012b': 'i', // ī
  '\u0131': 'i', // ı dotless i
  '\u0132': 'IJ', // Ĳ: A gives 'J', which drops the I of the ligature
  '\u0133': 'ij', // ĳ: A gives 'j'; same decision
  '\u0139': 'L', // Ĺ
  '\u013a': 'l', // ĺ
  '\u013d': 'L', // Ľ
  '\u013e': 'l', // ľ
  '\u0141': 'L', // Ł
  '\u0142': 'l', // ł
  '\u0143': 'N', // Ń
  '\u0144': 'n', // ń
  '\u0147': 'N', // Ň
  '\u0148': 'n', // ň
  '\u014c': 'O', // Ō
  '\u014d': 'o', // ō
  '\u0150': 'O', // Ő
  '\u0151': 'o', // ő
  '\u0152': 'OE', // Œ: A gives 'O'; the ligature is two letters
  '\u0153': 'oe', // œ: A gives 'o'; same decision
  '\u0154': 'R', // Ŕ
  '\u0155': 'r', // ŕ
  '\u0158': 'R', // Ř
  '\u0159': 'r', // ř
  '\u015a': 'S', // Ś
  '\u015b': 's', // ś
  '\u015e': 'S', // Ş
  '\u015f': 's', // ş
  '\u0160': 'S', // Š
  '\u0161': 's', // š
  '\u0162': 'T', // Ţ
  '\u0163': 't', // ţ
  '\u0164': 'T', // Ť
  '\u0165': 't', // ť
  '\u016a': 'U', // Ū
  '\u016b': 'u', // ū
  '\u016e': 'U', // Ů
  '\u016f': 'u', // ů
  '\u0170': 'U', // Ű
  '\u0171': 'u', // ű
  '\u0178': 'Y', // Ÿ: A gives 'y'; a capital stays a capital
  '\u0179': 'Z', // Ź
  '\u017a': 'z', // ź
  '\u017b': 'Z', // Ż
  '\u017c': 'z', // ż
  '\u017d': 'Z', // Ž
  '\u017e': 'z', // ž

  // Small capitals and letter-like marks (T).
  '\u01c3': '!', // LATIN LETTER RETROFLEX CLICK
  '\u0262': 'G',
  '\u026a': 'I',
  '\u0274': 'N',
  '\u0280': 'R',
  '\u028f': 'Y',
  '\u0299': 'B',
  '\u029c': 'H',
  '\u029f': 'L',
  '\u1d00': 'A',
  '\u1d04': 'C',
  '\u1d05': 'D',
  '\u1d07': 'E',
  '\u1d0a': 'J',
  '\u1d0b': 'K',
  '\u1d0d': 'M',
  '\u1d0f': 'O',
  '\u1d18': 'P',
  '\u1d1b': 'T',
  '\u1d1c': 'U',
  '\u1d20': 'V',
  '\u1d21': 'W',
  '\u1d22': 'Z',
  '\ua730': 'F',
  '\ua731': 'S',

  // Greek capitals that look Latin (added). GSM-7 carries Greek capitals this way: only the ones without a Latin
  // twin (Γ Δ Θ Λ Ξ Π Σ Φ Ψ Ω) have their own septets. Lowercase Greek has no GSM form and stays.
  '\u0391': 'A', // Α
  '\u0392': 'B', // Β
  '\u0395': 'E', // Ε
  '\u0396': 'Z', // Ζ
  '\u0397': 'H', // Η
  '\u0399': 'I', // Ι
  '\u039a': 'K', // Κ
  '\u039c': 'M', // Μ
  '\u039d': 'N', // Ν
  '\u039f': 'O', // Ο
  '\u03a1': 'P', // Ρ
  '\u03a4': 'T', // Τ
  '\u03a5': 'Y', // Υ
  '\u03a7': 'X', // Χ
  '\u2126': '\u03a9', // OHM SIGN -> Ω (added; same glyph as the GSM capital omega)
  '\u212b': '\u00c5', // ANGSTROM SIGN -> Å (added; same glyph as the GSM Å)

  // Symbols.
  '\u00a6': '|', // BROKEN BAR (added)
  '\u00a9': '(c)', // ©: A gives 'c'; "(c)" is the usual plain-text form. ©️ (with VS16) is an emoji and stays
  '\u00ae': '(R)', // ®: A gives 'R'; "(R)" likewise
  '\u2122': 'TM', // ™ (added); ™️ stays
  '\u00b0': 'o', // ° (A): "25oC" is the common plain-text form
  '\u00b1': '+/-', // ± (added)
  '\u00bc': '1/4', // ¼
  '\u00bd': '1/2', // ½
  '\u00be': '3/4', // ¾
  '\u00d7': 'x', // × (A)
  '\u00f7': '/', // ÷
  '\u02c6': '^', // MODIFIER LETTER CIRCUMFLEX ACCENT
  '\u02d0': ':', // MODIFIER LETTER TRIANGULAR COLON
  '\u02d6': '+', // MODIFIER LETTER PLUS SIGN
  '\u02dc': '~', // SMALL TILDE
  '\u02f7': '~', // MODIFIER LETTER LOW TILDE
  '\u02f8': ':', // MODIFIER LETTER RAISED COLON
  '\u2020': '+', // † (A)
  '\u2021': '+', // ‡ (A)
  '\u203c': '!!', // ‼ (T); ‼️ stays
  '\u2044': '/', // FRACTION SLASH
  '\u204e': '*', // LOW ASTERISK
  '\u204f': ';', // REVERSED SEMICOLON
  '\u20a3': 'F', // ₣ FRENCH FRANC: A gives '#', which changes the meaning; its letter is F
  '\u20a4': '\u00a3', // ₤ LIRA SIGN: A gives '#'; it is a pound-style sign, GSM has £
  '\u20b1': 'P', // ₱ PESO SIGN: A gives '#'; "P500" is how prices are written without it
  '\u2215': '/', // DIVISION SLASH
  '\u2217': '*', // ASTERISK OPERATOR
  '\u2223': '|', // DIVIDES
  '\u223c': '~', // TILDE OPERATOR
  '\u2264': '<=', // ≤: A gives '<', which changes the meaning
  '\u2265': '>=', // ≥: A gives '>', same
  '\u229b': '*', // CIRCLED ASTERISK OPERATOR
  '\u239c': '|', // LEFT PARENTHESIS EXTENSION
  '\u239f': '|', // RIGHT PARENTHESIS EXTENSION
  '\u23b8': '|', // LEFT VERTICAL BOX LINE
  '\u23b9': '|', // RIGHT VERTICAL BOX LINE
  '\u23d0': '|', // VERTICAL LINE EXTENSION
  '\u2722': '*', // asterisk dingbats (text presentation; with VS16 they are emoji and stay)
  '\u2723': '*',
  '\u2724': '*',
  '\u2725': '*',
  '\u2731': '*',
  '\u2732': '*',
  '\u2733': '*',
  '\u273a': '*',
  '\u273b': '*',
  '\u273c': '*',
  '\u273d': '*',
  '\u2743': '*',
  '\u2749': '*',
  '\u274a': '*',
  '\u274b': '*',
  '\u2768': '(', // parenthesis and bracket ornaments
  '\u2769': ')',
  '\u276a': '(',
  '\u276b': ')',
  '\u2774': '{',
  '\u2775': '}',
  '\u27ee': '(',
  '\u27ef': ')',
  '\u2982': ':', // Z NOTATION TYPE COLON
  '\u2985': '(',
  '\u2986': ')',
  '\u29c6': '*', // SQUARED ASTERISK
  '\u29f5': '\\', // REVERSE SOLIDUS OPERATOR
  '\u29f8': '/', // BIG SOLIDUS
  '\u29f9': '\\', // BIG REVERSE SOLIDUS
  '\ua789': ':', // MODIFIER LETTER COLON
  '\ua78a': '=', // MODIFIER LETTER SHORT EQUALS SIGN

  // Vertical and small presentation forms (kept inside CJK text).
  '\ufe10': ',', // PRESENTATION FORM FOR VERTICAL COMMA: T gives "'", but it is a comma
  '\ufe11': ',', // PRESENTATION FORM FOR VERTICAL IDEOGRAPHIC COMMA: T gives "'"; a comma
  '\ufe13': ':',
  '\ufe14': ';',
  '\ufe15': '!',
  '\ufe16': '?',
  '\ufe50': ',',
  '\ufe51': ',',
  '\ufe52': '.',
  '\ufe54': ';',
  '\ufe56': '?',
  '\ufe57': '!',
  '\ufe59': '(',
  '\ufe5a': ')',
  '\ufe5b': '{',
  '\ufe5c': '}',
  '\ufe5f': '#',
  '\ufe60': '&',
  '\ufe61': '*',
  '\ufe62': '+',
  '\ufe63': '-',
  '\ufe64': '<',
  '\ufe65': '>',
  '\ufe66': '=',
  '\ufe68': '\\',
  '\ufe69': '$',
  '\ufe6a': '%',
  '\ufe6b': '@',
  '\uff40': "'", // FULLWIDTH GRAVE ACCENT: its ASCII twin ` is not GSM (see FULLWIDTH_ASCII)
};

/** Ranges removed entirely: C0 and C1 control characters with no GSM meaning (LF, FF, CR are GSM; TAB, VT, NEL are
 * mapped above). T turns a few C1 controls into two spaces; they are invisible, so we remove them. */
export const REMOVED_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x0008],
  [0x000e, 0x001f],
  [0x007f, 0x0084],
  [0x0086, 0x009f],
];

/** FULLWIDTH ASCII (U+FF01..U+FF5E) -> the ASCII character at code point - 0xFEE0 (！ -> !, Ａ -> A, ｛ -> {).
 * Kept inside CJK text, where fullwidth forms are the native typography. */
export const FULLWIDTH_ASCII = { from: 0xff01, to: 0xff5e, offset: 0xfee0 } as const;

/** Precomposed letters in these ranges fold to their base letter by canonical decomposition when no entry above
 * says otherwise (Ĉ -> C, ș -> s, ệ -> e; ǘ -> ü because ü is GSM). */
export const LATIN_FOLD_RANGES: readonly (readonly [number, number])[] = [
  [0x00c0, 0x024f], // Latin-1 letters, Latin Extended-A and -B
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese and others)
];

/**
 * Combining marks with a spacing look-alike (T). A mark on a letter is an accent of that letter and is dropped with
 * the rest of the decomposition (e + U+0302 is ê -> e; T would give "e^"); the spacing form is used when the mark
 * has no letter under it, and always for the overlays below.
 */
export const COMBINING_MARK_FORMS: Readonly<Record<string, string>> = {
  '\u0302': '^', // COMBINING CIRCUMFLEX ACCENT
  '\u0303': '~', // COMBINING TILDE
  '\u0313': "'", // COMBINING COMMA ABOVE
  '\u0314': "'", // COMBINING REVERSED COMMA ABOVE
  '\u0326': ',', // COMBINING COMMA BELOW
  '\u0330': '~', // COMBINING TILDE BELOW
  '\u0332': '_', // COMBINING LOW LINE (underlining: dropped on letters)
  '\u0334': '~', // COMBINING TILDE OVERLAY
  '\u0337': '/', // COMBINING SHORT SOLIDUS OVERLAY
  '\u0338': '/', // COMBINING LONG SOLIDUS OVERLAY
  '\u0347': '=', // COMBINING EQUALS SIGN BELOW
  '\u1dcd': '^', // COMBINING DOUBLE CIRCUMFLEX ABOVE
  '\u20d2': '|', // COMBINING LONG VERTICAL LINE OVERLAY
  '\u20d3': '|', // COMBINING SHORT VERTICAL LINE OVERLAY
  '\u20e5': '\\', // COMBINING REVERSE SOLIDUS OVERLAY
};

/** Overlays strike through what they sit on and change its meaning (= + U+0338 is ≠), so they are never dropped:
 * the spacing form follows the base ("=/"). */
export const OVERLAY_MARKS: ReadonlySet<string> = new Set(['\u0334', '\u0337', '\u0338', '\u20d2', '\u20d3', '\u20e5']);

/** Blocks whose look-alikes are native typography in Chinese, Japanese and Korean text (ideographic space and
 * punctuation, vertical and small forms, fullwidth forms): smart.ts keeps them next to CJK characters. */
export const CJK_TYPOGRAPHY_RANGES: readonly (readonly [number, number])[] = [
  [0x3000, 0x303f],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe6f],
  [0xff00, 0xffef],
];

// Deliberately NOT mapped (they stay, so the message stays UCS-2):
// - U+2030 ‰ (A: '%'): per mille is not percent; a tenfold error is worse than a longer message.
// - superscripts ¹ ² ³, µ, ¨, ¸, · : no look-alike without changing the value or the word.
