// Encoding benchmark: `npm run bench:encoding`. Builds a seeded corpus of 100,000 realistic messages and analyses it
// with ours and with the peers, printing messages/s and ratios. It prints figures only; it asserts nothing.
// Every contender is warmed up, then timed over the same corpus ROUNDS times; the best round counts (the machine may be
// shared). sms-segments-calculator needs about a millisecond per message, so it runs on a fixed subset (every 50th
// message) and is compared per message.
import { createRequire } from 'node:module';
import { analyzeMessage } from '../core/src/encoding/index.js';
import { ENCODING_CORPUS_SEED, buildEncodingCorpus } from './encoding-corpus.js';

const require = createRequire(import.meta.url);
const { SegmentedMessage } = require('sms-segments-calculator') as {
  SegmentedMessage: new (text: string) => { segmentsCount: number; encodingName: string };
};
const splitSms = require('split-sms') as { split: (text: string) => { parts: unknown[]; characterSet: string } };
const smsLength = require('sms-length') as { count: (text: string) => { messages: number; encoding: string } };

const SLOW_PEER_STRIDE = 50;
const ROUNDS = 3;


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

const corpus = buildEncodingCorpus();
const subset = corpus.filter((_, i) => i % SLOW_PEER_STRIDE === 0);
const units = corpus.reduce((sum, text) => sum + text.length, 0);
console.log(`Corpus: ${format(corpus.length)} messages, ${format(units)} UTF-16 units, seed ${ENCODING_CORPUS_SEED}`);

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
