import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextbridgeError, analyzeMessage, isGsm7, smartEncode, type SmartEncodeResult } from '../../src/index.js';
import {
  COMBINING_MARK_FORMS,
  OVERLAY_MARKS,
  SMART_ENCODING_MAP,
} from '../../src/encoding/smart-encoding-map.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** Emoji as a reader sees them: emoji-style characters, flags, skin tones, keycaps, and pictographs made emoji by VS16
 * or a ZWJ. (A pictograph alone, like ©, is a text symbol.) */
function emojiClusters(text: string): string[] {
  return [...segmenter.segment(text)]
    .map(({ segment }) => segment)
    .filter(
      (cluster) =>
        /[\p{Emoji_Presentation}\p{Regional_Indicator}\p{Emoji_Modifier}\u20e3]/u.test(cluster) ||
        (/\p{Extended_Pictographic}/u.test(cluster) && /[\ufe0f\u200d]/.test(cluster)),
    );
}

function rebuild(original: string, result: SmartEncodeResult): string {
  let out = '';
  let at = 0;
  for (const { from, to, index } of result.replacements) {
    expect(original.slice(index, index + from.length)).toBe(from);
    out += original.slice(at, index) + to;
    at = index + from.length;
  }
  return out + original.slice(at);
}

describe('smartEncode', () => {
  it('replaces smart punctuation when the whole text then fits GSM-7', () => {
    const text = '“Hello” — it’s «done»…';
    const result = smartEncode(text);
    expect(result).toEqual({
      text: '"Hello" - it\'s "done"...',
      applied: true,
      mode: 'all-or-nothing',
      encoding: 'GSM-7',
      unconvertible: [],
      declined: [],
      replacements: [
        { from: '“', to: '"', index: 0 },
        { from: '”', to: '"', index: 6 },
        { from: '—', to: '-', index: 8 },
        { from: '’', to: "'", index: 12 },
        { from: '«', to: '"', index: 15 },
        { from: '»', to: '"', index: 20 },
        { from: '…', to: '...', index: 21 },
      ],
    });
    expect(rebuild(text, result)).toBe(result.text);
  });

  it('is all-or-nothing by default: one character without a GSM form keeps the text as it is', () => {
    const result = smartEncode('“Hi” 😀 — Ж');
    expect(result.text).toBe('“Hi” 😀 — Ж');
    expect(result.applied).toBe(false);
    expect(result.replacements).toEqual([]);
    expect(result.encoding).toBe('UCS-2');
    expect(result.unconvertible).toEqual(['😀', 'Ж']);
  });

  it('replaces anyway in "always" mode, leaving emoji and other scripts', () => {
    const result = smartEncode('“Hi” 😀 — Ж', { mode: 'always' });
    expect(result.text).toBe('"Hi" 😀 - Ж');
    expect(result.applied).toBe(true);
    expect(result.encoding).toBe('UCS-2');
    expect(smartEncode('“Hi” 😀', 'always').text).toBe('"Hi" 😀');
  });

  it('turns NBSP and every other Unicode space into ONE space, and line separators into line breaks', () => {
    expect(smartEncode('a\u00a0b').text).toBe('a b');
    expect(smartEncode('1\u202f000\u2009€\u3000x\u2003y\tz').text).toBe('1 000 € x y z');
    expect(smartEncode('line\u2028next\u2029para').text).toBe('line\nnext\npara');
  });

  it('removes zero-width and invisible characters', () => {
    const result = smartEncode('\ufeffa\u200bb\u2060c\u00add\u200ee\u200df');
    expect(result.text).toBe('abcdef');
    expect(result.replacements.map((r) => r.index)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(result.replacements.every((r) => r.to === '')).toBe(true);
  });

  it('never alters emoji, even where a mapped character or a joiner is part of one', () => {
    for (const emoji of ['©️', '‼️', '✳️', '1️⃣', '#️⃣', '❤️', '🇫🇷', '👍🏽', FAMILY, '🏳️‍🌈', '🤷‍♀️', '😀']) {
      const result = smartEncode(`x ${emoji} “y”`, 'always');
      expect(result.text, emoji).toBe(`x ${emoji} "y"`);
    }
    // The same characters written as text (no emoji presentation) are look-alikes.
    expect(smartEncode('© 2024 ‼ ✳ ™').text).toBe('(c) 2024 !! * TM');
    expect(smartEncode('©\ufe0e').text).toBe('(c)');
  });

  it('never alters CJK text, including its native punctuation and spaces', () => {
    for (const text of ['東京　タワー。', '你好，世界！', '予約：３月１日', '한국어 「테스트」']) {
      expect(smartEncode(text, 'always').text, text).toBe(text);
      expect(smartEncode(text).text).toBe(text);
    }
    // Fullwidth Latin outside CJK text is a look-alike.
    expect(smartEncode('Ｔｏｋｙｏ　２０２４！').text).toBe('Tokyo 2024!');
  });

  it('never changes a character that is already GSM-7', () => {
    const gsm = 'Ça coûte 5€ à Zürich ÅÆØ ¿¡ {[]} ~^|\\ \f\r\n @£$¥ ΔΦΓΛΩΠΨΣΘΞ';
    expect(smartEncode(gsm.replace('û', 'u'))).toMatchObject({ text: gsm.replace('û', 'u'), applied: false });
    expect(smartEncode(gsm).text).toBe(gsm.replace('û', 'u'));
    expect(smartEncode('Ç').text).toBe('Ç');
  });

  it('applies the documented conflict decisions', () => {
    expect(smartEncode('«a» ‹b› ‚c‘ • d …').text).toBe('"a" <b> \'c\' - d ...');
    expect(smartEncode('À È Ì Ò Ù Ÿ').text).toBe('A E I O U Y');
    expect(smartEncode('garçon Œuvre œil Ĳssel').text).toBe('garcon OEuvre oeil IJssel');
    expect(smartEncode('≤ 5 ≥ 1 ® ₤ ×').text).toBe('<= 5 >= 1 (R) £ x');
    expect(smartEncode('\ufe10').text).toBe(',');
    // ‰ has no honest look-alike: it stays, so all-or-nothing keeps the text.
    expect(smartEncode('5‰ fee').applied).toBe(false);
  });

  it('folds accented letters to the closest GSM-7 letter, precomposed or combining', () => {
    expect(smartEncode('Cafe\u0301').text).toBe('Café');
    expect(smartEncode('Cafe\u0301').replacements).toEqual([{ from: 'e\u0301', to: 'é', index: 3 }]);
    expect(smartEncode('a\u0301').replacements).toEqual([{ from: '\u0301', to: '', index: 1 }]);
    expect(smartEncode('ǘ Ĉ ș Ş Đ ł ệ Ā').text).toBe('ü C s S D l e A');
    expect(smartEncode('u\u0308\u0301').text).toBe('ü');
    expect(smartEncode('ΑΘΗΝΑ').text).toBe('AΘHNA');
    expect(smartEncode('αθήνα').applied).toBe(false);
  });

  it('keeps overlays meaningful and gives lone marks their spacing form', () => {
    expect(smartEncode('a =\u0338 b').text).toBe('a =/ b');
    expect(smartEncode('\u0302 and \u0303').text).toBe('^ and ~');
    expect(smartEncode('e\u0302').text).toBe('e');
  });

  it('reports replacements with indexes into the original text', () => {
    const text = '😀 “a” x\u00a0y';
    const result = smartEncode(text, 'always');
    expect(result.replacements).toEqual([
      { from: '“', to: '"', index: 3 },
      { from: '”', to: '"', index: 5 },
      { from: '\u00a0', to: ' ', index: 8 },
    ]);
    expect(rebuild(text, result)).toBe(result.text);
  });

  it('validates its input', () => {
    for (const value of [undefined, null, 3, {}]) {
      try {
        smartEncode(value);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(TextbridgeError);
        expect((error as TextbridgeError).code).toBe('INVALID_TEXT');
        expect((error as TextbridgeError).field).toBe('text');
      }
    }
    for (const options of ['sometimes', { mode: 'never' }, 42]) {
      try {
        smartEncode('x', options as never);
        expect.unreachable();
      } catch (error) {
        expect((error as TextbridgeError).code).toBe('INVALID_INPUT');
      }
    }
    expect(smartEncode('', { mode: 'always' })).toMatchObject({ text: '', applied: false, encoding: 'GSM-7' });
  });
});

describe('analyzeMessage with smartEncoding', () => {
  it('analyses the text that would be sent and reports the segments saved', () => {
    const text = '“Thanks” — your order ships tomorrow… Reply STOP to opt out of these messages, or HELP for help.';
    expect(analyzeMessage(text).segmentCount).toBe(2);
    const analysis = analyzeMessage(text, { smartEncoding: true });
    expect(analysis.encoding).toBe('GSM-7');
    expect(analysis.segmentCount).toBe(1);
    expect(analysis.text).toBe(smartEncode(text).text);
    expect(analysis.segments).toEqual([analysis.text]);
    expect(analysis.smartEncoding).toMatchObject({ applied: true, mode: 'all-or-nothing', savedSegments: 1, unconvertible: [] });
    expect(analysis.smartEncoding!.replacements[0]).toEqual({ from: '“', to: '"', index: 0 });
  });

  it('reports a declined all-or-nothing encoding, and "always" replacements that save nothing', () => {
    const text = '“Thanks” 😀';
    expect(analyzeMessage(text, { smartEncoding: true })).toMatchObject({
      text,
      encoding: 'UCS-2',
      smartEncoding: { applied: false, replacements: [], savedSegments: 0, unconvertible: ['😀'] },
    });
    expect(analyzeMessage(text, { smartEncoding: 'always' })).toMatchObject({
      text: '"Thanks" 😀',
      encoding: 'UCS-2',
      smartEncoding: { applied: true, mode: 'always', savedSegments: 0 },
    });
    expect(analyzeMessage(text).smartEncoding).toBeUndefined();
    expect(analyzeMessage(text, { smartEncoding: false }).smartEncoding).toBeUndefined();
  });
});

describe('smart encoding table', () => {
  it('never maps a GSM-7 character, and always maps to GSM-7', () => {
    for (const [from, to] of Object.entries(SMART_ENCODING_MAP)) {
      expect(isGsm7(from), `key ${JSON.stringify(from)}`).toBe(false);
      expect(isGsm7(to), `value of ${JSON.stringify(from)}`).toBe(true);
      expect([...from]).toHaveLength(1);
    }
    for (const [mark, form] of Object.entries(COMBINING_MARK_FORMS)) {
      expect(/^\p{M}$/u.test(mark)).toBe(true);
      expect(isGsm7(form)).toBe(true);
    }
    for (const mark of OVERLAY_MARKS) expect(COMBINING_MARK_FORMS[mark]).toBeDefined();
  });

  it('holds no emoji and no CJK letter', () => {
    for (const from of Object.keys(SMART_ENCODING_MAP)) {
      expect(/[\p{Emoji_Presentation}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(from)).toBe(false);
    }
  });

  it('decides every row of the reference table (mapped, or deliberately kept)', () => {
    const rows = readFileSync(new URL('../fixtures/smart-encoding.tsv', import.meta.url), 'utf8').trim().split('\n').slice(1);
    const keptOnPurpose = new Set([0x2030]);
    let conflicts = 0;
    for (const row of rows) {
      const [codePoint, , twilio, android, charsetUtils, conflict] = row.split('\t');
      const char = String.fromCodePoint(Number.parseInt(codePoint!.slice(2), 16));
      const result = smartEncode(char, 'always').text;
      if (keptOnPurpose.has(char.codePointAt(0)!)) {
        expect(result).toBe(char);
        continue;
      }
      expect(isGsm7(result), codePoint).toBe(true);
      expect(result, codePoint).not.toBe(char);
      if (conflict === 'YES') {
        conflicts++;
        const candidates = [twilio, android, charsetUtils].filter(Boolean).map((value) => JSON.parse(value!) as string);
        expect(candidates, codePoint).toContain(result);
      }
    }
    expect(conflicts).toBe(5);
  });
});

describe('smartEncode properties', () => {
  const PIECES = [
    'a', 'Z', ' ', '.', 'é', 'Ç', '€', '\n', '“', '”', '‘', '’', '—', '–', '…', '\u00a0', '\u2009', '\u200b', '\u200d',
    '\ufe0f', '\ufeff', '\t', 'À', 'á', 'ç', 'œ', 'ł', 'ș', 'e\u0301', '\u0301', '=\u0338', '©', '™', '‰', 'Ａ', '　', '、',
    '中', '東京', 'カ', '한', 'Ж', 'α', 'Α', 'ب', '😀', '👍🏽', '🇫🇷', '1️⃣', '©️', FAMILY, '\uD800', '\uDC00',
  ];
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 60, size: 'max' }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const RUNS = { numRuns: 1000 };

  it('in the default mode, returns the text unchanged or entirely GSM-7', () => {
    fc.assert(
      fc.property(text, (sample) => {
        const result = smartEncode(sample);
        expect(result.text === sample || isGsm7(result.text)).toBe(true);
        expect(result.applied).toBe(result.text !== sample);
        expect(result.encoding).toBe(isGsm7(result.text) ? 'GSM-7' : 'UCS-2');
      }),
      RUNS,
    );
  });

  it('in both modes, keeps GSM-7 texts, emoji and CJK as they are, and its replacements rebuild the output', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('all-or-nothing' as const, 'always' as const), (sample, mode) => {
        const result = smartEncode(sample, { mode });
        if (isGsm7(sample)) expect(result.text).toBe(sample);
        expect(emojiClusters(result.text)).toEqual(emojiClusters(sample));
        expect(result.text.match(CJK) ?? []).toEqual(sample.match(CJK) ?? []);
        expect(rebuild(sample, result)).toBe(result.text);
        for (const char of result.unconvertible) expect(sample).toContain(char);
      }),
      RUNS,
    );
  });

  it('agrees with analyzeMessage, which never throws with smart encoding on', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(true, 'always' as const), (sample, smartEncoding) => {
        const analysis = analyzeMessage(sample, { smartEncoding });
        const result = smartEncode(sample, smartEncoding === true ? 'all-or-nothing' : 'always');
        expect(analysis.text).toBe(result.text);
        expect(analysis.smartEncoding!.savedSegments).toBe(
          analyzeMessage(sample).segmentCount - analyzeMessage(result.text).segmentCount,
        );
      }),
      RUNS,
    );
  });
});

describe('smart encoding never hurts: no joined neighbours, never more segments', () => {
  const WORD = /[\p{L}\p{N}]/u;

  /** Checks every replacement of a symbol: what replaced it does not touch a letter or digit on either side. */
  function expectKeptApart(original: string, result: SmartEncodeResult): void {
    let shift = 0;
    for (const { from, to, index } of result.replacements) {
      const at = index + shift;
      shift += to.length - from.length;
      const source = original.slice(index, index + from.length);
      if (/^[\p{L}\p{Nd}]/u.test(source) || to.trim() === '') continue;
      const core = to.trim();
      const start = at + to.indexOf(core);
      const end = start + core.length;
      const before = visibleBefore(result.text, start);
      const after = visibleAfter(result.text, end);
      expect(WORD.test(core[0]!) && WORD.test(before), `${JSON.stringify(original)} -> ${JSON.stringify(result.text)}`).toBe(false);
      expect(WORD.test(core[core.length - 1]!) && WORD.test(after), `${JSON.stringify(original)} -> ${JSON.stringify(result.text)}`).toBe(false);
    }
  }
  const INVISIBLE = /[\p{Cf}\p{M}]/u;
  function visibleBefore(text: string, end: number): string {
    const chars = [...text.slice(0, end)];
    while (chars.length > 0 && INVISIBLE.test(chars[chars.length - 1]!)) chars.pop();
    return chars.pop() ?? '';
  }
  function visibleAfter(text: string, start: number): string {
    for (const char of text.slice(start)) if (!INVISIBLE.test(char)) return char;
    return '';
  }

  it('keeps the value of a number next to a vulgar fraction (1½ is 1 1/2, not 11/2)', () => {
    expect(smartEncode('1½ cups').text).toBe('1 1/2 cups');
    expect(smartEncode('2¼').text).toBe('2 1/4');
    expect(smartEncode('Add ¾1 more').text).toBe('Add 3/4 1 more');
    expect(smartEncode('1 ½').text).toBe('1 1/2');
    expect(smartEncode('1\u200b½').text).toBe('1 1/2'); // an invisible character between them changes nothing
    expect(smartEncode('1½').replacements).toEqual([{ from: '½', to: ' 1/2', index: 1 }]);
  });

  it('keeps other symbols replaced by letters or digits apart from words and numbers', () => {
    expect(smartEncode('25°C').text).toBe('25 o C'); // "25oC" reads as 250C
    expect(smartEncode('Brand™. 5×3 ₱500').text).toBe('Brand TM. 5 x 3 P 500');
    // Letters and digits replaced by letters and digits stay inside their word.
    expect(smartEncode('Café Ｔｏｋｙｏ２０２４ Œuvre').text).toBe('Café Tokyo2024 OEuvre');
  });

  it('leaves 70 × … as it is: 70 UCS-2 units are one segment, 210 septets would be two', () => {
    const text = '…'.repeat(70);
    const result = smartEncode(text);
    expect(result).toMatchObject({ text, applied: false, encoding: 'UCS-2', replacements: [], unconvertible: [] });
    expect(result.declined).toHaveLength(70);
    expect(result.declined[0]).toEqual({ from: '…', to: '...', index: 0 });
    const analysis = analyzeMessage(text, { smartEncoding: true });
    expect(analysis).toMatchObject({ text, segmentCount: 1, smartEncoding: { applied: false, savedSegments: 0 } });
    expect(analyzeMessage(text, { smartEncoding: 'always' }).segmentCount).toBe(1);
    // One more character makes the original two segments: then GSM-7 is no longer worse, and it is applied.
    expect(smartEncode(text + '’')).toMatchObject({ applied: true, encoding: 'GSM-7', declined: [] });
  });

  it('in "always" mode, chooses the replacements that keep the segment count, removals first', () => {
    const text = `😀\u200b${'…'.repeat(30)}’`;
    const result = smartEncode(text, 'always');
    const before = analyzeMessage(text).segmentCount;
    expect(analyzeMessage(result.text).segmentCount).toBeLessThanOrEqual(before);
    expect(result.replacements[0]).toEqual({ from: '\u200b', to: '', index: 2 });
    expect(result.replacements.some((r) => r.from === '’')).toBe(true);
    expect(result.declined.length).toBeGreaterThan(0);
    expect(result.replacements.length + result.declined.length).toBe(32);
    const analysis = analyzeMessage(text, { smartEncoding: 'always' });
    expect(analysis.text).toBe(result.text);
    expect(analysis.smartEncoding!.savedSegments).toBeGreaterThanOrEqual(0);
  });

  it('holds the segment count with every UDH size and boundary', () => {
    const text = `${'…'.repeat(66)}😀`;
    for (const udhOctets of [6, 7]) {
      for (const boundary of ['codeUnit', 'grapheme'] as const) {
        for (const smartEncoding of [true, 'always'] as const) {
          const analysis = analyzeMessage(text, { udhOctets, boundary, smartEncoding });
          expect(analysis.segmentCount).toBeLessThanOrEqual(analyzeMessage(text, { udhOctets, boundary }).segmentCount);
          expect(analysis.smartEncoding!.savedSegments).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  // Every look-alike the table knows, with letters, digits, punctuation, spaces or nothing on either side.
  const LOOKALIKES = [...Object.keys(SMART_ENCODING_MAP), 'Ａ', '２', 'ệ', 'e\u0301', '=\u0338', '\u0302'];
  const NEIGHBOURS = ['', '', 'a', 'Z', 'é', '0', '1', '7', '9', '.', ',', '/', '-', ' ', '\n', '(', ')', '%', '$', '½', '™', '°', '\u200b', '😀', 'Ж'];
  const neighbour = fc.array(fc.constantFrom(...NEIGHBOURS), { maxLength: 3 }).map((parts) => parts.join(''));
  const modes = fc.constantFrom('all-or-nothing' as const, 'always' as const);
  const RUNS = { numRuns: 3000 };

  it('no replacement joins a letter or digit next to it, for every look-alike of the table', () => {
    fc.assert(
      fc.property(neighbour, fc.constantFrom(...LOOKALIKES), neighbour, modes, (left, char, right, mode) => {
        const text = left + char + right;
        const result = smartEncode(text, mode);
        expectKeptApart(text, result);
        expect(rebuild(text, result)).toBe(result.text);
      }),
      RUNS,
    );
  });

  it('a vulgar fraction next to digits keeps the number: the digits, the fraction and the digits stay apart', () => {
    const digits = fc.stringMatching(/^[0-9]{1,4}$/);
    const fractions: Record<string, string> = { '¼': '1/4', '½': '1/2', '¾': '3/4' };
    fc.assert(
      fc.property(digits, fc.constantFrom(...Object.keys(fractions)), fc.option(digits, { nil: '' }), (whole, fraction, after) => {
        const result = smartEncode(whole + fraction + after);
        expect(result.text.split(' ')).toEqual([whole, fractions[fraction], ...(after === '' ? [] : [after])]);
      }),
      RUNS,
    );
  });

  it('never sends more segments than the text as written, in both modes and with every setting', () => {
    const piece = fc.constantFrom('…', '…', '…', '’', '“', '½', '™', '©', '\u200b', '😀', 'é', 'a', ' ', '1', 'Ж', '€', '\u00a0');
    const text = fc.array(piece, { minLength: 1, maxLength: 260 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(true, 'always' as const), fc.constantFrom(6, 7), fc.constantFrom('codeUnit' as const, 'grapheme' as const), (sample, smartEncoding, udhOctets, boundary) => {
        const plain = analyzeMessage(sample, { udhOctets, boundary });
        const smart = analyzeMessage(sample, { smartEncoding, udhOctets, boundary });
        expect(smart.segmentCount).toBeLessThanOrEqual(plain.segmentCount);
        expect(smart.smartEncoding!.savedSegments).toBe(plain.segmentCount - smart.segmentCount);
        const result = smartEncode(sample, smartEncoding === true ? 'all-or-nothing' : 'always');
        expect(analyzeMessage(result.text).segmentCount).toBeLessThanOrEqual(analyzeMessage(sample).segmentCount);
        // What was replaced and what was declined are both reported, against the original text.
        expect(rebuild(sample, result)).toBe(result.text);
        for (const { from, index } of result.declined) expect(sample.slice(index, index + from.length)).toBe(from);
      }),
      { numRuns: 1500 },
    );
  });
});
