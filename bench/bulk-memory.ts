// Memory of one large personalised bulk send: 100,000 messages with a distinct text each (a CRM export) through
// sendBulk, against (a) an in-process fake transport and (b) the real sandbox over HTTP. Each case runs in a fresh
// child process, so the figures do not mix; the sandbox runs in this (parent) process, so its own message store is
// not counted. The children run on plain Node (its own type stripping, no tsx loader thread) against the built
// package, as a user's program would: run `npm run build` after changing core. Prints peak RSS and heap against the
// 200 MiB goal; asserts nothing.
// Usage: npm run bench:bulk-memory [-- --messages 100000 --cases fake,sandbox]
import { fork } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPlivoClient, sendBulk, startSandbox, type BulkSendResult, type SendRequest, type Transport } from '@textbridge/core';

const GOAL_MIB = 200;
const SAMPLE_EVERY_MS = 5;
const MIB = 1024 * 1024;
type CaseName = 'fake' | 'sandbox';

interface CaseReport {
  name: CaseName;
  messages: number;
  /** RSS of Node with core loaded, before the messages are built. */
  startRss: number;
  /** RSS with the messages built, before sendBulk starts: what the caller holds anyway. */
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
  /** Heap after sendBulk resolved and a full GC, results still held. */
  heapWithResults: number;
  elapsedMs: number;
  requests: number;
  problem: string | undefined;
}

interface SandboxTarget {
  url: string;
  authId: string;
  authToken: string;
}

/** Distinct text per recipient, as a CRM export gives: name, order number, amount, date. */
function personalisedMessages(count: number): SendRequest[] {
  const names = ['Ana', 'Bruno', 'Chloé', 'Dmitri', 'Ewa', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas'];
  return Array.from({ length: count }, (_, i) => ({
    src: '+14155552671',
    dst: `+1415${String(2000000 + i).padStart(7, '0')}`,
    text:
      `Hi ${names[i % names.length]}, your order #${100000 + i} of $${(i % 997) + 0.99} ships on ` +
      `${1 + (i % 28)} March. Track it at https://acme.example/t/${i.toString(36)}. Reply STOP to opt out.`,
  }));
}

/** Answers like Plivo's send endpoint (202, one UUID per destination) without leaving the process. */
function fakeTransport(): Transport {
  let requests = 0;
  const transport: Transport = async (request) => {
    // A real answer arrives in a later turn of the event loop (which also lets the memory sampler run).
    await new Promise((resolve) => setImmediate(resolve));
    requests++;
    const dst = String((JSON.parse((request.body as string | undefined) ?? '{}') as { dst?: unknown }).dst ?? '');
    const uuids = dst.split('<').map((_, position) => `9f0b2a1c-0000-4000-8000-${String(requests * 1000 + position).padStart(12, '0')}`);
    return {
      status: 202,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_id: `api-${requests}`, message: 'message(s) queued', message_uuid: uuids }),
    };
  };
  return transport;
}

/** Results must be one per input, in input order, each sent. */
function checkResults(results: BulkSendResult[], messages: SendRequest[]): string | undefined {
  if (results.length !== messages.length) return `${results.length} results for ${messages.length} messages`;
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    if (result.index !== i) return `result ${i} has index ${result.index}`;
    if (!result.ok) return `message ${i} was not sent: ${'error' in result ? `${result.error.code} ${result.error.message}` : JSON.stringify(result)}`;
    if (result.dst !== messages[i]!.dst) return `result ${i} is for ${result.dst}, not ${String(messages[i]!.dst)}`;
  }
  return undefined;
}

async function runCase(name: CaseName, count: number, target: SandboxTarget | undefined): Promise<CaseReport> {
  const startRss = process.memoryUsage().rss;
  const messages = personalisedMessages(count);
  const client =
    name === 'fake'
      ? createPlivoClient({ authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 'bench-token-0000', transport: fakeTransport() })
      : createPlivoClient({ authId: target!.authId, authToken: target!.authToken, baseUrl: target!.url });
  let requests = 0;
  const counted = { clock: client.clock, sendMessage: (...args: Parameters<typeof client.sendMessage>) => (requests++, client.sendMessage(...args)) };
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  const started = performance.now();
  // Rate limiting is not what is measured: the limiter lets everything through at once.
  const results = await sendBulk(counted, messages, { maxRequestsPerSecond: 1_000_000, concurrency: 10 });
  const elapsedMs = performance.now() - started;
  sample();
  clearInterval(sampler);
  global.gc?.();
  const heapWithResults = process.memoryUsage().heapUsed;
  return {
    name,
    messages: count,
    startRss,
    baselineRss,
    peakRss,
    peakHeap,
    heapWithResults,
    elapsedMs,
    requests,
    problem: checkResults(results, messages),
  };
}

function runChild(name: CaseName, count: number, target: SandboxTarget | undefined): Promise<CaseReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', name, '--messages', String(count)], {
      execArgv: ['--expose-gc'],
      env: { ...process.env, BENCH_SANDBOX: target ? JSON.stringify(target) : '' },
    });
    let report: CaseReport | undefined;
    child.on('message', (message) => (report = message as CaseReport));
    child.on('error', reject);
    child.on('exit', (code) => (report ? resolve(report) : reject(new Error(`${name}: child exited with ${code} and no report`))));
  });
}

function print(report: CaseReport): void {
  const mib = (bytes: number) => `${(bytes / MIB).toFixed(0).padStart(4)} MiB`;
  const mark = report.peakRss <= GOAL_MIB * MIB ? 'meets' : 'OVER';
  console.log(
    `${report.name.padEnd(8)} peak RSS ${mib(report.peakRss)} (${mark} ${GOAL_MIB} MiB)  core loaded ${mib(report.startRss)}  ` +
      `messages built ${mib(report.baselineRss)}  ` +
      `peak heap ${mib(report.peakHeap)}  heap with results ${mib(report.heapWithResults)}  ` +
      `${report.requests.toLocaleString('en-US')} requests in ${(report.elapsedMs / 1000).toFixed(1)} s` +
      (report.problem ? `  WRONG RESULTS: ${report.problem}` : ''),
  );
}

/** The children measure core/dist: say so when core/src changed after the last build. */
function warnIfBuildIsStale(): void {
  const core = fileURLToPath(new URL('../core/', import.meta.url));
  // tsc -b rewrites only what changed, but always its build info.
  const built = statSync(`${core}dist/.tsbuildinfo`, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = Math.max(
    ...readdirSync(`${core}src`, { recursive: true, encoding: 'utf8' }).map((file) => statSync(`${core}src/${file}`).mtimeMs),
  );
  if (newest > built) console.log('WARNING: core/src is newer than core/dist: run `npm run build` first, this measures core/dist.');
}

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    messages: { type: 'string', default: '100000' },
    cases: { type: 'string', default: 'fake,sandbox' },
  },
});
const count = Number(values.messages);

if (values.child) {
  const target = process.env.BENCH_SANDBOX ? (JSON.parse(process.env.BENCH_SANDBOX) as SandboxTarget) : undefined;
  const report = await runCase(values.child as CaseName, count, target);
  process.send!(report, () => process.exit(0));
} else {
  warnIfBuildIsStale();
  console.log(
    `sendBulk memory: ${count.toLocaleString('en-US')} personalised messages (distinct text each), Node ${process.version}, ` +
      `one fresh process per case, RSS sampled every ${SAMPLE_EVERY_MS} ms`,
  );
  for (const name of values.cases.split(',') as CaseName[]) {
    if (name === 'sandbox') {
      // Lifecycle steps far in the future: the carrier does not work through 100k deliveries during the run.
      const sandbox = await startSandbox({ rateLimit: false, deliveryDelayMs: 3_600_000 });
      try {
        print(await runChild(name, count, { url: sandbox.url, authId: sandbox.authId, authToken: sandbox.authToken }));
      } finally {
        await sandbox.stop();
      }
    } else {
      print(await runChild(name, count, undefined));
    }
  }
}
