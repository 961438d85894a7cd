// Our n8n package inside a real n8n under stress: 2,000 sends through Plivo SMS (workflow run with `n8n execute`)
// against a faulty sandbox and a 429 storm; a published Plivo SMS Trigger attacked with forged and hostile requests;
// then a burst of valid signed webhooks, each of which must start exactly one execution. Nothing may show a token.
//
// Replays: the trigger spends every nonce once (core's process-wide store), so a captured valid request starts one
// execution however often it is sent again, with or without its V3 headers; and it answers Plivo with an empty 200.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../core/src/index.js';
import { createN8nInstance, nodeOutputItems, waitForWebhook, type N8nInstance, type N8nItem, type RunningN8n } from '../support/n8n-runner.js';
import { packN8nPackage } from '../support/n8n-community-package.js';
import { plivoSmsCredential } from '../support/plivo-workflows.js';
import { auditFaultRun, formatFigures, inputKey, SOAK, type FaultFigures, type ReportedOutcome } from './support/fault-audit.js';
import { faultInputs, type FaultPlan } from './support/fault-inputs.js';
import { executionsPerUuid, faultSendWorkflow, inboundTriggerWorkflow } from './support/n8n-reliability.js';
import { createSecretLedger, secretForms } from './support/secret-scan.js';
import { fireSignedWebhooks } from './support/trigger-load.js';
import { inboundParams, replayAttacks, signedInbound, webhookAttacks, type WebhookRequestSpec } from './support/webhook-attacks.js';

const COLD_INSTALL_TIMEOUT_MS = 15 * 60_000;
const NODES_DIST = fileURLToPath(new URL('../../n8n-nodes/dist/', import.meta.url));
const SEND_WORKFLOW_ID = 'tbRelFaultSends01';
const TRIGGER_WORKFLOW_ID = 'tbRelTrigger00001';
const TRIGGER_WEBHOOK_ID = randomUUID();
/** The node's client times out after 30 s (core's default; the node has no option for it). */
const SLOW_PAST_TIMEOUT_MS = 31_000;
const FAULTS = { error503: 0.1, error500: 0.05, reset: 0.05 } as const;
const PHONE = '+12025550143';
const LOAD = SOAK ? { count: 5000, concurrency: 200 } : { count: 300, concurrency: 50 };
/** n8n stores a few executions per second on 2 busy cores: the waits grow with the load. */
const LOAD_TIMEOUT_MS = 120_000 + LOAD.count * 400;

const FAULT_PLAN: FaultPlan = { count: SOAK ? 10_000 : 1_700, tagPrefix: 'nf', firstContact: 0, groupedShare: 0.2, groupSize: 50 };
const STORM_PLAN: FaultPlan = { count: SOAK ? 2_000 : 300, tagPrefix: 'ns', firstContact: 60_000, groupedShare: 0.2, groupSize: 50 };

const accounts = {
  faults: { authId: 'MARELIABILITYN8N0001', authToken: 'ReliabilityFaultsToken-0a1b2c3d4e5f' },
  storm: { authId: 'MARELIABILITYN8N0002', authToken: 'ReliabilityStormToken-6a7b8c9d0e1f' },
  trigger: { authId: 'MARELIABILITYN8N0003', authToken: 'ReliabilityTriggerToken-2a3b4c5d6e7f' },
};
const ledger = createSecretLedger();

/** A sent item is the send output; a failed one `{ error, details }` with the send output in `details`. */
function outcomeOf(item: N8nItem, key: string): ReportedOutcome {
  const json = item.json as {
    status?: string;
    details?: { status?: string };
    messageUuids?: string[];
    error?: { code?: string } | string | null;
  };
  const status = json.status ?? json.details?.status;
  if (status === 'queued') return { key, outcome: 'sent', messageUuids: json.messageUuids ?? [] };
  if (status === 'unknown') return { key, outcome: 'unknown' };
  const code = typeof json.error === 'object' && json.error !== null ? json.error.code : undefined;
  return { key, outcome: 'failed', code: code ?? 'none' };
}

function auditBranch(label: string, items: N8nItem[], plan: FaultPlan, sandbox: Sandbox): FaultFigures {
  const inputs = faultInputs(plan);
  const keys = inputs.map((input) => inputKey(input.tag, input.phone));
  const outcomes = items.map((item, i) => {
    const paired = item.pairedItem as { item?: number } | undefined;
    return outcomeOf(item, keys[paired?.item ?? i] ?? `unpaired-${i}`);
  });
  const figures = auditFaultRun({
    inputKeys: keys,
    outcomes,
    accepted: sandbox.state.messages.filter((message) => message.direction === 'outbound'),
    // The node's retries happen inside n8n; the sandbox saw each retried request as one more request.
    retried: sandbox.state.faultCounts.error503 + sandbox.state.requestCounts.rateLimited,
    faults: { ...sandbox.state.faultCounts, rateLimited: sandbox.state.requestCounts.rateLimited },
  });
  console.log(formatFigures(label, figures));
  return figures;
}

async function send(request: WebhookRequestSpec): Promise<{ status: number; body: string }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const body = await response.text();
  ledger.record(`webhook answer (${request.name})`, body);
  return { status: response.status, body };
}

describe.sequential('Plivo SMS nodes in a real n8n under faults and attacks', () => {
  let sandboxes: { faults: Sandbox; storm: Sandbox; trigger: Sandbox };
  let n8n: N8nInstance;
  let server: RunningN8n | undefined;
  let webhookUrl: string;
  let stopCapture: () => void;

  beforeAll(async () => {
    stopCapture = ledger.captureProcessOutput();
    if (!existsSync(NODES_DIST)) throw new Error(`${NODES_DIST} is missing: run \`npm run build\` first.`);
    sandboxes = {
      faults: await startSandbox({
        ...accounts.faults,
        rateLimit: false,
        deliveryDelayMs: 600_000,
        faults: { ...FAULTS, slow: { probability: 0.003, ms: SLOW_PAST_TIMEOUT_MS } },
        seed: 80,
      }),
      storm: await startSandbox({ ...accounts.storm, rateLimit: { requests: 20, windowMs: 200 }, deliveryDelayMs: 600_000, faults: FAULTS, seed: 81 }),
      trigger: await startSandbox({ ...accounts.trigger, rateLimit: false }),
    };
    n8n = await createN8nInstance({ communityPackage: await packN8nPackage(), onProgress: (line) => console.log(line) });
    webhookUrl = `${n8n.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/plivo-sms`;
    const credentials = (['faults', 'storm', 'trigger'] as const).map((name, i) =>
      plivoSmsCredential({ ...accounts[name], baseUrl: sandboxes[name].url }, `tbRelCredential0${i}`, `Plivo sandbox (${name})`),
    );
    await n8n.importCredentials(credentials);
    const ref = (i: number) => ({ plivoSmsApi: { id: credentials[i]!.id, name: credentials[i]!.name } });
    await n8n.importWorkflow(
      faultSendWorkflow(SEND_WORKFLOW_ID, [
        { name: 'Faults', plan: FAULT_PLAN, credentials: ref(0), from: sandboxes.faults.numbers[0]! },
        { name: 'Storm', plan: STORM_PLAN, credentials: ref(1), from: sandboxes.storm.numbers[0]! },
      ]),
    );
    await n8n.importWorkflow(inboundTriggerWorkflow(TRIGGER_WORKFLOW_ID, TRIGGER_WEBHOOK_ID, ref(2), sandboxes.trigger.numbers[0]!));
    // A running n8n does not see activations made by the CLI: publish first, start later.
    await n8n.publishWorkflow(TRIGGER_WORKFLOW_ID);
  }, COLD_INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    stopCapture?.();
    await n8n?.dispose();
    await Promise.all(Object.values(sandboxes ?? {}).map((sandbox) => sandbox.stop()));
  }, 60_000);

  it(`sends ${FAULT_PLAN.count + STORM_PLAN.count} messages through the node under faults and a 429 storm: one result each, no duplicates, none lost`, async () => {
    const run = await n8n.execute(SEND_WORKFLOW_ID);
    ledger.record('n8n run data', run);
    const faultItems = nodeOutputItems(run, 'Faults send');
    const stormItems = nodeOutputItems(run, 'Storm send');
    const figures = [
      auditBranch('n8n faults', faultItems, FAULT_PLAN, sandboxes.faults),
      auditBranch('n8n 429 storm', stormItems, STORM_PLAN, sandboxes.storm),
    ];
    for (const [i, items] of [faultItems, stormItems].entries()) {
      const plan = i === 0 ? FAULT_PLAN : STORM_PLAN;
      expect(items).toHaveLength(plan.count);
      expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(items.map((_, index) => index));
    }
    for (const figure of figures) {
      expect(figure.sent + figure.unknown + figure.failed).toBe(figure.inputs);
      expect(figure.doubleResults).toBe(0);
      expect(figure.duplicates).toBe(0);
      expect(figure.lost).toBe(0);
      expect(figure.phantom).toBe(0);
      expect((figure.faults.error503 ?? 0) + (figure.faults.error500 ?? 0) + (figure.faults.reset ?? 0)).toBeGreaterThan(0);
      expect(figure.unknown).toBeGreaterThan(0);
    }
    expect(figures[0]!.faults.slow).toBeGreaterThan(0);
    expect(figures[1]!.faults.rateLimited).toBeGreaterThan(0);
  }, SOAK ? 1_800_000 : 900_000);

  it('refuses every forged or hostile webhook (401/403/413/400/415), starts no execution for it, and keeps serving valid ones', async () => {
    server = await n8n.start();
    await waitForWebhook(webhookUrl);
    const ourNumber = sandboxes.trigger.numbers[0]!;
    const attacks = webhookAttacks(webhookUrl, accounts.trigger.authToken, PHONE, ourNumber);
    const forgedUuids = new Set(attacks.map((attack) => new URLSearchParams(attack.body).get('MessageUUID')).filter(Boolean));
    const validUuids: string[] = [];
    const before = n8n.listExecutions(TRIGGER_WORKFLOW_ID).length;
    const answers: { name: string; status: number; expected: readonly number[] }[] = [];
    for (const attack of attacks) {
      const answer = await send(attack);
      answers.push({ name: attack.name, status: answer.status, expected: attack.refusedWith });
      const params = inboundParams(PHONE, ourNumber, `valid after: ${attack.name}`);
      validUuids.push(params.MessageUUID!);
      const next = await send(signedInbound(webhookUrl, accounts.trigger.authToken, params));
      expect(next.status, `a valid request after "${attack.name}"`).toBe(200);
    }
    expect(answers.filter((answer) => !answer.expected.includes(answer.status))).toEqual([]);

    await expect
      .poll(() => n8n.listExecutions(TRIGGER_WORKFLOW_ID).length, { timeout: 30_000, interval: 250 })
      .toBe(before + attacks.length);
    // Give a wrongly started execution time to show up before concluding there is none.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const perUuid = executionsPerUuid(n8n.userFolder, TRIGGER_WORKFLOW_ID);
    expect(n8n.listExecutions(TRIGGER_WORKFLOW_ID)).toHaveLength(before + attacks.length);
    expect(validUuids.filter((uuid) => perUuid.get(uuid) !== 1)).toEqual([]);
    expect([...forgedUuids].filter((uuid) => perUuid.has(uuid!))).toEqual([]);
    console.log(`[reliability] n8n webhook attacks: ${answers.map((answer) => `${answer.name} -> ${answer.status}`).join('; ')}`);
  }, 300_000);

  it('answers a valid request with an empty 200, and its replays and downgraded copies with 401/403, starting one execution', async () => {
    expect(server, 'the previous test starts n8n').toBeDefined();
    const { genuine, attacks } = replayAttacks(webhookUrl, accounts.trigger.authToken, PHONE, sandboxes.trigger.numbers[0]!);
    const uuid = new URLSearchParams(genuine.body).get('MessageUUID')!;
    const before = n8n.listExecutions(TRIGGER_WORKFLOW_ID).length;
    // Plivo reads the body as a reply document: an empty one, not n8n's JSON or the text "firstEntryJson".
    expect(await send(genuine)).toEqual({ status: 200, body: '' });
    const answers = [];
    for (const attack of attacks) answers.push({ name: attack.name, status: (await send(attack)).status, expected: attack.refusedWith });
    expect(answers.filter((answer) => !answer.expected.includes(answer.status))).toEqual([]);
    await expect
      .poll(() => executionsPerUuid(n8n.userFolder, TRIGGER_WORKFLOW_ID).get(uuid), { timeout: 20_000, interval: 250 })
      .toBe(1);
    // Give a wrongly started execution time to show up before concluding there is none.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(n8n.listExecutions(TRIGGER_WORKFLOW_ID)).toHaveLength(before + 1);
    console.log(`[reliability] n8n replays: ${answers.map((answer) => `${answer.name} -> ${answer.status}`).join('; ')}`);
  }, 60_000);

  it(`accepts ${LOAD.count} signed webhooks at ${LOAD.concurrency} concurrent, each starting exactly one execution`, async () => {
    expect(server, 'an earlier test starts n8n').toBeDefined();
    const before = n8n.listExecutions(TRIGGER_WORKFLOW_ID).length;
    const result = await fireSignedWebhooks({
      url: webhookUrl,
      authToken: accounts.trigger.authToken,
      from: PHONE,
      to: sandboxes.trigger.numbers[0]!,
      ...LOAD,
    });
    console.log(
      `[reliability] n8n trigger load: ${result.count} webhooks at ${result.concurrency} concurrent in ${result.wallMs} ms ` +
        `(${result.perSecond}/s), statuses ${JSON.stringify(result.statuses)}, acceptance latency p50 ${result.latencyMs.p50} ms, ` +
        `p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms`,
    );
    expect(result.statuses).toEqual({ 200: LOAD.count });
    const finished = () => n8n.listExecutions(TRIGGER_WORKFLOW_ID).slice(before).filter((execution) => execution.finished || execution.status !== 'running');
    await expect.poll(() => finished().length, { timeout: LOAD_TIMEOUT_MS, interval: 500 }).toBe(LOAD.count);
    expect(n8n.listExecutions(TRIGGER_WORKFLOW_ID)).toHaveLength(before + LOAD.count);
    const perUuid = executionsPerUuid(n8n.userFolder, TRIGGER_WORKFLOW_ID);
    expect(result.messageUuids.filter((uuid) => perUuid.get(uuid) !== 1)).toEqual([]);
    const statuses = finished().map((execution) => execution.status);
    expect(statuses.filter((status) => status !== 'success')).toEqual([]);
  }, 2 * LOAD_TIMEOUT_MS);

  it('shows no auth token or Authorization value in node output, errors, webhook answers or n8n logs', () => {
    if (server) ledger.record('n8n logs', server.logs());
    expect(ledger.size()).toBeGreaterThan(0);
    const secrets = Object.values(accounts).flatMap((account) => secretForms(account.authId, account.authToken));
    expect(ledger.leaks(secrets)).toEqual([]);
  });
});
