// The sandbox's Verify API over HTTP: a send texts the code to the virtual phone from Plivo's Verify sender (and the
// state shows the code), a second send within the session resends the same code, checks follow Plivo's limits
// (10 per session) and expiry, get and list answer in Plivo's shapes, and sessions survive a restart with a data
// folder. Then core's own client against it, end to end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  VERIFY_DEFAULTS,
  VERIFY_SENDER,
  VERIFY_TEXTS,
  checkVerificationCodeOutcome,
  createPlivoClient,
  toVerificationSessionOutput,
  type Sandbox,
  type SandboxVerifySession,
} from '../../src/index.js';
import { account, call, startTestSandbox, waitFor } from './helpers.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

const SESSIONS = (s: Sandbox) => account(s, 'Verify/Session/');

async function sendCode(json: Record<string, unknown>, s: Sandbox = sandbox): Promise<string> {
  const answer = await call(s, 'POST', SESSIONS(s), { json });
  expect(answer.status, answer.text).toBe(202);
  expect(answer.body).toMatchObject({ message: VERIFY_TEXTS.initiated, session_uuid: expect.any(String), api_id: expect.any(String) });
  return answer.body.session_uuid as string;
}

function sessionOf(uuid: string, s: Sandbox = sandbox): SandboxVerifySession {
  const session = s.state.verifySessions.get(uuid);
  if (!session) throw new Error(`session ${uuid} not recorded`);
  return session;
}

function check(uuid: string, otp: string, s: Sandbox = sandbox) {
  return call(s, 'POST', `${SESSIONS(s)}${uuid}/`, { json: { otp } });
}

/** A code that is not the session's: same length, last digit changed. */
function wrongCode(code: string): string {
  return `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
}

describe('sandbox Verify: sending a code', () => {
  it('texts the code to the virtual phone from the Verify sender, with the brand name; /__sandbox/state shows the code', async () => {
    const uuid = await sendCode({ recipient: '+14155550123', brand_name: 'Acme' });
    const session = sessionOf(uuid);
    expect(session.code).toMatch(new RegExp(`^\\d{${VERIFY_DEFAULTS.codeLength}}$`));
    const message = sandbox.state.getMessage(session.attempts[0]!.messageUuid)!;
    expect(message).toMatchObject({ direction: 'outbound', src: VERIFY_SENDER, dst: '14155550123', origin: 'verify' });
    expect(message.text).toBe(`Your Acme verification code is ${session.code}.`);
    await waitFor(() => sandbox.state.getMessage(message.uuid)?.status === 'delivered');

    const state = await call(sandbox, 'GET', '/__sandbox/state');
    expect(state.body.verifySessions).toEqual([expect.objectContaining({ sessionUuid: uuid, code: session.code, status: 'in-progress' })]);
    // A Verify attempt is not a message of the Message API.
    const listed = await call(sandbox, 'GET', account(sandbox, 'Message/'));
    expect(listed.body.objects).toEqual([]);
    expect((await call(sandbox, 'GET', account(sandbox, `Message/${message.uuid}/`))).status).toBe(404);
  });

  it('resends the same code in the same session while it is valid, and opens a new one per recipient', async () => {
    const first = await sendCode({ recipient: '+14155550123', code_length: 4 });
    const again = await sendCode({ recipient: '14155550123', channel: 'voice' });
    const other = await sendCode({ recipient: '+447520123999' });
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    const session = sessionOf(first);
    expect(session.attempts.map((attempt) => attempt.channel)).toEqual(['sms', 'voice']);
    const texts = session.attempts.map((attempt) => sandbox.state.getMessage(attempt.messageUuid)!.text);
    expect(texts[1]).toBe(`\u{1F4DE} Voice call: Your verification code is ${session.code.split('').join(' ')}.`);

    const record = (await call(sandbox, 'GET', `${SESSIONS(sandbox)}${first}/`)).body;
    expect(record).toMatchObject({ session_uuid: first, recipient: '14155550123', channel: 'voice', count: 2, status: 'in-progress', locale: 'en' });
    expect(record.attempt_details.map((a: { channel: string }) => a.channel)).toEqual(['sms', 'voice']);
    expect(record.charges.attempt_charges).toHaveLength(2);
  });

  it.each([
    [{}, 400, 'recipient is required'],
    [{ recipient: '12' }, 400, "'12' is not a valid phone number."],
    [{ recipient: '+14155550123', channel: 'email' }, 400, 'channel should be one of sms, voice'],
    [{ recipient: '+14155550123', code_length: 9 }, 400, 'code_length should be an integer between 4 and 8'],
    [{ recipient: '+14155550123', locale: 'English' }, 400, 'locale should be a language code such as en, es or en_US'],
    [{ recipient: '+14155550123', app_uuid: 'my-app' }, 400, "'my-app' is not a valid app_uuid"],
    [{ recipient: '+14155550123', url: 'not a url' }, 400, 'url parameter is not a valid url'],
  ])('refuses %j with %i %s, sending nothing', async (json, status, error) => {
    const answer = await call(sandbox, 'POST', SESSIONS(sandbox), { json });
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
    expect(sandbox.state.messages).toEqual([]);
    expect(sandbox.state.verifySessions.size).toBe(0);
  });

  it('refuses a country outside the geo permissions with 403', async () => {
    const blocked = await startTestSandbox({ rateLimit: false, blockedCountries: ['GB'] });
    try {
      const answer = await call(blocked, 'POST', SESSIONS(blocked), { json: { recipient: '+447520123999' } });
      expect(answer.status).toBe(403);
      expect(blocked.state.messages).toEqual([]);
    } finally {
      await blocked.stop();
    }
  });
});

describe('sandbox Verify: checking a code', () => {
  it('refuses a wrong code, accepts the right one, then says the session is already verified', async () => {
    const uuid = await sendCode({ recipient: '+14155550123' });
    const { code } = sessionOf(uuid);
    expect(await check(uuid, wrongCode(code))).toMatchObject({ status: 400, body: { error: VERIFY_TEXTS.wrongCode } });
    expect(await check(uuid, code)).toMatchObject({ status: 200, body: { message: VERIFY_TEXTS.validated } });
    expect(await check(uuid, code)).toMatchObject({ status: 400, body: { error: VERIFY_TEXTS.alreadyVerified } });
    const record = (await call(sandbox, 'GET', `${SESSIONS(sandbox)}${uuid}/`)).body;
    expect(record.status).toBe('verified');
    expect(record.charges.validation_charge).not.toBe('0.00000');
    // A verified session is closed: the next send opens a new one with a new session UUID.
    expect(await sendCode({ recipient: '+14155550123' })).not.toBe(uuid);
  });

  it(`allows ${VERIFY_DEFAULTS.maxChecksPerSession} checks: after that even the right code is refused and the session is expired`, async () => {
    const uuid = await sendCode({ recipient: '+14155550123' });
    const { code } = sessionOf(uuid);
    for (let i = 0; i < VERIFY_DEFAULTS.maxChecksPerSession; i++) {
      expect((await check(uuid, wrongCode(code))).body.error).toBe(VERIFY_TEXTS.wrongCode);
    }
    expect(await check(uuid, code)).toMatchObject({ status: 400, body: { error: VERIFY_TEXTS.attemptsExceeded } });
    expect((await call(sandbox, 'GET', `${SESSIONS(sandbox)}${uuid}/`)).body.status).toBe('expired');
  });

  it('needs the otp and a known session', async () => {
    const uuid = await sendCode({ recipient: '+14155550123' });
    expect(await call(sandbox, 'POST', `${SESSIONS(sandbox)}${uuid}/`, { json: {} })).toMatchObject({ status: 400, body: { error: 'otp is required' } });
    expect((await check('0f0f0f0f-0000-4000-8000-000000000000', '123456')).status).toBe(404);
    expect(sessionOf(uuid).checks).toBe(0);
  });

  it('expires the session with its code (expiryScale shortens the wait)', async () => {
    const quick = await startTestSandbox({ rateLimit: false, verifyCodeExpirySeconds: 1, expiryScale: 0.01 });
    try {
      const uuid = await sendCode({ recipient: '+14155550123' }, quick);
      const { code } = sessionOf(uuid, quick);
      await waitFor(() => Date.now() >= sessionOf(uuid, quick).expiresAt);
      expect(await check(uuid, code, quick)).toMatchObject({ status: 400, body: { error: VERIFY_TEXTS.expired } });
      expect((await call(quick, 'GET', `${SESSIONS(quick)}${uuid}/`)).body.status).toBe('expired');
      // The lapsed session is not joined: a new send opens a new one.
      expect(await sendCode({ recipient: '+14155550123' }, quick)).not.toBe(uuid);
    } finally {
      await quick.stop();
    }
  });
});

describe('sandbox Verify: listing sessions', () => {
  it('lists newest first with status and recipient filters, paging and meta', async () => {
    const a = await sendCode({ recipient: '+14155550101' });
    const b = await sendCode({ recipient: '+14155550102' });
    const c = await sendCode({ recipient: '+14155550103' });
    await check(b, sessionOf(b).code);

    const all = await call(sandbox, 'GET', SESSIONS(sandbox));
    expect(all.body.sessions.map((s: { session_uuid: string }) => s.session_uuid)).toEqual([c, b, a]);
    expect(all.body.meta).toMatchObject({ limit: 20, offset: 0, total_count: 3, next: null });

    const verified = await call(sandbox, 'GET', `${SESSIONS(sandbox)}?status=verified`);
    expect(verified.body.sessions.map((s: { session_uuid: string }) => s.session_uuid)).toEqual([b]);
    const byRecipient = await call(sandbox, 'GET', `${SESSIONS(sandbox)}?recipient=%2B14155550101`);
    expect(byRecipient.body.sessions.map((s: { session_uuid: string }) => s.session_uuid)).toEqual([a]);
    const paged = await call(sandbox, 'GET', `${SESSIONS(sandbox)}?limit=2&offset=1`);
    expect(paged.body.sessions.map((s: { session_uuid: string }) => s.session_uuid)).toEqual([b, a]);
    expect((await call(sandbox, 'GET', `${SESSIONS(sandbox)}?status=done`)).status).toBe(400);
    expect((await call(sandbox, 'GET', `${SESSIONS(sandbox)}?session_time__gt=yesterday`)).status).toBe(400);
    const future = await call(sandbox, 'GET', `${SESSIONS(sandbox)}?session_time__gt=2999-01-01 00:00`);
    expect(future.body.sessions).toEqual([]);
  });

  it('reset forgets the sessions', async () => {
    await sendCode({ recipient: '+14155550101' });
    sandbox.reset();
    expect(sandbox.state.verifySessions.size).toBe(0);
    expect((await call(sandbox, 'GET', SESSIONS(sandbox))).body.sessions).toEqual([]);
  });
});

describe('sandbox Verify: data folder', () => {
  it('keeps sessions, their codes and spent checks across a restart', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'textbridge-verify-state-')), 'data');
    try {
      const first = await startTestSandbox({ rateLimit: false, dataDir });
      const uuid = await sendCode({ recipient: '+14155550123' }, first);
      const { code } = sessionOf(uuid, first);
      await check(uuid, wrongCode(code), first);
      await first.stop();

      const second = await startTestSandbox({ rateLimit: false, dataDir });
      try {
        expect(sessionOf(uuid, second)).toMatchObject({ code, checks: 1, status: 'in-progress' });
        expect(await check(uuid, code, second)).toMatchObject({ status: 200 });
      } finally {
        await second.stop();
      }
    } finally {
      await rm(join(dataDir, '..'), { recursive: true, force: true });
    }
  });
});

describe("core's client against the sandbox Verify API", () => {
  it('sends, gets, lists and checks, with refusals as verified: false', async () => {
    const client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
    const sent = await client.sendVerificationCode({ recipient: '(415) 555-0123', defaultCountry: 'US', brandName: 'Acme', codeLength: 8 });
    const { code } = sessionOf(sent.sessionUuid);
    expect(code).toHaveLength(8);

    const wrong = await checkVerificationCodeOutcome(client, sent.sessionUuid, wrongCode(code));
    expect(wrong).toMatchObject({ verified: false, reason: 'VERIFICATION_CODE_WRONG' });
    await expect(client.checkVerificationCode(sent.sessionUuid, wrongCode(code))).rejects.toMatchObject({ code: 'VERIFICATION_CODE_WRONG' });
    expect(await checkVerificationCodeOutcome(client, sent.sessionUuid, code)).toMatchObject({ verified: true, reason: null });
    expect(await checkVerificationCodeOutcome(client, sent.sessionUuid, code)).toMatchObject({ verified: false, reason: 'VERIFICATION_ALREADY_VERIFIED' });

    const session = await client.getVerificationSession(sent.sessionUuid);
    expect(toVerificationSessionOutput(session)).toMatchObject({
      sessionUuid: sent.sessionUuid,
      recipient: '+14155550123',
      status: 'verified',
      channel: 'sms',
      attempts: 1,
      destinationCountry: 'US',
    });
    const listed: string[] = [];
    for await (const item of client.listVerificationSessions({ status: 'verified', recipient: '+14155550123' })) listed.push(item.sessionUuid);
    expect(listed).toEqual([sent.sessionUuid]);
    await expect(client.getVerificationSession('0f0f0f0f-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads expiry and the check limit from the sandbox as their own codes', async () => {
    const client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
    const sent = await client.sendVerificationCode({ recipient: '+14155550124' });
    const { code } = sessionOf(sent.sessionUuid);
    for (let i = 0; i < VERIFY_DEFAULTS.maxChecksPerSession; i++) {
      await expect(client.checkVerificationCode(sent.sessionUuid, wrongCode(code))).rejects.toMatchObject({ code: 'VERIFICATION_CODE_WRONG' });
    }
    await expect(client.checkVerificationCode(sent.sessionUuid, code)).rejects.toMatchObject({ code: 'VERIFICATION_ATTEMPTS_EXCEEDED' });

    const quick = await startTestSandbox({ rateLimit: false, verifyCodeExpirySeconds: 1, expiryScale: 0.01 });
    try {
      const quickClient = createPlivoClient({ authId: quick.authId, authToken: quick.authToken, baseUrl: quick.url });
      const lapsed = await quickClient.sendVerificationCode({ recipient: '+14155550124' });
      await waitFor(() => Date.now() >= sessionOf(lapsed.sessionUuid, quick).expiresAt);
      const outcome = await checkVerificationCodeOutcome(quickClient, lapsed.sessionUuid, sessionOf(lapsed.sessionUuid, quick).code);
      expect(outcome).toMatchObject({ verified: false, reason: 'VERIFICATION_EXPIRED' });
    } finally {
      await quick.stop();
    }
  });
});
