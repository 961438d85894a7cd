// `npm start` headless: the demo runner in a child process on free ports and a throw-away demo folder (the n8n
// install itself comes from the shared cache). One demo start serves every test: example 1 run as the editor's
// button runs it, the two-way and delivery-alert workflows answering through the sandbox (each phone's replies
// counted), example 1 again refused for the contact who opted out, the verified sign-up over its webhooks, then
// Ctrl-C (SIGINT) must stop everything and leave the sandbox's state in the demo folder. A second block checks that a taken port fails fast with a message naming it.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExample, triggerWebhookUrls, webhookNodeUrls } from '../../../n8n-nodes/dev/examples.js';
import { CARRIER_KEYWORD_REPLIES, checkNumberWiring, createPlivoClient, repairNumberWiring, type PlivoClient } from '../../../core/src/index.js';
import {
  DEMO_OWNER,
  executionNodeOutput,
  login,
  runWorkflowManually,
  waitForExecution,
  workflowExecutions,
} from '../../../n8n-nodes/dev/demo-n8n.js';
import { waitForWebhook } from '../../support/n8n-runner.js';
import { freePorts } from '../../support/ports.js';
import { isProcessAlive, spawnManaged, tail, type ManagedProcess } from '../../support/processes.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEMO_SCRIPT = join(REPO_ROOT, 'n8n-nodes', 'dev', 'demo.ts');
const COLD_START_TIMEOUT_MS = 15 * 60_000;
const OUR_NUMBER = '14155552671';
const UK_NUMBER = '447520123456';
const UK_PHONE = '+447700900123';
const STAFF = '12025550100';
const FINAL_STATES = ['delivered', 'failed', 'undelivered'];

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
  let ports: { sandboxPort: number; n8nPort: number; brokerPort: number };
  let plivo: PlivoClient;

  const twoWayId = readExample('twoWay').id;
  const twoWayUrl = (): string => triggerWebhookUrls(readExample('twoWay'), n8nUrl)[0]!;
  const finishedTwoWayRuns = async (): Promise<number> =>
    (await workflowExecutions(n8nUrl, cookie, twoWayId)).filter((run) => !['new', 'running', 'waiting'].includes(run.status)).length;
  /** A plain text from the British phone to the British number: the two-way workflow forwards it to staff. */
  const textUkNumber = async (text: string): Promise<void> => {
    const response = await fetch(`${sandboxUrl}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: UK_PHONE, to: `+${UK_NUMBER}`, text }),
    });
    expect(response.status).toBe(202);
  };

  const sandboxMessages = async (): Promise<SandboxStateMessage[]> =>
    ((await (await fetch(`${sandboxUrl}/__sandbox/state`)).json()) as { messages: SandboxStateMessage[] }).messages;
  const sentByApiTo = async (digits: string): Promise<SandboxStateMessage[]> =>
    (await sandboxMessages()).filter((message) => message.origin === 'api' && message.dst === digits);

  const demoEnv = (): Record<string, string> => ({
    TEXTBRIDGE_DEMO_DIR: demoDir,
    TEXTBRIDGE_SANDBOX_PORT: String(ports.sandboxPort),
    N8N_PORT: String(ports.n8nPort),
    N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
  });

  beforeAll(async () => {
    demoDir = await mkdtemp(join(tmpdir(), 'textbridge-demo-'));
    const [sandboxPort, n8nPort, brokerPort] = await freePorts(3);
    ports = { sandboxPort: sandboxPort!, n8nPort: n8nPort!, brokerPort: brokerPort! };
    demo = spawnDemo(demoEnv());
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

  it('example 2: one answer per keyword — by Plivo on the US number, by the workflow on the British one; other texts go to staff', async () => {
    const twoWayId = readExample('twoWay').id;
    const finishedRuns = async (): Promise<number> =>
      (await workflowExecutions(n8nUrl, cookie, twoWayId)).filter((run) => !['new', 'running', 'waiting'].includes(run.status)).length;
    /**
     * A text from a phone to one of our numbers. Once the workflow's run for it has ended and every message sent to
     * the phone since has a final state, returns the ones that reached the phone, as "origin: text".
     */
    const converse = async (phone: string, to: string, text: string): Promise<string[]> => {
      const runsBefore = await finishedRuns();
      const response = await fetch(`${sandboxUrl}/__sandbox/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: phone, to, text }),
      });
      expect(response.status).toBe(202);
      const { message_uuid: inboundUuid } = (await response.json()) as { message_uuid: string };
      await expect.poll(finishedRuns, { timeout: 30_000 }).toBe(runsBefore + 1);
      const since = async (): Promise<SandboxStateMessage[]> => {
        const messages = await sandboxMessages();
        return messages.slice(messages.findIndex((message) => message.uuid === inboundUuid) + 1).filter((message) => message.dst === phone.slice(1));
      };
      await expect.poll(async () => (await since()).every((message) => FINAL_STATES.includes(message.status)), { timeout: 30_000 }).toBe(true);
      return (await since()).filter((message) => message.status === 'delivered').map((message) => `${message.origin}: ${message.text}`);
    };
    const staffBefore = (await sentByApiTo(STAFF)).length;

    // The US number: Plivo's DND answers HELP and confirms STOP; the workflow sees MessageIntent and stays quiet.
    expect(await converse('+13125550102', `+${OUR_NUMBER}`, 'help')).toEqual([`auto-reply: ${CARRIER_KEYWORD_REPLIES.help}`]);
    expect(await converse('+16465550103', `+${OUR_NUMBER}`, 'Running 10 min late, sorry!')).toEqual([]);
    expect((await sentByApiTo(STAFF)).slice(staffBefore).map((message) => message.text)).toEqual(['Reply from +16465550103: Running 10 min late, sorry!']);
    expect(await converse('+12125550101', `+${OUR_NUMBER}`, 'STOP')).toEqual([`auto-reply: ${CARRIER_KEYWORD_REPLIES.optout}`]);

    // The British number: keywords reach the workflow as plain texts, and it answers each once itself.
    expect(await converse(UK_PHONE, `+${UK_NUMBER}`, 'HELP')).toEqual([
      'api: Textbridge Dental: reply C to confirm your appointment, or call us on +1 415 555 2671 (Mon-Fri 9-5). Reply STOP to opt out.',
    ]);
    expect(await converse(UK_PHONE, `+${UK_NUMBER}`, 'Stop')).toEqual([
      'api: Textbridge Dental: you are unsubscribed and will get no more texts from us. Reply START to opt back in.',
    ]);

    // Both opt-outs are in the workflow's own record; no keyword was forwarded to the staff phone.
    const database = join(demoDir, 'n8n', '.n8n', 'database.sqlite');
    const optedOut = (): Record<string, string> => {
      const db = new DatabaseSync(database, { readOnly: true });
      try {
        const row = db.prepare('SELECT staticData FROM workflow_entity WHERE id = ?').get(twoWayId) as { staticData: string | null } | undefined;
        const data = row?.staticData ? (JSON.parse(row.staticData) as { global?: { optedOut?: Record<string, string> } }) : {};
        return data.global?.optedOut ?? {};
      } finally {
        db.close();
      }
    };
    await expect.poll(() => Object.keys(optedOut()).sort(), { timeout: 30_000 }).toEqual(['+12125550101', UK_PHONE]);
    expect((await sentByApiTo(STAFF)).slice(staffBefore)).toHaveLength(1);
  }, 180_000);

  it('example 1 again: the contact who texted STOP is refused, with the reason spelled out', async () => {
    const reminders = readExample('reminders');
    const trigger = reminders.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
    const executionId = await runWorkflowManually(n8nUrl, cookie, reminders.id, trigger.name);
    await expect(waitForExecution(n8nUrl, cookie, executionId)).resolves.toMatchObject({ status: 'success' });
    const [summary] = await executionNodeOutput(n8nUrl, cookie, executionId, 'Summary');
    expect(summary).toMatchObject({ total: 5, delivered: 2, failed: 3, pending: 0 });
    expect(summary!.results).toContainEqual({
      name: 'Ada Lovelace',
      to: '+12125550101',
      status: 'failed',
      reason: 'Recipient opted out: the recipient replied STOP to this sender and must reply START before receiving again.',
    });
    // Ada got the first reminder and the carrier's confirmation; the second reminder never reached her.
    const toAda = (await sandboxMessages()).filter((message) => message.dst === '12125550101');
    expect(toAda.filter((message) => message.status === 'delivered').map((message) => message.origin)).toEqual(['api', 'auto-reply']);
  }, 90_000);

  it('example 4: sign-up with a verified phone — the code reaches the phone, a wrong one is refused, the right one creates the account', async () => {
    const urls = webhookNodeUrls(readExample('signup'), n8nUrl);
    const post = async (url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const signupUrl = urls['Sign-up form']!;
    const confirmUrl = urls['Code entered']!;
    await Promise.all([waitForWebhook(signupUrl), waitForWebhook(confirmUrl)]);

    const sent = await post(signupUrl, { name: 'Ada', phone: '(415) 555-0177' });
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ sessionUuid: expect.any(String), message: expect.stringContaining('+14155550177') });
    // The person reads the code on their phone: the sandbox's Verify sender texted it.
    const text = (await sandboxMessages()).find((message) => message.origin === 'verify' && message.dst === '14155550177');
    expect(text?.text).toMatch(/^Your Textbridge Demo verification code is \d{6}\.$/);
    const code = /\d{6}/.exec(text!.text)![0];
    const wrong = `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;

    const refused = await post(confirmUrl, { sessionUuid: sent.json.sessionUuid, code: wrong, name: 'Ada' });
    expect(refused.json).toMatchObject({ verified: false, reason: 'VERIFICATION_CODE_WRONG' });
    const accepted = await post(confirmUrl, { sessionUuid: sent.json.sessionUuid, code, name: 'Ada' });
    expect(accepted.json).toMatchObject({ verified: true, account: { name: 'Ada', phone: '+14155550177' } });
  }, 90_000);

  it('example 6: the appointment card goes out as an MMS whose media is the uploaded PNG', async () => {
    const mms = readExample('mmsFromFile');
    const trigger = mms.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
    const executionId = await runWorkflowManually(n8nUrl, cookie, mms.id, trigger.name);
    await expect(waitForExecution(n8nUrl, cookie, executionId)).resolves.toMatchObject({ status: 'success' });
    const [sent] = await executionNodeOutput(n8nUrl, cookie, executionId, 'Send the card');
    expect(sent).toMatchObject({ status: 'queued', to: '+12125550111' });
    const message = (await sandboxMessages()).find((entry) => entry.uuid === sent!.messageUuid) as (SandboxStateMessage & { type?: string; mediaUrls?: string[] }) | undefined;
    expect(message).toMatchObject({ type: 'mms', src: OUR_NUMBER, dst: '12125550111' });
    expect(message!.mediaUrls).toHaveLength(1);
    // The media URL is the sandbox's Media API record of the upload (Plivo's shape).
    const basic = Buffer.from('MATEXTBRIDGESANDBOX1:TextbridgeSandboxDemoAuthToken0000000000').toString('base64');
    const record = (await (await fetch(message!.mediaUrls![0]!, { headers: { Authorization: `Basic ${basic}` } })).json()) as Record<string, unknown>;
    expect(record).toMatchObject({ content_type: 'image/png', file_name: 'appointment-card.png' });
  }, 90_000);

  it('example 7: quiet hours send to whoever it is day for and hold the others until their 08:00, the run parked at its Wait', async () => {
    const quiet = readExample('quietHours');
    const trigger = quiet.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
    const startedAt = Date.now();
    const executionId = await runWorkflowManually(n8nUrl, cookie, quiet.id, trigger.name);
    const execution = await waitForExecution(n8nUrl, cookie, executionId, 60_000, { waitingEnds: true });
    const results = await executionNodeOutput(n8nUrl, cookie, executionId, 'Send now (quiet hours)');
    // Each number's zone as core tells it (the area code in North America, the country's main zone elsewhere).
    const zones: Record<string, string> = {
      '+12125550131': 'America/New_York',
      '+12135550132': 'America/Los_Angeles',
      '+61412345678': 'Australia/Sydney',
      '+447700900133': 'Europe/London',
    };
    expect(results.map((result) => result.to)).toEqual(Object.keys(zones));
    const minutesIn = (timeZone: string, at: number): number => {
      const [hour, minute] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at).split(':').map(Number);
      return hour! * 60 + minute!;
    };
    for (const result of results) {
      const zone = zones[String(result.to)]!;
      const local = minutesIn(zone, startedAt);
      if (Math.abs(local - 8 * 60) <= 2 || Math.abs(local - 21 * 60) <= 2) continue; // at a window edge either is right
      const inside = local >= 8 * 60 && local < 21 * 60;
      expect(result.status, `${String(result.to)} at ${local} min local time`).toBe(inside ? 'queued' : 'held');
      if (!inside) {
        expect(result.timeZone).toBe(zone);
        expect(Date.parse(String(result.sendAfter))).toBeGreaterThan(startedAt);
      }
    }
    expect(execution.status).toBe(results.some((result) => result.status === 'held') ? 'waiting' : 'success');
  }, 90_000);

  it('example 5: the delivery report of the week, run by hand, counts what the sandbox sent from our number and texts staff', async () => {
    const report = readExample('deliveryReport');
    const trigger = report.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
    const staffTextsBefore = (await sentByApiTo(STAFF)).length;
    const oursNow = async () => (await sandboxMessages()).filter((message) => message.direction === 'outbound' && message.src === OUR_NUMBER);
    // Every message has its final state first, so the report and this count read the same states.
    await expect.poll(async () => (await oursNow()).filter((message) => !FINAL_STATES.includes(message.status)).length, { timeout: 30_000 }).toBe(0);
    const ours = await oursNow();
    const executionId = await runWorkflowManually(n8nUrl, cookie, report.id, trigger.name);
    await expect(waitForExecution(n8nUrl, cookie, executionId)).resolves.toMatchObject({ status: 'success' });
    const [formatted] = await executionNodeOutput(n8nUrl, cookie, executionId, 'Format report');
    const summary = formatted!.report as { messages: number; byStatus: Record<string, number>; byErrorCode: { code: string }[] };
    // Everything our number sent so far (reminders, alerts, replies) is in the window, each in its sandbox state.
    expect(summary.messages).toBe(ours.length);
    for (const state of ['delivered', 'failed', 'undelivered']) {
      expect(summary.byStatus[state]).toBe(ours.filter((message) => message.status === state).length);
    }
    expect(summary.byErrorCode.length).toBeGreaterThan(0);
    const staffTexts = await sentByApiTo(STAFF);
    expect(staffTexts).toHaveLength(staffTextsBefore + 1);
    expect(staffTexts.at(-1)!.text).toMatch(new RegExp(`^Last 7 days: ${ours.length} sent, \\d+ delivered, \\d+ failed`));
  }, 90_000);

  it('a number re-pointed behind the trigger’s back: the check reports it, the repair restores it, and SMS start the workflow again', async () => {
    plivo = createPlivoClient({ authId: 'MATEXTBRIDGESANDBOX1', authToken: 'TextbridgeSandboxDemoAuthToken0000000000', baseUrl: sandboxUrl });
    const numbers = [`+${OUR_NUMBER}`, `+${UK_NUMBER}`];
    expect((await checkNumberWiring(plivo, { numbers, expectedUrl: twoWayUrl() })).map((wiring) => wiring.status)).toEqual(['points-here', 'points-here']);

    // As in the Plivo console: the British number now sends its SMS to some other application.
    const { appId: crm } = await plivo.createApplication({ appName: 'crm', messageUrl: 'http://127.0.0.1:9/crm', messageMethod: 'POST' });
    await plivo.updateNumber(`+${UK_NUMBER}`, { appId: crm });
    const [, uk] = await checkNumberWiring(plivo, { numbers, expectedUrl: twoWayUrl() });
    expect(uk).toMatchObject({ status: 'points-elsewhere', appId: crm, messageUrl: 'http://127.0.0.1:9/crm', matches: false });

    const [usRepair, ukRepair] = await repairNumberWiring(plivo, { numbers, url: twoWayUrl() });
    expect(usRepair?.action).toBe('unchanged');
    expect(ukRepair).toMatchObject({ action: 'repointed', after: { status: 'points-here', appId: usRepair?.after.appId } });

    const runsBefore = await finishedTwoWayRuns();
    await textUkNumber('Back on the right workflow?');
    await expect.poll(finishedTwoWayRuns, { timeout: 30_000 }).toBe(runsBefore + 1);
    await expect.poll(async () => (await sentByApiTo(STAFF)).map((message) => message.text), { timeout: 30_000 }).toContain(
      `Reply from ${UK_PHONE}: Back on the right workflow?`,
    );
  }, 90_000);

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
    // The sandbox's state is in the demo folder: the two-way wiring of both numbers and the opt-outs.
    const saved = JSON.parse(await readFile(join(demoDir, 'sandbox', 'state.json'), 'utf8')) as {
      numbers: { number: string; appId: string | null }[];
      optOuts: { phone: string; sender: string }[];
    };
    const wired = saved.numbers.filter((number) => [OUR_NUMBER, UK_NUMBER].includes(number.number));
    expect(wired).toHaveLength(2);
    expect(wired.every((number) => number.appId !== null && number.appId === wired[0]!.appId)).toBe(true);
    expect(saved.optOuts).toEqual([expect.objectContaining({ phone: '12125550101', sender: OUR_NUMBER })]);
    expect(existsSync(join(demoDir, 'sandbox', 'sandbox.lock')), 'the sandbox released its folder').toBe(false);
  }, 60_000);

  it('npm start again on the same folder: warns that a number left the workflow while stopped, repairs it, and two-way SMS work', async () => {
    // While everything is stopped, the British number loses its application (as after a change in the console).
    const stateFile = join(demoDir, 'sandbox', 'state.json');
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as { numbers: { number: string; appId: string | null }[] };
    for (const number of state.numbers) if (number.number === UK_NUMBER) number.appId = null;
    await writeFile(stateFile, JSON.stringify(state));

    demo = spawnDemo(demoEnv());
    const [, pid] = await waitForOutput(demo, /demo: n8n pid (\d+)/, COLD_START_TIMEOUT_MS);
    n8nPid = Number(pid);
    expect(demo.stderr()).toContain(`demo: WARNING: +${UK_NUMBER} does not send its SMS to "${readExample('twoWay').name}" (no application); expected ${twoWayUrl()}.`);
    expect(demo.stderr()).toContain(`demo: repaired: +${UK_NUMBER} now sends to "${readExample('twoWay').name}"`);
    expect(demo.stderr()).not.toContain(`WARNING: +${OUR_NUMBER}`);
    const wiring = await checkNumberWiring(plivo, { numbers: [`+${OUR_NUMBER}`, `+${UK_NUMBER}`], expectedUrl: twoWayUrl() });
    expect(wiring.map((number) => number.status)).toEqual(['points-here', 'points-here']);

    cookie = await login(n8nUrl);
    const runsBefore = await finishedTwoWayRuns();
    await textUkNumber('Hello after a restart');
    await expect.poll(finishedTwoWayRuns, { timeout: 30_000 }).toBe(runsBefore + 1);
    await expect.poll(async () => (await sentByApiTo(STAFF)).map((message) => message.text), { timeout: 30_000 }).toContain(
      `Reply from ${UK_PHONE}: Hello after a restart`,
    );
  }, COLD_START_TIMEOUT_MS);

  it('a third start finds the wiring right and says so, with no warning', async () => {
    demo.child.kill('SIGINT');
    expect(await demo.exited).toMatchObject({ code: 0 });
    demo = spawnDemo(demoEnv());
    await waitForOutput(demo, /demo: n8n pid (\d+)/, COLD_START_TIMEOUT_MS);
    expect(demo.stdout()).toContain('demo: wiring checked: every listening number sends its SMS to its workflow');
    expect(demo.stderr()).not.toContain('WARNING');
  }, COLD_START_TIMEOUT_MS);
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
