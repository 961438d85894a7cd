// The data folder: a sandbox stopped and started again (or killed and started again) has its applications, number
// wiring, messages, media and opt-outs; a broken state file stops the start with an error naming it, and is left
// as it was; write failures are reported, not swallowed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LOCK_FILE_NAME,
  SAVED_MESSAGE_LIMIT,
  STATE_FILE_NAME,
  STATE_VERSION,
  type Sandbox,
  type SandboxEvent,
  type SandboxOptions,
} from '../../src/index.js';
import { account, call, startReceiver, startTestSandbox, waitFor } from './helpers.js';

const US = '+14155552671';
const CA = '+16045550199';
const PHONE = '+14155550180';
const BIN = fileURLToPath(new URL('../../src/bin/textbridge-sandbox.ts', import.meta.url));

let dataDir: string;
const running: Sandbox[] = [];

beforeEach(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'textbridge-sandbox-state-')), 'data');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop().catch(() => undefined)));
  await rm(join(dataDir, '..'), { recursive: true, force: true });
});

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startTestSandbox({ rateLimit: false, dataDir, ...options });
  running.push(sandbox);
  return sandbox;
}

async function stop(sandbox: Sandbox): Promise<void> {
  await sandbox.stop();
  running.splice(running.indexOf(sandbox), 1);
}

async function savedFile(): Promise<{ version: number; messages: { text: string }[]; optOuts: unknown[] }> {
  return JSON.parse(await readFile(join(dataDir, STATE_FILE_NAME), 'utf8')) as never;
}

describe('a restart with the same data folder', () => {
  it('keeps applications, wiring, aliases, account details, media, messages and opt-outs', async () => {
    const receiver = await startReceiver();
    try {
      const first = await start();
      expect(first.stateFile).toBe(join(dataDir, STATE_FILE_NAME));
      const app = await call(first, 'POST', account(first, 'Application/'), { json: { app_name: 'two-way', message_url: `${receiver.url}/in` } });
      const appId = app.body.app_id as string;
      await call(first, 'POST', account(first, 'Number/14155552671/'), { json: { app_id: appId, alias: 'Front desk' } });
      await call(first, 'POST', account(first, ''), { json: { name: 'Dental Co' } });
      const sent = await call(first, 'POST', account(first, 'Message/'), { json: { src: US, dst: '+14155550181', text: 'Hello there' } });
      const sentUuid = sent.body.message_uuid[0] as string;
      await waitFor(() => first.state.getMessage(sentUuid)?.status === 'delivered');
      const optOut = first.inbound({ from: PHONE, to: US, text: 'STOP' });
      await waitFor(() => receiver.requests.some((request) => request.params.MessageUUID === optOut.uuid));
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'logo.png');
      const upload = await fetch(`${first.url}${account(first, 'Media/')}`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${first.authId}:${first.authToken}`).toString('base64')}` },
        body: form,
      });
      const mediaId = ((await upload.json()) as { objects: { media_id: string }[] }).objects[0]!.media_id;
      await waitFor(() => first.state.messages.every((message) => message.status !== 'queued' && message.status !== 'sent'));
      const messagesBefore = first.state.messages.map((message) => ({ ...message }));
      await stop(first);
      expect(existsSync(join(dataDir, LOCK_FILE_NAME)), 'the lock is released').toBe(false);

      const second = await start();
      expect((await call(second, 'GET', account(second, `Application/${appId}/`))).body).toMatchObject({ app_name: 'two-way', message_url: `${receiver.url}/in` });
      expect((await call(second, 'GET', account(second, 'Number/14155552671/'))).body).toMatchObject({
        alias: 'Front desk',
        application: `/v1/Account/${second.authId}/Application/${appId}/`,
      });
      expect((await call(second, 'GET', account(second, ''))).body).toMatchObject({ name: 'Dental Co' });
      expect((await call(second, 'GET', account(second, `Media/${mediaId}/`))).body).toMatchObject({ file_name: 'logo.png', content_type: 'image/png' });
      expect(second.state.messages).toEqual(messagesBefore);
      expect((await call(second, 'GET', account(second, `Message/${sentUuid}/`))).body).toMatchObject({ message_state: 'delivered', to_number: '14155550181' });
      // The opt-out holds: the next send to that phone is refused with error 200…
      expect(second.state.isOptedOut('14155550180', '14155552671')).toBe(true);
      const refused = await call(second, 'POST', account(second, 'Message/'), { json: { src: US, dst: PHONE, text: 'Still there?' } });
      const refusedUuid = refused.body.message_uuid[0] as string;
      await waitFor(() => second.state.getMessage(refusedUuid)?.status === 'failed');
      expect(second.state.getMessage(refusedUuid)?.errorCode).toBe('200');
      // …and the wiring works: a text to the number reaches the application.
      const later = second.inbound({ from: '+14155550182', to: US, text: 'after the restart' });
      await waitFor(() => receiver.requests.some((request) => request.params.MessageUUID === later.uuid));
    } finally {
      await receiver.close();
    }
  });

  it('finishes the lifecycle of messages that were still in flight, status callbacks included', async () => {
    const receiver = await startReceiver();
    try {
      const first = await start({ deliveryDelayMs: 60_000 });
      const sent = await call(first, 'POST', account(first, 'Message/'), {
        json: { src: US, dst: '+14155550183', text: 'in flight', url: `${receiver.url}/status` },
      });
      const uuid = sent.body.message_uuid[0] as string;
      expect(first.state.getMessage(uuid)?.status).toBe('queued');
      await stop(first);

      const second = await start();
      await waitFor(() => second.state.getMessage(uuid)?.status === 'delivered');
      await waitFor(() => receiver.requests.some((request) => request.params.MessageUUID === uuid && request.params.Status === 'delivered'));
      expect(second.state.messages.filter((message) => message.uuid === uuid)).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('an acknowledgement still in flight after a STOP is delivered after the restart, the next send is refused', async () => {
    const numbers = [{ number: US, keywords: { replies: { optout: null } } }];
    const first = await start({ deliveryDelayMs: 60_000, numbers });
    first.inbound({ from: PHONE, to: US, text: 'STOP' });
    const sent = await call(first, 'POST', account(first, 'Message/'), { json: { src: US, dst: PHONE, text: 'You are unsubscribed.' } });
    const uuid = sent.body.message_uuid[0] as string;
    expect(first.state.getMessage(uuid)?.status).toBe('queued');
    await stop(first);

    const second = await start({ numbers });
    await waitFor(() => second.state.getMessage(uuid)?.status === 'delivered');
    const next = await call(second, 'POST', account(second, 'Message/'), { json: { src: US, dst: PHONE, text: 'One more' } });
    const nextUuid = next.body.message_uuid[0] as string;
    await waitFor(() => second.state.getMessage(nextUuid)?.status === 'failed');
    expect(second.state.getMessage(nextUuid)?.errorCode).toBe('200');
  });

  it('drops wiring to an application that is gone and numbers the options no longer list', async () => {
    const first = await start({ numbers: [US, CA] });
    const app = await call(first, 'POST', account(first, 'Application/'), { json: { app_name: 'gone' } });
    await call(first, 'POST', account(first, 'Number/16045550199/'), { json: { app_id: app.body.app_id } });
    await stop(first);
    const saved = JSON.parse(await readFile(join(dataDir, STATE_FILE_NAME), 'utf8')) as { applications: unknown[] };
    saved.applications = [];
    await writeFile(join(dataDir, STATE_FILE_NAME), JSON.stringify(saved));

    const second = await start({ numbers: [CA] });
    expect(second.numbers).toEqual([CA]);
    expect(second.state.numbers.get('16045550199')?.appId).toBeNull();
  });

  it('a reset is kept too: the traffic is gone after the restart, the applications stay', async () => {
    const first = await start();
    await call(first, 'POST', account(first, 'Application/'), { json: { app_name: 'stays' } });
    first.inbound({ from: PHONE, to: US, text: 'STOP' });
    expect((await call(first, 'POST', '/__sandbox/reset', { auth: false })).status).toBe(200);
    await stop(first);
    const second = await start();
    expect(second.state.messages).toEqual([]);
    expect(second.state.optOuts).toEqual([]);
    expect([...second.state.applications.values()].map((app) => app.appName)).toEqual(['stays']);
  });
});

describe('bounds', () => {
  it(`keeps the newest ${SAVED_MESSAGE_LIMIT} messages in the file`, async () => {
    const first = await start();
    const total = SAVED_MESSAGE_LIMIT + 25;
    for (let index = 0; index < total; index++) first.inbound({ from: PHONE, to: CA, text: `message ${index}` });
    expect(first.state.messages).toHaveLength(total);
    await stop(first);
    const saved = await savedFile();
    expect(saved.messages).toHaveLength(SAVED_MESSAGE_LIMIT);
    expect(saved.messages[0]!.text).toBe('message 25');
    expect(saved.messages.at(-1)!.text).toBe(`message ${total - 1}`);
    const second = await start();
    expect(second.state.messages).toHaveLength(SAVED_MESSAGE_LIMIT);
  });
});

describe('a state file that cannot be used', () => {
  async function expectRefused(problem: RegExp): Promise<void> {
    const before = await readFile(join(dataDir, STATE_FILE_NAME)).catch(() => null);
    const error = await startTestSandbox({ dataDir }).then(
      (sandbox) => {
        running.push(sandbox);
        throw new Error('the sandbox started');
      },
      (failure: unknown) => failure as { code: string; message: string; hint: string; field: string },
    );
    expect(error).toMatchObject({ code: 'SANDBOX_STATE_ERROR', field: 'dataDir' });
    expect(error.message).toContain(join(dataDir, STATE_FILE_NAME));
    expect(error.message).toMatch(problem);
    expect(error.hint).toContain(`mv ${join(dataDir, STATE_FILE_NAME)} ${join(dataDir, STATE_FILE_NAME)}.broken`);
    // Left exactly as it was, and the folder is not left locked.
    expect(await readFile(join(dataDir, STATE_FILE_NAME)).catch(() => null)).toEqual(before);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }

  beforeEach(async () => {
    await mkdir(dataDir, { recursive: true });
  });

  it('half-written JSON', async () => {
    await writeFile(join(dataDir, STATE_FILE_NAME), '{"format": "textbridge-sandbox-state", "version": 1, "mess');
    await expectRefused(/is not valid JSON/);
  });

  it('an empty file', async () => {
    await writeFile(join(dataDir, STATE_FILE_NAME), '');
    await expectRefused(/is not valid JSON/);
  });

  it('some other JSON file', async () => {
    await writeFile(join(dataDir, STATE_FILE_NAME), '{"name": "my-project"}');
    await expectRefused(/not a Textbridge sandbox state file/);
  });

  it('a file from a newer version', async () => {
    await writeFile(join(dataDir, STATE_FILE_NAME), JSON.stringify({ format: 'textbridge-sandbox-state', version: STATE_VERSION + 1 }));
    await expectRefused(new RegExp(`format version ${STATE_VERSION + 1}; this sandbox reads version ${STATE_VERSION} \\(written by a newer Textbridge\\)`));
  });

  it('a wrong value deep inside, named by its path', async () => {
    const first = await start();
    first.inbound({ from: PHONE, to: US, text: 'hello' });
    await stop(first);
    const saved = JSON.parse(await readFile(join(dataDir, STATE_FILE_NAME), 'utf8')) as { messages: { status: string }[] };
    saved.messages[0]!.status = 'lost';
    await writeFile(join(dataDir, STATE_FILE_NAME), JSON.stringify(saved));
    await expectRefused(/messages\[0\]\.status/);
  });

  it('a file that cannot be read', async () => {
    await mkdir(join(dataDir, STATE_FILE_NAME));
    const error = await startTestSandbox({ dataDir }).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'SANDBOX_STATE_ERROR', message: expect.stringMatching(/could not be read \(EISDIR\)/) });
    expect((await readdir(join(dataDir, STATE_FILE_NAME)))).toEqual([]); // left as it was
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('a data folder that is a file', async () => {
    await rm(dataDir, { recursive: true });
    await writeFile(dataDir, 'not a folder');
    const error = await startTestSandbox({ dataDir }).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'SANDBOX_STATE_ERROR', message: expect.stringContaining(`${dataDir} could not be created`) });
  });
});

describe('one sandbox per folder', () => {
  it('refuses a second sandbox on a folder in use, naming the process', async () => {
    await start();
    await expect(startTestSandbox({ dataDir })).rejects.toMatchObject({
      code: 'SANDBOX_STATE_ERROR',
      message: expect.stringContaining(`is in use by another sandbox (process ${process.pid})`),
    });
  });

  it('takes over a lock left by a process that is gone, and ignores temporary files of an interrupted write', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, LOCK_FILE_NAME), JSON.stringify({ pid }));
    await writeFile(join(dataDir, `${STATE_FILE_NAME}.${pid}.tmp`), '{"half": ');
    const sandbox = await start();
    expect(sandbox.stateFile).not.toBeNull();
    expect(JSON.parse(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    expect((await readdir(dataDir)).sort()).toEqual([LOCK_FILE_NAME, STATE_FILE_NAME]);
  });
});

describe('write failures', () => {
  it('are reported as storage events naming the file, and the next change is written once the folder is back', async () => {
    const sandbox = await start();
    const events: SandboxEvent[] = [];
    sandbox.events.subscribe((event) => event.type === 'storage' && events.push(event));
    await rm(dataDir, { recursive: true });
    await writeFile(dataDir, 'in the way'); // every write now fails with ENOTDIR
    const created = await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'unsaved' } });
    expect(created.status).toBe(201); // the sandbox keeps serving
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toMatch(new RegExp(`could not save its state to ${join(dataDir, STATE_FILE_NAME).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(ENOTDIR\\)`));
    await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'still-unsaved' } });
    expect(events).toHaveLength(1); // said once, not at every change

    await rm(dataDir);
    await mkdir(dataDir);
    await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'saved' } });
    const saved = JSON.parse(await readFile(join(dataDir, STATE_FILE_NAME), 'utf8')) as { applications: { appName: string }[] };
    expect(saved.applications.map((app) => app.appName)).toEqual(['unsaved', 'still-unsaved', 'saved']);
  });
});

describe('textbridge-sandbox --data-dir', () => {
  function startCli(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = (): Promise<string> =>
      waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1], 15_000, 'the banner').catch((error: Error) => {
        throw new Error(`${error.message}:\n${output}`);
      });
    return { child, url, exited, output: () => output };
  }

  it('keeps a wired application over a kill -9 and a restart (the env variable names the folder)', async () => {
    const first = startCli([], { TEXTBRIDGE_SANDBOX_DATA_DIR: dataDir });
    try {
      const url = await first.url();
      expect(first.output()).toContain(`State            ${join(dataDir, STATE_FILE_NAME)}`);
      const sandbox = { url, authId: 'MATEXTBRIDGESANDBOX1', authToken: 'TextbridgeSandboxDemoAuthToken0000000000' } as Sandbox;
      const app = await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'survives', message_url: 'http://127.0.0.1:9/in' } });
      await call(sandbox, 'POST', account(sandbox, 'Number/14155552671/'), { json: { app_id: app.body.app_id } });
      first.child.kill('SIGKILL'); // no chance to write anything more: what the API acknowledged must already be on disk
      await first.exited;

      const second = startCli(['--data-dir', dataDir]);
      try {
        const again = { ...sandbox, url: await second.url() } as Sandbox;
        expect((await call(again, 'GET', account(again, 'Number/14155552671/'))).body.application).toBe(
          `/v1/Account/${sandbox.authId}/Application/${app.body.app_id as string}/`,
        );
        second.child.kill('SIGINT');
        expect(await second.exited).toBe(0);
      } finally {
        second.child.kill('SIGKILL');
      }
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 45_000);

  it('exits 1 with the file and what to do when the state file is broken', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, STATE_FILE_NAME), 'garbage');
    const cli = startCli(['--data-dir', dataDir]);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain(`The sandbox state file ${join(dataDir, STATE_FILE_NAME)} cannot be used: it is not valid JSON`);
    expect(cli.output()).toContain('move it aside');
    expect(cli.output()).not.toMatch(/\n\s+at /);
    expect(await readFile(join(dataDir, STATE_FILE_NAME), 'utf8')).toBe('garbage');
  }, 30_000);
});
