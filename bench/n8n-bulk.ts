// n8n benchmark: `npm run bench:n8n` (after `npm run build`). In one real n8n run, the same contacts go through
// n8n's built-in Plivo node and through ours, both answered by the Textbridge sandbox with the same latency (the
// built-in node's hard-coded https://api.plivo.com is answered by the sandbox in-process, see
// test/support/api-origin-redirect.mjs). Then our node, with its default pacing, runs against a sandbox enforcing
// Plivo's 300 requests / 5 s, and the share of that ceiling it reaches is printed. Timings are n8n's own per-node
// execution times. It prints figures only; it asserts nothing.
// Knobs: BENCH_ITEMS (10000), BENCH_CEILING_ITEMS (3000), BENCH_LATENCY_MS (5).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSandbox, type Sandbox } from '../core/src/index.js';
import {
  createN8nInstance,
  ensureN8nInstalled,
  nodeOutputItems,
  nodeTask,
  type N8nRun,
  type N8nWorkflowInput,
} from '../test/support/n8n-runner.js';
import { contactsCodeNode, plivoSmsCredential, plivoSmsNodeType } from '../test/support/plivo-workflows.js';
import { packN8nPackage } from '../test/support/n8n-community-package.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const CEILING_ITEMS = Number(process.env.BENCH_CEILING_ITEMS ?? 3_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 5);
/** Plivo's account-wide API limit, which the rate-limited sandbox enforces. */
const CEILING = { requests: 300, windowMs: 5000 };
/** Lifts our node's pacing for the comparison, where the sandbox enforces no limit (the schema's maximum). */
const UNPACED_REQUESTS_PER_SECOND = 1_000_000;

const NODES_DIST = fileURLToPath(new URL('../n8n-nodes/dist/', import.meta.url));
const REDIRECT_PRELOAD = pathToFileURL(fileURLToPath(new URL('../test/support/api-origin-redirect.mjs', import.meta.url))).href;
const PERSONALISED_TEXT = '=Hi {{ $json.name }}, your appointment is on {{ $json.appointment }}. Reply C to confirm.';
const SHARED_TEXT = 'Reminder: your appointment is tomorrow. Reply C to confirm.';

interface Branch {
  node: string;
  label: string;
  parameters: Record<string, unknown>;
  type: string;
  typeVersion: number;
  credentials: Record<string, { id: string; name: string }>;
}

function ourSend(text: string, options: Record<string, unknown>): Record<string, unknown> {
  return {
    resource: 'message',
    operation: 'send',
    senderType: 'src',
    from: { __rl: true, mode: 'id', value: '+14155552671' },
    to: '={{ $json.phone }}',
    messageType: 'sms',
    text,
    options,
  };
}

/** Manual Trigger -> contacts -> every branch, one after the other (n8n's v1 execution order runs branches in turn). */
function workflow(id: string, count: number, branches: Branch[]): N8nWorkflowInput {
  return {
    id,
    name: `bench ${id}`,
    nodes: [
      { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      contactsCodeNode('Contacts', count, [220, 0]),
      ...branches.map((branch, index) => ({
        id: randomUUID(),
        name: branch.node,
        type: branch.type,
        typeVersion: branch.typeVersion,
        position: [440, index * 200],
        credentials: branch.credentials,
        parameters: branch.parameters,
      })),
    ],
    connections: {
      Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
      Contacts: { main: [branches.map((branch) => ({ node: branch.node, type: 'main', index: 0 }))] },
    },
  };
}

function itemsPerSecond(run: N8nRun, node: string, count: number): { seconds: number; rate: number; outputs: number } {
  const seconds = nodeTask(run, node).executionTime / 1000;
  return { seconds, rate: count / seconds, outputs: nodeOutputItems(run, node).length };
}

function apiMessages(sandbox: Sandbox): number {
  return sandbox.state.messages.filter((message) => message.direction === 'outbound' && message.origin === 'api').length;
}

const format = (value: number, digits = 0): string => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  if (!existsSync(NODES_DIST)) throw new Error(`${NODES_DIST} is missing: run \`npm run build\` first.`);
  const installation = await ensureN8nInstalled({ onProgress: (line) => console.log(line) });
  const unlimited = await startSandbox({ port: 0, latencyMs: LATENCY_MS, rateLimit: false });
  const limited = await startSandbox({ port: 0, latencyMs: LATENCY_MS, rateLimit: { ...CEILING } });
  const n8n = await createN8nInstance({
    installation,
    communityPackage: await packN8nPackage(),
    env: {
      NODE_OPTIONS: `--import=${REDIRECT_PRELOAD}`,
      TEXTBRIDGE_PLIVO_REDIRECT_TARGET: unlimited.url,
      TEXTBRIDGE_NOCK_PATH: createRequire(import.meta.url).resolve('nock'),
    },
  });
  try {
    const ours = plivoSmsCredential({ authId: unlimited.authId, authToken: unlimited.authToken, baseUrl: unlimited.url }, 'tbBenchOurs00001', 'ours: unlimited sandbox');
    const oursLimited = plivoSmsCredential({ authId: limited.authId, authToken: limited.authToken, baseUrl: limited.url }, 'tbBenchOursLimit1', 'ours: rate-limited sandbox');
    const builtIn = { id: 'tbBenchBuiltIn001', name: 'built-in: sandbox via api.plivo.com', type: 'plivoApi', data: { authId: unlimited.authId, authToken: unlimited.authToken } };
    await n8n.importCredentials([ours, oursLimited, builtIn]);
    const credentialOf = (credential: { id: string; name: string }, type: string) => ({ [type]: { id: credential.id, name: credential.name } });

    const comparison: Branch[] = [
      {
        node: 'Built-in Plivo',
        label: "n8n's built-in Plivo node (one request per item, in sequence)",
        type: 'n8n-nodes-base.plivo',
        typeVersion: 1,
        credentials: credentialOf(builtIn, 'plivoApi'),
        parameters: { resource: 'sms', operation: 'send', from: '+14155552671', to: '={{ $json.phone }}', message: PERSONALISED_TEXT },
      },
      {
        node: 'Ours personalised',
        label: 'ours, personalised texts (one request per item, concurrent, pacing lifted)',
        type: plivoSmsNodeType,
        typeVersion: 1,
        credentials: credentialOf(ours, 'plivoSmsApi'),
        parameters: ourSend(PERSONALISED_TEXT, { maxRequestsPerSecond: UNPACED_REQUESTS_PER_SECOND }),
      },
      {
        node: 'Ours shared text',
        label: 'ours, one shared text (batched: up to 1,000 recipients per request)',
        type: plivoSmsNodeType,
        typeVersion: 1,
        credentials: credentialOf(ours, 'plivoSmsApi'),
        parameters: ourSend(SHARED_TEXT, {}),
      },
    ];
    await n8n.importWorkflow(workflow('tbBenchCompare01', ITEMS, comparison));
    const ceilingBranch: Branch = {
      node: 'Ours default pacing',
      label: 'ours, personalised texts, default pacing',
      type: plivoSmsNodeType,
      typeVersion: 1,
      credentials: credentialOf(oursLimited, 'plivoSmsApi'),
      parameters: ourSend(PERSONALISED_TEXT, {}),
    };
    await n8n.importWorkflow(workflow('tbBenchCeiling01', CEILING_ITEMS, [ceilingBranch]));

    console.log(`\n${format(ITEMS)} items per node, sandbox latency ${LATENCY_MS} ms per request, n8n ${installation.version}:`);
    const compared = await n8n.execute('tbBenchCompare01');
    const rates = comparison.map((branch) => ({ branch, ...itemsPerSecond(compared, branch.node, ITEMS) }));
    for (const { branch, seconds, rate, outputs } of rates) {
      console.log(`  ${branch.label.padEnd(78)} ${format(rate).padStart(8)} items/s  (${format(seconds, 1)} s, ${format(outputs)} output items)`);
    }
    console.log(`  sandbox recorded ${format(apiMessages(unlimited))} messages for ${format(ITEMS * comparison.length)} sends`);
    const [reference, ...others] = rates;
    for (const other of others) {
      console.log(`  ratio ${other.branch.node} / ${reference!.branch.node}: ${format(other.rate / reference!.rate, 2)}x`);
    }

    console.log(`\nAgainst Plivo's limit (${CEILING.requests} requests / ${CEILING.windowMs / 1000} s), ${format(CEILING_ITEMS)} personalised texts:`);
    const ceilingRun = await n8n.execute('tbBenchCeiling01');
    const { seconds } = itemsPerSecond(ceilingRun, ceilingBranch.node, CEILING_ITEMS);
    const counts = limited.state.requestCounts;
    const accepted = counts.total - counts.rateLimited - counts.unauthorized;
    const ceilingRate = CEILING.requests / (CEILING.windowMs / 1000);
    console.log(`  ${ceilingBranch.label}: ${format(accepted / seconds, 1)} accepted requests/s in ${format(seconds, 1)} s`);
    console.log(`  share of the ceiling (${format(ceilingRate)} requests/s) reached: ${format((100 * accepted) / seconds / ceilingRate, 1)} %`);
    console.log(`  429 answers: ${format(counts.rateLimited)}; sandbox recorded ${format(apiMessages(limited))} messages for ${format(CEILING_ITEMS)} sends`);
  } finally {
    await n8n.dispose();
    await unlimited.stop();
    await limited.stop();
  }
}

await main();
