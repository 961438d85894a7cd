// Encoding benchmark: `npm run bench:encoding`. Builds a seeded corpus of 100,000 realistic messages and analyses it
// with ours and with the peers, printing messages/s and ratios. It prints figures only; it asserts nothing.
// Every contender is warmed up, then timed over the same corpus ROUNDS times; the best round counts (the machine may be
// shared). sms-segments-calculator needs about a millisecond per message, so it runs on a fixed subset (every 50th
// message) and is compared per message.
import { createRequire } from 'node:module';
import { analyzeMessage } from '../core/src/encoding/index.js';
import { createSeededRandom } from '../core/src/sandbox/random.js';

const require = createRequire(import.meta.url);
const { SegmentedMessage } = require('sms-segments-calculator') as {
  SegmentedMessage: new (text: string) => { segmentsCount: number; encodingName: string };
};
const splitSms = require('split-sms') as { split: (text: string) => { parts: unknown[]; characterSet: string } };
const smsLength = require('sms-length') as { count: (text: string) => { messages: number; encoding: string } };

const CORPUS_SIZE = 100_000;
const SLOW_PEER_STRIDE = 50;
const SEED = 20_240_601;
const ROUNDS = 3;


// The sandbox's seeded generator: the same corpus on every run and machine.
const random = createSeededRandom(SEED);
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

function buildCorpus(): string[] {
  const total = KINDS.reduce((sum, [, weight]) => sum + weight, 0);
  const corpus: string[] = [];
  for (let i = 0; i < CORPUS_SIZE; i++) {
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

interface Run {
  name: string;
  messages: number;
  seconds: number;
  checksum: number;
}

/** Runs `analyse` over the messages after a warm-up, ROUNDS times (or once), and keeps the fastest round. */
function time(
  name: string,
  messages: readonly string[],
  analyse: (text: string) => number,
  { rounds = ROUNDS, warmUp = 20_000 } = {},
): Run {
  for (let i = 0; i < Math.min(messages.length, warmUp); i++) analyse(messages[i]!);
  let best: Run | undefined;
  for (let round = 0; round < rounds; round++) {
    let checksum = 0;
    const started = process.hrtime.bigint();
    for (const message of messages) checksum += analyse(message);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!best || seconds < best.seconds) best = { name, messages: messages.length, seconds, checksum };
  }
  return best!;
}

const rate = (run: Run): number => run.messages / run.seconds;
const format = (value: number): string => Math.round(value).toLocaleString('en-US');

const corpus = buildCorpus();
const subset = corpus.filter((_, i) => i % SLOW_PEER_STRIDE === 0);
const units = corpus.reduce((sum, text) => sum + text.length, 0);
console.log(`Corpus: ${format(corpus.length)} messages, ${format(units)} UTF-16 units, seed ${SEED}`);

// Ours does the full analysis: encoding, counts, distinct non-GSM characters and the text of every part.
const ours = time('textbridge analyzeMessage', corpus, (text) => analyzeMessage(text).segments.length);
const oursGrapheme = time('textbridge (boundary: grapheme)', corpus, (text) => analyzeMessage(text, { boundary: 'grapheme' }).segmentCount);
const oursSmart = time('textbridge (smartEncoding: true)', corpus, (text) => analyzeMessage(text, { smartEncoding: true }).segmentCount, { rounds: 1 });
const splitRun = time('split-sms', corpus, (text) => splitSms.split(text).parts.length);
const lengthRun = time('sms-length (reference only)', corpus, (text) => smsLength.count(text).messages);
const calculator = time(
  `sms-segments-calculator (every ${SLOW_PEER_STRIDE}th message)`,
  subset,
  (text) => new SegmentedMessage(text).segmentsCount,
  { rounds: 1, warmUp: 200 },
);

console.log('');
for (const run of [ours, oursGrapheme, oursSmart, splitRun, lengthRun, calculator]) {
  const perMessage = (run.seconds / run.messages) * 1e6;
  console.log(
    `${run.name.padEnd(52)} ${format(rate(run)).padStart(12)} msg/s  ${perMessage.toFixed(3).padStart(9)} µs/msg  ` +
      `(${format(run.messages)} msgs, ${run.seconds.toFixed(3)} s, ${format(run.checksum)} parts)`,
  );
}

console.log('');
console.log(`ours / sms-segments-calculator: ${format(rate(ours) / rate(calculator))}x   (target >= 1,000x)`);
console.log(`ours / split-sms:               ${(rate(ours) / rate(splitRun)).toFixed(1)}x   (target >= 10x)`);
console.log(`ours / sms-length:              ${(rate(ours) / rate(lengthRun)).toFixed(1)}x   (reference)`);

// Where the peers disagree with us on the subset, by kind of difference (they differ by design on some inputs).
let differentEncoding = 0;
let differentParts = 0;
for (const text of subset) {
  const analysis = analyzeMessage(text, { boundary: 'grapheme' });
  const peer = new SegmentedMessage(text);
  if (peer.encodingName !== analysis.encoding) differentEncoding++;
  else if (peer.segmentsCount !== analysis.segmentCount) differentParts++;
}
console.log(
  `\nsms-segments-calculator vs ours (grapheme boundaries) on ${format(subset.length)} messages: ` +
    `${differentEncoding} differ in encoding, ${differentParts} more in part count`,
);
