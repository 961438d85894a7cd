// Our Plivo SMS Trigger (version 2) against n8n's own Webhook node, in the same real n8n and the same run, under the
// same inbound load: signed Plivo inbound webhooks paced at --rate per second for --seconds, then a burst of --burst
// at --concurrency. Both workflows have the same downstream (a No Operation node), so the difference is the trigger.
//
// Measured end to end: from the moment a request is sent to the moment n8n recorded its execution finished
// (execution_entity.stoppedAt, same machine clock), matched through the MessageUUID in the stored run data. Also
// printed: acceptance latency (until the HTTP answer). Throughput of a phase: executions finished / (last one
// finished - first request sent). Each phase runs --rounds times, alternating which target goes first, so that a
// change in the machine's other load hits both alike.
//
// Goals (issue #15): ours >= 0.8x the Webhook node's burst throughput, end-to-end p99 <= 1.5x the Webhook node's in
// both phases, exactly one execution per accepted request. Run: npm run bench:trigger [-- --seconds 30 --burst 300]
// --with-v1 adds the trigger as version 1 (saved workflows); --n8n-env NAME=value runs n8n with a setting changed.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from '../core/src/index.js';
import { createN8nInstance, waitForWebhook, type N8nInstance } from '../test/support/n8n-runner.js';
import { packN8nPackage } from '../test/support/n8n-community-package.js';
import { plivoSmsCredential, plivoSmsTriggerNodeType } from '../test/support/plivo-workflows.js';
import { executionsOfUuids, TRIGGER_TYPE_VERSION } from '../test/reliability/support/n8n-reliability.js';
import {
  fireSignedWebhooks,
  firePacedWebhooks,
  percentile,
  type SentWebhook,
  type TriggerLoadResult,
} from '../test/reliability/support/trigger-load.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
    burst: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '30' },
    // Also run the trigger as version 1 (saved workflows): what (a) and (b) of issue #15 cost.
    'with-v1': { type: 'boolean', default: false },
    // n8n settings for this run, e.g. --n8n-env N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (repeatable).
    'n8n-env': { type: 'string', multiple: true, default: [] },
  },
});
const N8N_ENV = Object.fromEntries(
  values['n8n-env'].map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--n8n-env takes NAME=value, not "${pair}".`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const BURST = Number(values.burst);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const WARMUP = Number(values.warmup);
const GOAL_THROUGHPUT_RATIO = 0.8;
const GOAL_P99_RATIO = 1.5;
const DRAIN_TIMEOUT_MS = 10 * 60_000;
const NODES_DIST = fileURLToPath(new URL('../n8n-nodes/dist/', import.meta.url));
const PHONE = '+12025550143';

type TargetName = 'ours' | 'webhook' | 'v1';
type PhaseName = 'paced' | 'burst';

interface Target {
  name: TargetName;
  label: string;
  workflowId: string;
  url: string;
}

interface Sample extends SentWebhook {
  executions: number;
  stoppedAt: number | null;
  statusesOk: boolean;
}

const downstream = (x: number) => ({
  id: randomUUID(),
  name: 'Downstream',
  type: 'n8n-nodes-base.noOp',
  typeVersion: 1,
  position: [x, 0],
  parameters: {},
});

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Waits until n8n finished an execution for every accepted request, then reads when each finished. */
async function collect(n8n: N8nInstance, target: Target, result: TriggerLoadResult): Promise<Sample[]> {
  const accepted = result.requests.filter((request) => request.status === 200);
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let found = executionsOfUuids(n8n.userFolder, target.workflowId, accepted.map((request) => request.messageUuid));
  const done = () => accepted.every((request) => found.get(request.messageUuid)?.every((execution) => execution.stoppedAt !== null));
  while (!done() && Date.now() < deadline) {
    await sleep(500);
    found = executionsOfUuids(n8n.userFolder, target.workflowId, accepted.map((request) => request.messageUuid));
  }
  // Give a duplicate execution a moment to show up before counting.
  await sleep(1000);
  found = executionsOfUuids(n8n.userFolder, target.workflowId, result.requests.map((request) => request.messageUuid));
  return result.requests.map((request) => {
    const executions = found.get(request.messageUuid) ?? [];
    return {
      ...request,
      executions: executions.length,
      stoppedAt: executions[0]?.stoppedAt ?? null,
      statusesOk: executions.every((execution) => execution.status === 'success'),
    };
  });
}

async function runPhase(n8n: N8nInstance, target: Target, phase: PhaseName, authToken: string, to: string): Promise<Sample[]> {
  const common = { url: target.url, authToken, from: PHONE, to };
  const result =
    phase === 'paced'
      ? await firePacedWebhooks({ ...common, count: RATE * SECONDS, perSecond: RATE })
      : await fireSignedWebhooks({ ...common, count: BURST, concurrency: CONCURRENCY });
  return await collect(n8n, target, result);
}

interface Figures {
  sent: number;
  accepted: number;
  /** Answers other than 200: HTTP status (0: no answer) -> requests. */
  otherStatuses: Record<number, number>;
  exactlyOnce: number;
  failedExecutions: number;
  throughput: number;
  e2eP50: number;
  e2eP99: number;
  acceptP50: number;
  acceptP99: number;
}

/** Figures of one target in one phase, over all its rounds (each round's throughput window counted separately). */
function figures(rounds: Sample[][]): Figures {
  const all = rounds.flat();
  const e2e = all.filter((s) => s.stoppedAt !== null).map((s) => s.stoppedAt! - s.sentAt).sort((a, b) => a - b);
  const accept = all.map((s) => s.acceptanceMs).sort((a, b) => a - b);
  let finished = 0;
  let windowMs = 0;
  for (const round of rounds) {
    const stops = round.filter((s) => s.stoppedAt !== null).map((s) => s.stoppedAt!);
    if (stops.length === 0) continue;
    finished += stops.length;
    windowMs += Math.max(...stops) - Math.min(...round.map((s) => s.sentAt));
  }
  return {
    sent: all.length,
    accepted: all.filter((s) => s.status === 200).length,
    otherStatuses: all.filter((s) => s.status !== 200).reduce<Record<number, number>>((counts, s) => ({ ...counts, [s.status]: (counts[s.status] ?? 0) + 1 }), {}),
    exactlyOnce: all.filter((s) => s.executions === 1).length,
    failedExecutions: all.filter((s) => !s.statusesOk).length,
    throughput: windowMs > 0 ? (finished / windowMs) * 1000 : 0,
    e2eP50: percentile(e2e, 50),
    e2eP99: percentile(e2e, 99),
    acceptP50: percentile(accept, 50),
    acceptP99: percentile(accept, 99),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

if (!existsSync(NODES_DIST)) throw new Error(`${NODES_DIST} is missing: run \`npm run build\` first.`);
const sandbox = await startSandbox({ rateLimit: false });
const n8n = await createN8nInstance({ communityPackage: await packN8nPackage(), env: N8N_ENV, onProgress: (line) => console.log(line) });
try {
  const credential = plivoSmsCredential({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
  await n8n.importCredentials([credential]);
  const ourNumber = sandbox.numbers[0]!;
  const oursHook = randomUUID();
  const webhookPath = randomUUID();
  await n8n.importWorkflow({
    id: 'tbBenchTriggerOurs',
    name: 'bench: Plivo SMS Trigger',
    nodes: [
      {
        id: randomUUID(),
        name: 'Inbound SMS',
        type: plivoSmsTriggerNodeType,
        typeVersion: TRIGGER_TYPE_VERSION,
        position: [0, 0],
        webhookId: oursHook,
        credentials: { plivoSmsApi: { id: credential.id, name: credential.name } },
        parameters: { event: 'inbound', numbers: [ourNumber], verifySignature: true, options: {} },
      },
      downstream(220),
    ],
    connections: { 'Inbound SMS': { main: [[{ node: 'Downstream', type: 'main', index: 0 }]] } },
  });
  const v1Hook = randomUUID();
  if (values['with-v1']) {
    await n8n.importWorkflow({
      id: 'tbBenchTriggerV1',
      name: 'bench: Plivo SMS Trigger v1',
      nodes: [
        {
          id: randomUUID(),
          name: 'Inbound SMS',
          type: plivoSmsTriggerNodeType,
          typeVersion: 1,
          position: [0, 0],
          webhookId: v1Hook,
          credentials: { plivoSmsApi: { id: credential.id, name: credential.name } },
          parameters: { event: 'inbound', numbers: [ourNumber], verifySignature: true, options: {} },
        },
        downstream(220),
      ],
      connections: { 'Inbound SMS': { main: [[{ node: 'Downstream', type: 'main', index: 0 }]] } },
    });
    await n8n.publishWorkflow('tbBenchTriggerV1');
  }
  await n8n.importWorkflow({
    id: 'tbBenchTriggerHook',
    name: "bench: n8n's Webhook node",
    nodes: [
      {
        id: randomUUID(),
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2.1,
        position: [0, 0],
        webhookId: webhookPath,
        parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
      },
      downstream(220),
    ],
    connections: { Webhook: { main: [[{ node: 'Downstream', type: 'main', index: 0 }]] } },
  });
  await n8n.publishWorkflow('tbBenchTriggerOurs');
  await n8n.publishWorkflow('tbBenchTriggerHook');
  const server = await n8n.start();
  const targets: Target[] = [
    { name: 'ours', label: `Plivo SMS Trigger v${TRIGGER_TYPE_VERSION}`, workflowId: 'tbBenchTriggerOurs', url: `${server.baseUrl}/webhook/${oursHook}/plivo-sms` },
    { name: 'webhook', label: 'n8n Webhook node v2.1', workflowId: 'tbBenchTriggerHook', url: `${server.baseUrl}/webhook/${webhookPath}` },
  ];
  if (values['with-v1']) {
    targets.push({ name: 'v1', label: 'Plivo SMS Trigger v1', workflowId: 'tbBenchTriggerV1', url: `${server.baseUrl}/webhook/${v1Hook}/plivo-sms` });
  }
  for (const target of targets) await waitForWebhook(target.url);

  // Warm-up (not measured): JIT, n8n's caches, the credential's first load.
  for (const target of targets) {
    const warm = await fireSignedWebhooks({ url: target.url, authToken: sandbox.authToken, from: PHONE, to: ourNumber, count: WARMUP, concurrency: 5 });
    await collect(n8n, target, warm);
  }

  const samples: Record<PhaseName, Record<TargetName, Sample[][]>> = {
    paced: { ours: [], webhook: [], v1: [] },
    burst: { ours: [], webhook: [], v1: [] },
  };
  for (const phase of ['paced', 'burst'] as const) {
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        console.log(`${phase} round ${round + 1}/${ROUNDS}: ${target.label} (load average ${loadavg()[0]!.toFixed(2)})`);
        samples[phase][target.name].push(await runPhase(n8n, target, phase, sandbox.authToken, ourNumber));
      }
    }
  }

  const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg().map((v) => v.toFixed(2)).join(' / ')}`;
  console.log(`\nn8n ${n8n.installation.version}, ${new Date().toISOString().slice(0, 10)}, ${machine}`);
  const settings = Object.entries(N8N_ENV).map(([name, value]) => `${name}=${value}`);
  console.log(`n8n settings: ${settings.length === 0 ? "n8n's defaults" : settings.join(' ')}`);
  console.log(
    `Load: paced ${RATE}/s for ${SECONDS} s (${RATE * SECONDS} requests) and a burst of ${BURST} at ${CONCURRENCY} concurrent; ` +
      `${ROUNDS} rounds per phase, alternating order. End to end = request sent -> execution stoppedAt in n8n's database.`,
  );
  let correct = true;
  const verdicts: string[] = [];
  for (const phase of ['paced', 'burst'] as const) {
    const ours = figures(samples[phase].ours);
    const hook = figures(samples[phase].webhook);
    const row = (f: Figures) => ({
      accepted: `${f.accepted} / ${f.sent}`,
      'other answers': Object.entries(f.otherStatuses).map(([status, count]) => `${count}x ${status === '0' ? 'none' : status}`).join(', ') || '-',
      'exactly one execution': `${f.exactlyOnce} / ${f.sent}`,
      'executions not success': f.failedExecutions,
      'throughput (/s)': Number(f.throughput.toFixed(1)),
      'end-to-end p50': seconds(f.e2eP50),
      'end-to-end p99': seconds(f.e2eP99),
      'acceptance p50': seconds(f.acceptP50),
      'acceptance p99': seconds(f.acceptP99),
    });
    console.log(`\n${phase === 'paced' ? `Paced ${RATE}/s` : `Burst of ${BURST} at ${CONCURRENCY} concurrent`}`);
    console.table(Object.fromEntries(targets.map((target) => [target.label, row(target.name === 'ours' ? ours : target.name === 'webhook' ? hook : figures(samples[phase].v1))])));
    const throughputRatio = ours.throughput / hook.throughput;
    const p99Ratio = ours.e2eP99 / hook.e2eP99;
    const noAnswer = [...new Set(Object.values(samples[phase]).flat(2).flatMap((s) => (s.error ? [s.error] : [])))];
    if (noAnswer.length > 0) console.log(`no answer because: ${noAnswer.join('; ')}`);
    console.log(`throughput ratio (ours / Webhook node): ${throughputRatio.toFixed(2)}; end-to-end p99 ratio: ${p99Ratio.toFixed(2)}`);
    if (phase === 'burst') verdicts.push(`burst throughput >= ${GOAL_THROUGHPUT_RATIO}x: ${throughputRatio >= GOAL_THROUGHPUT_RATIO ? 'met' : 'NOT met'} (${throughputRatio.toFixed(2)}x)`);
    verdicts.push(`${phase} end-to-end p99 <= ${GOAL_P99_RATIO}x: ${p99Ratio <= GOAL_P99_RATIO ? 'met' : 'NOT met'} (${p99Ratio.toFixed(2)}x)`);
    const oncePerRequest = ours.accepted === ours.sent && ours.exactlyOnce === ours.sent && ours.failedExecutions === 0;
    verdicts.push(`${phase}: every request to ours accepted and run exactly once: ${oncePerRequest ? 'met' : 'NOT met'}`);
    correct &&= oncePerRequest;
  }
  console.log(`\nGoals:\n${verdicts.map((line) => `  ${line}`).join('\n')}`);
  if (!correct) {
    const errors = server.logs().split('\n').filter((line) => /error|warn/i.test(line));
    console.log(`\nn8n's errors and warnings (last 20 of ${errors.length}):\n${errors.slice(-20).join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  await n8n.dispose();
  await sandbox.stop();
}
