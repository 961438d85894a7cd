// `textbridge wiring` in process against the sandbox: the table, the check against --expect (exit code for scripts),
// the repair (idempotent, clear output), and the mistakes it refuses before calling Plivo.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTextbridgeCli, type CliIo } from '../../src/cli/index.js';
import { createPlivoClient, type PlivoClient, type Sandbox } from '../../src/index.js';
import { startTestSandbox } from '../sandbox/helpers.js';

const US = '+14155552671';
const UK = '+447520123456';
const HOOK = 'http://127.0.0.1:5678/webhook/wf-one/plivo-sms';

let sandbox: Sandbox;
let client: PlivoClient;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
  client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
  env = { PLIVO_AUTH_ID: sandbox.authId, PLIVO_AUTH_TOKEN: sandbox.authToken, PLIVO_BASE_URL: sandbox.url };
});
afterAll(() => sandbox.stop());
beforeEach(() => {
  for (const number of sandbox.state.numbers.values()) number.appId = null;
  sandbox.state.applications.clear();
});

async function textbridge(args: string[], environment: NodeJS.ProcessEnv = env): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env: environment,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    untilStopped: () => Promise.resolve(),
  };
  const code = await runTextbridgeCli(args, io);
  return { code, stdout, stderr };
}

async function wire(number: string, name: string, url: string): Promise<string> {
  const { appId } = await client.createApplication({ appName: name, messageUrl: url, messageMethod: 'POST' });
  await client.updateNumber(number, { appId });
  return appId;
}

describe('textbridge wiring', () => {
  it('prints every number with its application, URL and status', async () => {
    const appId = await wire(US, 'textbridge-n8n-wf1', HOOK);
    const run = await textbridge(['wiring']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Number\s+Application\s+Sends inbound SMS to\s+Status$/);
    expect(lines).toHaveLength(1 + sandbox.numbers.length);
    expect(lines[1]).toMatch(new RegExp(`^\\${US}\\s+textbridge-n8n-wf1 \\(${appId}\\)\\s+POST ${HOOK}\\s+linked$`));
    expect(run.stdout).toMatch(new RegExp(`\\${UK}\\s+-\\s+-\\s+no application`));
  });

  it('--expect checks the numbers; with --number a wrong one exits 1 and prints the repair command', async () => {
    await wire(US, 'textbridge-n8n-wf1', HOOK);
    await wire(UK, 'crm', 'https://crm.example.com/sms');
    const all = await textbridge(['wiring', '--expect', HOOK]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('1 of 4 numbers send inbound SMS to');

    const mine = await textbridge(['wiring', '--number', `${US}, ${UK}`, '--expect', HOOK]);
    expect(mine.code).toBe(1);
    expect(mine.stdout).toMatch(new RegExp(`\\${US}.*points here`));
    expect(mine.stdout).toMatch(new RegExp(`\\${UK}\\s+crm \\(\\d+\\)\\s+POST https://crm.example.com/sms\\s+points elsewhere`));
    expect(mine.stderr).toBe(`To re-point it: textbridge wiring --number ${UK} --expect ${HOOK} --repair\n`);

    const json = await textbridge(['wiring', '--number', US, '--expect', HOOK, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ number: US, status: 'points-here', matches: true, messageUrl: HOOK })]);
  });

  it('--repair re-points what is wrong, says so, and the second run has nothing to do', async () => {
    const ours = await wire(US, 'textbridge-n8n-wf1', HOOK);
    await wire(UK, 'crm', 'https://crm.example.com/sms');
    const repair = await textbridge(['wiring', '--number', `${US},${UK}`, '--expect', HOOK, '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain(`Unchanged   ${US}: already sends to ${HOOK}`);
    expect(repair.stdout).toMatch(
      new RegExp(`Re-pointed  \\${UK}: was application crm \\(\\d+\\) -> https://crm.example.com/sms \\(points elsewhere\\); now application textbridge-n8n-wf1 \\(${ours}\\) -> ${HOOK}`),
    );
    expect(repair.stdout).toContain(`Re-pointed 1 of 2 numbers to ${HOOK}.`);
    expect(sandbox.state.numbers.get(UK.slice(1))?.appId).toBe(ours);

    const again = await textbridge(['wiring', '--number', `${US},${UK}`, '--expect', HOOK, '--repair']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to repair.');
    expect((await textbridge(['wiring', '--number', `${US},${UK}`, '--expect', HOOK])).code).toBe(0);
  });

  it('refuses a repair that does not say which numbers or which URL, and bad values, before calling Plivo (exit 2)', async () => {
    const noNumbers = await textbridge(['wiring', '--expect', HOOK, '--repair']);
    expect(noNumbers.code).toBe(2);
    expect(noNumbers.stderr).toContain('wiring --repair needs --number <numbers>');
    const noUrl = await textbridge(['wiring', '--number', US, '--repair']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('wiring --repair needs --expect <webhook URL>');
    const badUrl = await textbridge(['wiring', '--expect', 'n8n.local/webhook']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('expectedUrl must be an http(s) URL');
    const badNumber = await textbridge(['wiring', '--number', '12']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('--number');
    const unknown = await textbridge(['wiring', '--number', '+12025550123']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/textbridge: Get number failed.*\n {2}hint: /);
    const noCredentials = await textbridge(['wiring'], {});
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain('PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN are not set');
    expect(sandbox.state.applications.size).toBe(0);
  });

  it('is listed in the help', async () => {
    const help = await textbridge(['--help']);
    expect(help.stdout).toMatch(/wiring \[--number <numbers>\] \[--expect <url>\] \[--repair\]/);
  });
});
