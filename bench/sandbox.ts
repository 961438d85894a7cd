// Benchmark of the sandbox carrier: start-up time and accepted sends per second (latency 0, rate limit off).
// The load runs in a worker thread with keep-alive connections, so the numbers measure the sandbox, not the client.
// Targets: start < 1 s, >= 2,000 sends/s. Usage: npm run bench:sandbox [-- --sends 20000 --concurrency 64]
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startSandbox } from '../core/src/index.js';

const { values } = parseArgs({
  options: { sends: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '64' } },
});
const SENDS = Number(values.sends);
const CONCURRENCY = Number(values.concurrency);
const TARGET_SENDS_PER_SECOND = 2000;
const TARGET_START_MS = 1000;

// Plain CommonJS so the worker needs no TypeScript loader.
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, authorization, sends, concurrency, offset } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function send(i) {
  const body = JSON.stringify({ src: '+14155552671', dst: '+1' + String(4155500000 + offset + i), text: 'Benchmark message ' + i });
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: {
      Authorization: authorization, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve([res.statusCode, Number(process.hrtime.bigint() - started) / 1e6]));
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  let next = 0;
  const statuses = {};
  const latencies = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < sends) {
      const [status, ms] = await send(next++);
      statuses[status] = (statuses[status] || 0) + 1;
      latencies.push(ms);
    }
  }));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  parentPort.postMessage({ elapsedMs, statuses, p50: pick(0.5), p99: pick(0.99) });
})();
`;

interface LoadResult {
  elapsedMs: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
}

function runLoad(port: number, path: string, authorization: string, sends: number, offset: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { port, path, authorization, sends, concurrency: CONCURRENCY, offset },
    });
    worker.once('message', (result: LoadResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

const startedAt = performance.now();
const sandbox = await startSandbox({ latencyMs: 0, rateLimit: false });
const startMs = performance.now() - startedAt;

const { port } = new URL(sandbox.url);
const path = `/v1/Account/${sandbox.authId}/Message/`;
const authorization = `Basic ${Buffer.from(`${sandbox.authId}:${sandbox.authToken}`).toString('base64')}`;

await runLoad(Number(port), path, authorization, 1000, 900_000); // warm-up (JIT, connections)
sandbox.reset();
const result = await runLoad(Number(port), path, authorization, SENDS, 0);
const perSecond = (SENDS / result.elapsedMs) * 1000;

const recorded = sandbox.state.messages.filter((message) => message.origin === 'api');
const unique = new Set(recorded.map((message) => message.dst)).size;
await sandbox.stop();

const ok = (pass: boolean): string => (pass ? 'ok  ' : 'FAIL');
const startPass = startMs < TARGET_START_MS;
const ratePass = perSecond >= TARGET_SENDS_PER_SECOND;
const recordPass = result.statuses['202'] === SENDS && recorded.length === SENDS && unique === SENDS;
console.log(`Textbridge sandbox benchmark (${SENDS} sends, ${CONCURRENCY} concurrent keep-alive connections, latency 0)`);
console.log(`  ${ok(startPass)} start-up          ${startMs.toFixed(1)} ms (target < ${TARGET_START_MS} ms)`);
console.log(`  ${ok(ratePass)} throughput        ${Math.round(perSecond)} sends/s (target >= ${TARGET_SENDS_PER_SECOND})`);
console.log(`       latency           p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
console.log(`  ${ok(recordPass)} recorded          ${recorded.length} messages, ${unique} unique, statuses ${JSON.stringify(result.statuses)}`);
if (!startPass || !ratePass || !recordPass) process.exitCode = 1;
