// The `textbridge` command line, spawned as a process (through tsx, from source) against an in-process sandbox.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';

const BIN = fileURLToPath(new URL('../../src/bin/textbridge.ts', import.meta.url));
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This process's environment without any Plivo credentials, plus `env`. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLIVO_')));
  return { ...base, ...env };
}

function textbridge(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('textbridge CLI', () => {
  let sandbox: Sandbox;
  let credentials: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    credentials = { PLIVO_AUTH_ID: sandbox.authId, PLIVO_AUTH_TOKEN: sandbox.authToken, PLIVO_BASE_URL: sandbox.url };
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('prints its help with every command, and refuses an unknown command with exit 2', async () => {
    const help = await textbridge(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['analyze', 'send', 'lookup', 'sandbox', 'PLIVO_AUTH_TOKEN']) expect(help.stdout).toContain(command);
    const unknown = await textbridge(['sned']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('unknown command "sned"');
    expect(unknown.stderr).toContain('hint: Run textbridge --help');
  });

  it('analyze: encoding, parts and the characters forcing Unicode; --smart --json gives core\'s analysis', async () => {
    const plain = await textbridge(['analyze', 'Lunch at 12 🍕 “ok”?']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/Encoding\s+UCS-2/);
    expect(plain.stdout).toMatch(/Parts\s+1 \(70 units each/);
    expect(plain.stdout).toContain('"🍕" (U+1F355)');

    const smart = await textbridge(['analyze', '“Quotes” – and dashes', '--smart', '--json']);
    expect(smart.code).toBe(0);
    expect(JSON.parse(smart.stdout)).toMatchObject({
      text: '"Quotes" - and dashes',
      encoding: 'GSM-7',
      segmentCount: 1,
      smartEncoding: { applied: true },
    });
  });

  it('send: queues through the sandbox, one message per recipient, local numbers read with --country', async () => {
    const before = sandbox.state.messages.length;
    const run = await textbridge(
      ['send', '--from', '+14155552671', '--to', '+12125550101, (312) 555-0102', '--country', 'US', '--text', 'Don’t forget!', '--smart'],
      credentials,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const uuids = [...run.stdout.matchAll(new RegExp(UUID, 'g'))].map((match) => match[0]);
    expect(run.stdout).toContain('Queued to +12125550101');
    expect(run.stdout).toContain('Queued to +13125550102');
    const sent = sandbox.state.messages.slice(before);
    expect(sent.map((message) => [message.dst, message.text, message.uuid])).toEqual([
      ['12125550101', "Don't forget!", uuids[0]],
      ['13125550102', "Don't forget!", uuids[1]],
    ]);
  });

  it('send --json prints core\'s send output', async () => {
    const run = await textbridge(['send', '--json', '--from', '+14155552671', '--to', '+12125550103', '--text', 'Hi'], credentials);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'queued', to: '+12125550103', encoding: 'GSM-7', segmentCount: 1, error: null });
  });

  it('send: a bad number fails with exit 2 and a hint before anything is sent; missing credentials are named', async () => {
    const before = sandbox.state.messages.length;
    const bad = await textbridge(['send', '--from', '+14155552671', '--to', '+12125550104, 12', '--text', 'Hi'], credentials);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/to\[1\]/);
    expect(bad.stderr).toContain('hint: ');
    expect(sandbox.state.messages.length).toBe(before);

    const noCredentials = await textbridge(['send', '--from', '+14155552671', '--to', '+12125550104', '--text', 'Hi']);
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain('PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN are not set');
    expect(noCredentials.stderr).toContain('textbridge sandbox');

    const missingText = await textbridge(['send', '--from', '+14155552671', '--to', '+12125550104']);
    expect(missingText).toMatchObject({ code: 2 });
    expect(missingText.stderr).toContain('--text is required');
  });

  it('lookup: carrier and formats; a wrong token fails with exit 1, Plivo\'s reason and a hint, never echoing it', async () => {
    const run = await textbridge(['lookup', '+14155552671'], credentials);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Number\s+\+14155552671/);
    expect(run.stdout).toMatch(/Line type\s+\w+/);

    const json = await textbridge(['lookup', '(415) 555-2671', '--country', 'US', '--json'], credentials);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ phoneNumber: '+14155552671', country: { iso2: 'US' } });

    const wrongToken = 'NotTheRealTokenButLongEnough123';
    const refused = await textbridge(['lookup', '+14155552671'], { ...credentials, PLIVO_AUTH_TOKEN: wrongToken });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('401');
    expect(refused.stderr).toContain('hint: Check the Auth ID and Auth Token');
    expect(refused.stderr + refused.stdout).not.toContain(wrongToken);
  });

  it('sandbox: serves the phones page on the given port and stops on SIGINT with exit 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'sandbox', '--port', '0'], { env: cleanEnv({}) });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    await expect.poll(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1], { timeout: 10_000 }).toBeDefined();
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
    expect((await fetch(`${url}/`)).status).toBe(200);
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(stdout).toContain('Stopping the sandbox');
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });
});
