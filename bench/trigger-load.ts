// Load on the Plivo SMS Trigger in a real n8n: N signed inbound webhooks (core's plivoSignatureHeaders) at C
// concurrent; every one must be accepted (200) and start exactly one execution (counted in n8n's database).
// Prints acceptance latency p50/p90/p99. Run: npm run bench:trigger [-- --count 5000 --concurrency 200]
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from '../core/src/index.js';
import { createN8nInstance, waitForWebhook } from '../test/support/n8n-runner.js';
import { packN8nPackage } from '../test/support/n8n-community-package.js';
import { plivoSmsCredential } from '../test/support/plivo-workflows.js';
import { executionsPerUuid, inboundTriggerWorkflow } from '../test/reliability/support/n8n-reliability.js';
import { fireSignedWebhooks } from '../test/reliability/support/trigger-load.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '200' } },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const NODES_DIST = fileURLToPath(new URL('../n8n-nodes/dist/', import.meta.url));
const WORKFLOW_ID = 'tbBenchTrigger001';
const WEBHOOK_ID = randomUUID();
const EXECUTIONS_TIMEOUT_MS = 15 * 60_000;

if (!existsSync(NODES_DIST)) throw new Error(`${NODES_DIST} is missing: run \`npm run build\` first.`);
const sandbox = await startSandbox({ rateLimit: false });
const n8n = await createN8nInstance({ communityPackage: await packN8nPackage(), onProgress: (line) => console.log(line) });
try {
  const credential = plivoSmsCredential({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
  await n8n.importCredentials([credential]);
  await n8n.importWorkflow(
    inboundTriggerWorkflow(WORKFLOW_ID, WEBHOOK_ID, { plivoSmsApi: { id: credential.id, name: credential.name } }, sandbox.numbers[0]!),
  );
  await n8n.publishWorkflow(WORKFLOW_ID);
  const server = await n8n.start();
  const url = `${server.baseUrl}/webhook/${WEBHOOK_ID}/plivo-sms`;
  await waitForWebhook(url);

  const result = await fireSignedWebhooks({ url, authToken: sandbox.authToken, from: '+12025550143', to: sandbox.numbers[0]!, count, concurrency });
  const started = Date.now();
  const finished = () => n8n.listExecutions(WORKFLOW_ID).filter((execution) => execution.status !== 'running' && execution.status !== 'new');
  while (finished().length < count && Date.now() - started < EXECUTIONS_TIMEOUT_MS) await new Promise((done) => setTimeout(done, 500));
  const executions = n8n.listExecutions(WORKFLOW_ID);
  const perUuid = executionsPerUuid(n8n.userFolder, WORKFLOW_ID);
  const notOnce = result.messageUuids.filter((uuid) => perUuid.get(uuid) !== 1).length;
  const failed = executions.filter((execution) => execution.status !== 'success').length;

  console.log(`\nPlivo SMS Trigger in n8n ${n8n.installation.version}: ${count} signed webhooks at ${concurrency} concurrent`);
  console.table({
    accepted: { value: `${result.statuses[200] ?? 0} / ${count}` },
    'other statuses': { value: JSON.stringify(Object.fromEntries(Object.entries(result.statuses).filter(([status]) => status !== '200'))) },
    'acceptance p50 (ms)': { value: result.latencyMs.p50 },
    'acceptance p90 (ms)': { value: result.latencyMs.p90 },
    'acceptance p99 (ms)': { value: result.latencyMs.p99 },
    'acceptance max (ms)': { value: result.latencyMs.max },
    'requests / s': { value: result.perSecond },
    executions: { value: executions.length },
    'executions not success': { value: failed },
    'webhooks without exactly one execution': { value: notOnce },
    'all executions done after (ms)': { value: result.wallMs + (Date.now() - started) },
  });
  if (result.statuses[200] !== count || executions.length !== count || notOnce > 0 || failed > 0) process.exitCode = 1;
} finally {
  await n8n.dispose();
  await sandbox.stop();
}
