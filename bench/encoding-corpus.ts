// The encoding benchmark's corpus (bench/encoding.ts): seeded, realistic SMS texts of every kind analyzeMessage meets,
// weighted as a bulk send might mix them. Also read by core/test/encoding/fast-path.test.ts, which checks that the
// analysis gives the same results as before its rewrite on the texts the benchmark measures.
import { createSeededRandom, type RandomSource } from '../core/src/sandbox/random.js';

export const ENCODING_CORPUS_SIZE = 100_000;
export const ENCODING_CORPUS_SEED = 20_240_601;

// The sandbox's seeded generator, restarted by each build: the same corpus on every run and machine.
let random: RandomSource = createSeededRandom(ENCODING_CORPUS_SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const WORDS = (
  'your order has shipped and will arrive tomorrow between 9 and 12 reply STOP to opt out the code is valid for ' +
  'minutes appointment reminder with doctor at clinic please confirm by replying YES thanks for shopping with us ' +
  'track parcel here delivery window payment received balance account verify login new device call support team'
).split(' ');
const EXTENSION = ['€', '[', ']', '{', '}', '~', '|', '^', '\\'];
const ACCENTED_WORDS = ['café', 'déjà', 'über', 'niño', 'São', 'Málaga', 'ação', 'façade', 'crème', 'Zürich', 'Ångström', 'garçon', 'naïve', 'Łódź', 'Dvořák'];
const SMART = ['“', '”', '‘', '’', '—', '–', '…', '\u00a0', '«', '»', '•'];
const EMOJI = ['😀', '👍', '🎉', '❤️', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '🙏', '✅', '🔥', '1️⃣', '🤷‍♀️'];
const CJK = '的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以会可日本語東京タワー予約確認ありがとうございます配送';
const CYRILLIC = ['Привет', 'заказ', 'доставка', 'спасибо'];

function sentence(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(WORDS));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + pick(['.', '!', '?', '', ' #' + between(1000, 99999)]);
}

function gsmText(minChars: number, maxChars: number): string {
  const target = between(minChars, maxChars);
  let text = sentence(between(3, 8));
  while (text.length < target) text += ' ' + sentence(between(3, 12));
  return text.slice(0, target);
}

function sprinkle(text: string, items: readonly string[], count: number): string {
  let out = text;
  for (let i = 0; i < count; i++) {
    const at = between(0, out.length);
    out = out.slice(0, at) + pick(items) + out.slice(at);
  }
  return out;
}

function cjkText(minChars: number, maxChars: number): string {
  let text = '';
  const length = between(minChars, maxChars);
  for (let i = 0; i < length; i++) text += random() < 0.1 ? pick(['，', '。', '！', ' ']) : CJK.charAt(between(0, CJK.length - 1));
  return text;
}

const KINDS: readonly (readonly [string, number, () => string])[] = [
  ['short GSM', 30, () => gsmText(15, 140)],
  ['long GSM', 12, () => gsmText(161, 480)],
  ['GSM + extension', 8, () => sprinkle(gsmText(40, 320), EXTENSION, between(1, 6))],
  ['accented', 10, () => sprinkle(gsmText(30, 200), ACCENTED_WORDS.map((w) => ` ${w} `), between(1, 4))],
  ['smart quotes', 12, () => sprinkle(gsmText(30, 300), SMART, between(1, 5))],
  ['emoji', 12, () => sprinkle(gsmText(10, 160), EMOJI, between(1, 4))],
  ['CJK', 8, () => cjkText(10, 160)],
  ['mixed', 8, () => sprinkle(gsmText(20, 120) + ' ' + cjkText(5, 30), [...EMOJI, ...CYRILLIC, ...SMART], between(1, 4))],
];

/** The first `size` messages of the corpus: the same texts in the same order on every call, whatever the size. */
export function buildEncodingCorpus(size = ENCODING_CORPUS_SIZE): string[] {
  random = createSeededRandom(ENCODING_CORPUS_SEED);
  const total = KINDS.reduce((sum, [, weight]) => sum + weight, 0);
  const corpus: string[] = [];
  for (let i = 0; i < size; i++) {
    let roll = random() * total;
    for (const [, weight, make] of KINDS) {
      roll -= weight;
      if (roll < 0) {
        corpus.push(make());
        break;
      }
    }
  }
  // Texts reach core flat (parsed from JSON by the host); the generator's concatenations would leave rope strings.
  return JSON.parse(JSON.stringify(corpus)) as string[];
}
