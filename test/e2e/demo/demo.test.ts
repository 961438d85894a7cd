// `npm start` headless: the demo runner in a child process on free ports and a throw-away n8n data folder (the n8n
// install itself comes from the shared cache). One demo start serves every test: example 1 run as the editor's
// button runs it, the two-way and delivery-alert workflows answering through the sandbox, then Ctrl-C (SIGINT) must
// stop everything. A second block checks that a taken port fails fast with a message naming it.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExample } from '../../../n8n-nodes/dev/examples.js';
import { DEMO_OWNER, executionNodeOutput, login, runWorkflowManually, waitForExecution } from '../../../n8n-nodes/dev/demo-n8n.js';
import { freePorts } from '../../support/ports.js';
import { isProcessAlive, spawnManaged, tail, type ManagedProcess } from '../../support/processes.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEMO_SCRIPT = join(REPO_ROOT, 'n8n-nodes', 'dev', 'demo.ts');
const COLD_START_TIMEOUT_MS = 15 * 60_000;
const OUR_NUMBER = '14155552671';
const STAFF = '12025550100';

interface SandboxStateMessage {
  uuid: string;
  direction: string;
  origin: string;
  src: string;
  dst: string;
  text: string;
  status: string;
}

/** The demo runner with the given environment on top of this process's (its own Node 24 runs it through tsx). */
function spawnDemo(env: Record<string, string>): ManagedProcess {
  return spawnManaged(process.execPath, ['--import', 'tsx', DEMO_SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, TEXTBRIDGE_DEMO_SKIP_BUILD: '1', ...env },
  });
}

async function waitForOutput(demo: ManagedProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void demo.exited.then(() => (exited = true), () => (exited = true));
  for (;;) {
    const match = demo.stdout().match(pattern);
    if (match) return match;
    if (exited || Date.now() > deadline) {
      throw new Error(`The demo did not print ${pattern} (${exited ? 'it exited' : 'timeout'}):\n${tail(demo.stdout() + demo.stderr())}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Pids of live processes whose environment or command line mentions `marker` (our demo folder). */
async function processesMentioning(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const texts = await Promise.all(
      ['environ', 'cmdline'].map((file) => readFile(join('/proc', entry, file), 'utf8').catch(() => '')),
    );
    if (texts.some((text) => text.includes(marker))) found.push(pid);
  }
  return found;
}

function groupAlive(pgid: number): boolean {
  return isProcessAlive(-pgid);
}

describe.sequential('npm start: the demo with a real n8n', () => {
  let demoDir: string;
  let demo: ManagedProcess;
  let sandboxUrl: string;
  let n8nUrl: string;
  let n8nPid: number;
  let cookie: string;

  const sandboxMessages = async (): Promise<SandboxStateMessage[]> =>
    ((await (await fetch(`${sandboxUrl}/__sandbox/state`)).json()) as { messages: SandboxStateMessage[] }).messages;
  const sentByApiTo = async (digits: string): Promise<SandboxStateMessage[]> =>
    (await sandboxMessages()).filter((message) => message.origin === 'api' && message.dst === digits);

  beforeAll(async () => {
    demoDir = await mkdtemp(join(tmpdir(), 'textbridge-demo-'));
    const [sandboxPort, n8nPort, brokerPort] = await freePorts(3);
    demo = spawnDemo({
      TEXTBRIDGE_DEMO_DIR: demoDir,
      TEXTBRIDGE_SANDBOX_PORT: String(sandboxPort),
      N8N_PORT: String(n8nPort),
      N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    });
    const [, pid] = await waitForOutput(demo, /demo: n8n pid (\d+)/, COLD_START_TIMEOUT_MS);
    n8nPid = Number(pid);
    sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    n8nUrl = `http://127.0.0.1:${n8nPort}`;
  }, COLD_START_TIMEOUT_MS);

  afterAll(async () => {
    await demo?.stop();
    if (demoDir) await rm(demoDir, { recursive: true, force: true });
  }, 60_000);

  it('prints both URLs and the login, and both answer; the owner is set up (no sign-up form)', async () => {
    expect(demo.stdout()).toContain(`n8n editor       ${n8nUrl}/`);
    expect(demo.stdout()).toContain(`Virtual phones   ${sandboxUrl}/`);
    expect(demo.stdout()).toContain(`${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
    const page = await fetch(`${sandboxUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${n8nUrl}/healthz/readiness`)).status).toBe(200);
    const settings = (await (await fetch(`${n8nUrl}/rest/settings`)).json()) as {
      data: { userManagement: { showSetupOnFirstLoad: boolean } };
    };
    expect(settings.data.userManagement.showSetupOnFirstLoad).toBe(false);
    cookie = await login(n8nUrl);
    expect(cookie).toMatch(/n8n-auth=/);
  });

  it('example 1 run from its manual trigger: five personalised reminders, then alerts for the two failures', async () => {
    const reminders = readExample('reminders');
    const trigger = reminders.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
    const executionId = await runWorkflowManually(n8nUrl, cookie, reminders.id, trigger.name);
    await expect(waitForExecution(n8nUrl, cookie, executionId)).resolves.toMatchObject({ status: 'success' });
    // After the wait, Get reads every message's final state: the summary counts three delivered and two failed.
    const [summary] = await executionNodeOutput(n8nUrl, cookie, executionId, 'Summary');
    expect(summary).toMatchObject({ total: 5, delivered: 3, failed: 2, pending: 0 });
    expect(summary!.results).toContainEqual({
      name: 'Katherine Johnson',
      to: '+16175550970',
      status: 'undelivered',
      reason: expect.stringMatching(/^Destination permanently unavailable/),
    });

    const sent = (await sandboxMessages()).filter((message) => message.origin === 'api' && message.src === OUR_NUMBER && message.dst !== STAFF);
    expect(sent.map((message) => message.dst).sort()).toEqual(['12125550101', '13035550950', '13125550102', '16175550970', '16465550103']);
    expect(sent.find((message) => message.dst === '12125550101')?.text).toBe(
      'Hi Ada, a reminder of your appointment at Textbridge Dental on Mon 1 Dec at 09:30. Reply C to confirm, HELP for help, STOP to opt out.',
    );
    // The two failures reach the published "Delivery alerts" workflow through their status callbacks.
    await expect.poll(async () => (await sentByApiTo(STAFF)).map((message) => message.text).sort(), { timeout: 30_000 }).toEqual([
      expect.stringMatching(/^Alert: the reminder to \+13035550950 was not delivered \(failed\)\. Invalid destination number/),
      expect.stringMatching(/^Alert: the reminder to \+16175550970 was not delivered \(undelivered\)\. Destination permanently unavailable/),
    ]);
  }, 90_000);

  it('example 2 answers HELP, records STOP and forwards other replies to the staff phone', async () => {
    const inbound = async (from: string, text: string): Promise<void> => {
      const response = await fetch(`${sandboxUrl}/__sandbox/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from, to: `+${OUR_NUMBER}`, text }),
      });
      expect(response.status).toBe(202);
    };
    const staffBefore = (await sentByApiTo(STAFF)).length;

    await inbound('+13125550102', 'help');
    await expect.poll(async () => (await sentByApiTo('13125550102')).map((message) => message.text), { timeout: 30_000 }).toContain(
      'Textbridge Dental: reply C to confirm your appointment, or call us on +1 415 555 2671 (Mon-Fri 9-5). Reply STOP to opt out.',
    );

    await inbound('+16465550103', 'Running 10 min late, sorry!');
    await expect
      .poll(async () => (await sentByApiTo(STAFF)).slice(staffBefore).map((message) => message.text), { timeout: 30_000 })
      .toEqual(['Reply from +16465550103: Running 10 min late, sorry!']);

    await inbound('+12125550101', 'STOP');
    const database = join(demoDir, 'n8n', '.n8n', 'database.sqlite');
    const optedOut = (): Record<string, string> => {
      const db = new DatabaseSync(database, { readOnly: true });
      try {
        const row = db.prepare('SELECT staticData FROM workflow_entity WHERE id = ?').get(readExample('twoWay').id) as
          | { staticData: string | null }
          | undefined;
        const data = row?.staticData ? (JSON.parse(row.staticData) as { global?: { optedOut?: Record<string, string> } }) : {};
        return data.global?.optedOut ?? {};
      } finally {
        db.close();
      }
    };
    await expect.poll(optedOut, { timeout: 30_000 }).toHaveProperty(['+12125550101']);
    // Neither HELP nor STOP was forwarded to the staff phone.
    expect((await sentByApiTo(STAFF)).slice(staffBefore)).toHaveLength(1);
  }, 120_000);

  it('stops n8n, its task runner and the sandbox on SIGINT, exiting 0', async () => {
    expect(groupAlive(n8nPid)).toBe(true);
    demo.child.kill('SIGINT');
    const exit = await demo.exited;
    expect(exit, tail(demo.stdout() + demo.stderr())).toMatchObject({ code: 0 });
    expect(demo.stdout()).toContain('demo: stopped.');
    expect(groupAlive(n8nPid)).toBe(false);
    expect(await processesMentioning(demoDir)).toEqual([]);
    await expect(fetch(`${sandboxUrl}/`)).rejects.toThrow();
    expect(existsSync(join(demoDir, 'n8n', '.n8n', 'database.sqlite')), 'the n8n data folder is kept').toBe(true);
  }, 60_000);
});

describe('npm start: a taken port', () => {
  let blocker: Server;
  let takenPort: number;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    takenPort = (blocker.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
  });

  it.each([
    ['TEXTBRIDGE_SANDBOX_PORT', 'the Plivo sandbox'],
    ['N8N_PORT', 'n8n'],
  ])('fails fast naming the port and %s', async (variable, what) => {
    const [a, b, c] = await freePorts(3);
    const demoDir = await mkdtemp(join(tmpdir(), 'textbridge-demo-port-'));
    const started = Date.now();
    const demo = spawnDemo({
      TEXTBRIDGE_DEMO_DIR: demoDir,
      TEXTBRIDGE_SANDBOX_PORT: String(a),
      N8N_PORT: String(b),
      N8N_RUNNERS_BROKER_PORT: String(c),
      [variable]: String(takenPort),
    });
    const exit = await demo.exited;
    await rm(demoDir, { recursive: true, force: true });
    expect(exit.code).toBe(1);
    expect(demo.stderr()).toContain(`Port ${takenPort} (${what}) is already in use`);
    expect(demo.stderr()).toContain(`${variable}=`);
    expect(demo.stderr()).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
