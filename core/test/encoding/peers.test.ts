import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/index.js';

// Twilio's calculator is the reference peer. On texts without boundary subtleties (no surrogate pairs, no
// multi-code-point graphemes) its model and ours agree by definition, so any difference here is a regression.
const require = createRequire(import.meta.url);
const { SegmentedMessage } = require('sms-segments-calculator') as {
  SegmentedMessage: new (text: string) => {
    encodingName: 'GSM-7' | 'UCS-2';
    segmentsCount: number;
    segments: { raw?: string; isUserDataHeader?: boolean }[][];
    getNonGsmCharacters(): string[];
  };
};

/** Deterministic corpus: lengths cluster around the 1/2/3-part limits of both encodings. */
function corpus(): string[] {
  let state = 0x2f6b_11e3;
  const random = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
  const pick = (chars: string): string => chars.charAt(Math.floor(random() * chars.length));
  const texts: string[] = [];
  const gsm = 'abcdefghij klmnopqrstuvwxyz ABCXYZ 0123456789 .,!?@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà\n\r';
  const extension = '^{}\\[~]|€\f';
  const ucs2 = 'абвгдежзийклмнопрстуфхцчшщ中文字段测试日本語東京ΑΒΓαβγáíóúçãõ“”—…';
  for (const target of [150, 153, 154, 159, 160, 161, 300, 305, 306, 307, 459, 460]) {
    for (let k = 0; k < 12; k++) {
      let text = '';
      let septets = 0;
      while (septets < target) {
        const ext = random() < 0.08;
        text += ext ? pick(extension) : pick(gsm);
        septets += ext ? 2 : 1;
      }
      texts.push(text);
    }
  }
  for (const target of [65, 66, 67, 68, 70, 71, 133, 134, 135, 200, 201, 202]) {
    for (let k = 0; k < 12; k++) {
      let text = '';
      while (text.length < target) text += random() < 0.5 ? pick(ucs2) : pick(gsm + extension);
      if (!/[^\n\r -~£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà€\f]/.test(text)) text = 'ж' + text.slice(1);
      texts.push(text);
    }
  }
  return texts;
}

describe('cross-check with sms-segments-calculator (Twilio)', () => {
  const texts = corpus();

  it('agrees on encoding, part count and the exact text of every part', () => {
    expect(texts.length).toBe(288);
    let multiPart = 0;
    for (const text of texts) {
      const ours = analyzeMessage(text);
      const peer = new SegmentedMessage(text);
      // Array.from: the peer's Segment subclasses Array, and its species constructor would add header items.
      const peerParts = peer.segments.map((segment) =>
        Array.from(segment)
          .filter((item) => !item.isUserDataHeader)
          .map((item) => item.raw ?? '')
          .join(''),
      );
      expect({ text, encoding: ours.encoding, parts: ours.segments }).toEqual({
        text,
        encoding: peer.encodingName,
        parts: peerParts,
      });
      expect(ours.segmentCount).toBe(peer.segmentsCount);
      expect(ours.nonGsmCharacters).toEqual([...new Set(peer.getNonGsmCharacters())]);
      if (ours.segmentCount > 1) multiPart++;
    }
    expect(multiPart).toBeGreaterThan(150);
  });
});
