// Bad input through the public surfaces — core's bulk sender, the n8n node (in n8n's engine, continue on fail) and the
// Zapier Send SMS action (createAppTester) — against the sandbox: each bad value gives its own error naming the field,
// and the good inputs of the same batch are still sent (once each).
import zapier from 'zapier-platform-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPlivoClient,
  parseSendRequest, sendBulk, startSandbox, type Sandbox } from '../../core/src/index.js';
import { AUTH_ID, AUTH_TOKEN, runPlivoSms } from '../../n8n-nodes/test/harness.js';
import App from '../../zapier-app/src/index.js';
import { sendSms } from '../../zapier-app/src/creates/send-sms.js';
import { createSecretLedger, secretForms } from './support/secret-scan.js';

// n8n-workflow is installed under n8n-nodes/ only: mocked by the path the n8n harness resolves it to (a bare
// 'n8n-workflow' does not resolve from here, and the harness would get Vite's transform of its ESM build instead).
vi.mock('../../n8n-nodes/node_modules/n8n-workflow/dist/esm/index.js', async () => (await import('../../n8n-nodes/test/n8n-workflow-cjs.js')).default);

const appTester = zapier.createAppTester(App);
const GOOD = '+12125550100';
const ledger = createSecretLedger();
/** 10,000 distinct valid US numbers. */
const TEN_THOUSAND = Array.from({ length: 10_000 }, (_, i) => `+1${[212, 312, 646][i % 3]}555${String(i).padStart(4, '0')}`);

/** Each bad value, the field its error must name, and the code. `field` is a pattern over core's field path. */
const BAD_VALUES = [
  { name: 'an invalid number', dst: 'not a number', text: 'x', code: 'INVALID_PHONE_NUMBER', field: 'dst' },
  { name: 'an empty number', dst: '', text: 'x', code: 'INVALID_PHONE_NUMBER', field: 'dst' },
  { name: 'a 5,000-digit number', dst: '1'.repeat(5000), text: 'x', code: 'INVALID_PHONE_NUMBER', field: 'dst' },
  { name: 'a number object', dst: { n: 1 }, text: 'x', code: 'INVALID_PHONE_NUMBER', field: 'dst' },
  { name: 'empty text', dst: GOOD, text: '', code: 'INVALID_TEXT', field: 'text' },
  { name: 'text over the limit', dst: GOOD, text: 'a'.repeat(1601), code: 'MESSAGE_TOO_LONG', field: 'text' },
  { name: '100,000 characters of text', dst: GOOD, text: 'x'.repeat(100_000), code: 'MESSAGE_TOO_LONG', field: 'text' },
  { name: 'a lone surrogate', dst: GOOD, text: 'half an emoji: \ud83d!', code: 'INVALID_TEXT', field: 'text' },
  { name: 'text that is a number', dst: GOOD, text: 42, code: 'INVALID_TEXT', field: 'text' },
  { name: 'text that is an object', dst: GOOD, text: { text: 'hi' }, code: 'INVALID_TEXT', field: 'text' },
] as const;

describe('bad input through the public surfaces', () => {
  let sandbox: Sandbox;
  let stopCapture: () => void;
  beforeAll(async () => {
    stopCapture = ledger.captureProcessOutput();
    // The engine harness's credential (AUTH_ID / AUTH_TOKEN) is also the sandbox's account.
    sandbox = await startSandbox({ authId: AUTH_ID, authToken: AUTH_TOKEN, rateLimit: false, deliveryDelayMs: 600_000 });
  });
  afterAll(async () => {
    stopCapture?.();
    await sandbox?.stop();
  });
  const outbound = () => sandbox.state.messages.filter((message) => message.direction === 'outbound');

  it('core sendBulk: one specific error per bad input (naming messages[i].<field>), the good ones sent once', async () => {
    sandbox.reset();
    const src = sandbox.numbers[0]!;
    const client = createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: sandbox.url });
    const inputs: unknown[] = [
      { src, dst: GOOD, text: 'good 0' },
      ...BAD_VALUES.map(({ dst, text }) => ({ src, dst, text })),
      { src, dst: '+12125550101', text: 'MMS', type: 'mms', mediaUrls: ['not a url'] },
      { src, dst: '+12125550102', text: 'bell \u0007, nul \u0000, escape \u001b' },
      null,
      { src: '', dst: GOOD, text: 'no sender' },
      { src, dst: '+12125550103', text: 'good 1' },
    ];
    const results = await sendBulk(client, inputs as never);
    ledger.record('core results', results);
    expect(results).toHaveLength(inputs.length);
    const errors = results.map((result) => (result.ok ? null : { code: result.error.code, field: result.error.field, message: result.error.message }));
    BAD_VALUES.forEach((bad, i) => {
      const error = errors[i + 1];
      expect(error, bad.name).toMatchObject({ code: bad.code, field: `messages[${i + 1}].${bad.field}` });
      expect(error?.message, bad.name).toContain(`messages[${i + 1}]`);
    });
    const after = BAD_VALUES.length + 1;
    expect(errors[after]).toMatchObject({ code: 'INVALID_INPUT', field: `messages[${after}].mediaUrls[0]` });
    // Control characters (NUL, BEL, ESC…) are CRM debris, not text a phone shows: refused, naming the field and where.
    expect(errors[after + 1]).toMatchObject({ code: 'INVALID_TEXT', field: `messages[${after + 1}].text` });
    expect(errors[after + 1]?.message).toContain('U+0007 at position 5');
    expect(errors[after + 2]).toMatchObject({ code: 'INVALID_INPUT', field: `messages[${after + 2}]` });
    expect(errors[after + 3]).toMatchObject({ code: 'INVALID_SENDER', field: `messages[${after + 3}].src` });
    expect(results[0]!.ok && results[after + 4]!.ok).toBe(true);
    expect(outbound().map((message) => message.text).sort()).toEqual(['good 0', 'good 1']);
  });

  it('core sendMessage with 10,000 recipients in one call is refused naming dst; sendBulk sends them in requests of 1,000', async () => {
    sandbox.reset();
    const src = sandbox.numbers[0]!;
    const client = createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: sandbox.url });
    const refused = await client.sendMessage(parseSendRequest({ src, dst: TEN_THOUSAND, text: 'hi' })).catch((error: unknown) => error);
    ledger.record('core 10k error', refused);
    expect(refused).toMatchObject({ name: 'TextbridgeError', code: 'INVALID_INPUT', field: 'dst' });
    expect(outbound()).toHaveLength(0);
    const results = await sendBulk(client, TEN_THOUSAND.map((dst) => ({ src, dst, text: 'hi' })), { maxRequestsPerSecond: 1000 });
    expect(results.filter((result) => result.ok)).toHaveLength(10_000);
    expect(new Set(outbound().map((message) => message.dst)).size).toBe(10_000);
    expect(sandbox.state.requestCounts.total).toBe(10);
  });

  it('n8n Plivo SMS (engine, continue on fail): an error item per bad item naming its field, the other items sent', async () => {
    sandbox.reset();
    const items = [
      { to: GOOD, text: 'good 0' },
      ...BAD_VALUES.map(({ dst, text }) => ({ to: dst, text })),
      { to: TEN_THOUSAND.join(','), text: 'to ten thousand' },
      { to: '+12125550103', text: 'good 1' },
    ];
    const { output, error } = await runPlivoSms(
      {
        resource: 'message',
        operation: 'send',
        senderType: 'src',
        from: { __rl: true, mode: 'id', value: sandbox.numbers[0]! },
        to: '={{ $json.to }}',
        messageType: 'sms',
        text: '={{ $json.text }}',
        options: { maxRequestsPerSecond: 1000 },
      },
      items,
      { continueOnFail: true, credentials: { authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: sandbox.url } },
    );
    ledger.record('n8n output', output);
    expect(error).toBeUndefined();
    expect(output).toHaveLength(items.length);
    // A failed item is `{ error, details }` (what n8n routes to an error output); a sent one is the send output itself.
    const json = output!.map(
      (item) =>
        item.json as {
          status: string;
          details?: { status: string };
          error: { code: string; field: string | null; message: string } | null;
        },
    );
    BAD_VALUES.forEach((bad, i) => {
      const { details, error: itemError } = json[i + 1]!;
      expect(details?.status, bad.name).toBe('failed');
      expect(itemError?.code, bad.name).toBe(bad.code);
      // The node names its own parameter ("to") for numbers, core's message field for texts.
      expect(`${itemError?.field} ${itemError?.message}`, bad.name).toMatch(bad.field === 'dst' ? /\bto\b|dst/ : /text/);
    });
    expect(json[0]!.status).toBe('queued');
    expect(json.at(-2)).toMatchObject({ status: 'queued' });
    expect((json.at(-2) as unknown as { messageUuids: string[] }).messageUuids).toHaveLength(10_000);
    expect(json.at(-1)!.status).toBe('queued');
    expect(outbound()).toHaveLength(10_002);
  }, 60_000);

  // Core names bulk fields messages[k].<field> (k counts the run's destinations); the node relabels them to its own
  // parameters and item numbers.
  it('n8n Plivo SMS: a text error names the node parameter "text" on the item it belongs to (not core\'s messages[k] path)', async () => {
    const { output } = await runPlivoSms(
      {
        resource: 'message',
        operation: 'send',
        senderType: 'src',
        from: { __rl: true, mode: 'id', value: sandbox.numbers[0]! },
        to: '={{ $json.to }}',
        messageType: 'sms',
        text: '={{ $json.text }}',
      },
      [{ to: 'not a number', text: 'x' }, { to: GOOD, text: '' }],
      { continueOnFail: true, credentials: { authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: sandbox.url } },
    );
    expect(output![1]!.json).toMatchObject({ details: { status: 'failed' }, error: { code: 'INVALID_TEXT', field: 'text' } });
    const message = String((output![1]!.json.error as { message: string }).message);
    // Named as the node's parameter, in the item's own error (paired to item 1), never with core's internal path.
    expect(message).toMatch(/^text is empty/);
    expect(message).not.toContain('messages[');
  });

  it('n8n Plivo SMS MMS: media URLs that are not URLs give an error naming mediaUrls', async () => {
    const { output } = await runPlivoSms(
      {
        resource: 'message',
        operation: 'send',
        senderType: 'src',
        from: { __rl: true, mode: 'id', value: sandbox.numbers[0]! },
        to: GOOD,
        messageType: 'mms',
        text: 'look',
        mediaUrls: 'not a url, ftp://example.com/x.png',
      },
      [{}],
      { continueOnFail: true, credentials: { authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: sandbox.url } },
    );
    ledger.record('n8n mms output', output);
    expect(output![0]!.json).toMatchObject({
      details: { status: 'failed' },
      error: { code: 'INVALID_INPUT', field: expect.stringMatching(/mediaUrls/) },
    });
  });

  it('Zapier Send SMS (createAppTester): a specific error naming the field; bad recipients do not stop the good ones', async () => {
    sandbox.reset();
    const authData = { auth_id: AUTH_ID, auth_token: AUTH_TOKEN, base_url: sandbox.url };
    const from = sandbox.numbers[0]!;
    const failures: { name: string; message: string }[] = [];
    // Zapier hands every input as text, so the app reads a number or object as its text (42 becomes "42").
    for (const bad of BAD_VALUES.filter((value) => typeof value.text === 'string')) {
      const error = await appTester(sendSms, { authData, inputData: { from, to: bad.dst, message: bad.text } }).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      ledger.record(`zapier error (${bad.name})`, error);
      expect(error, bad.name).toBeInstanceOf(Error);
      failures.push({ name: bad.name, message: error!.message });
      expect(error!.message, bad.name).toMatch(bad.field === 'dst' ? /dst|\bto\b/i : /text|message/i);
      expect(error!.message, bad.name).toContain(bad.code);
    }
    const media = await appTester(sendSms, { authData, inputData: { from, to: GOOD, message: 'x', media_urls: 'not a url' } }).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(media?.message).toMatch(/media_urls/);
    const mixed = (await appTester(sendSms, {
      authData,
      inputData: { from, to: `${GOOD}, not a number, +12125550109`, message: 'partly good' },
    })) as { status: string; queuedCount: number; failedCount: number; recipients: { errorCode: string | null; errorMessage: string | null }[] };
    ledger.record('zapier output', mixed);
    expect(mixed).toMatchObject({ status: 'partially_queued', queuedCount: 2, failedCount: 1 });
    expect(mixed.recipients[1]).toMatchObject({ errorCode: 'INVALID_PHONE_NUMBER', errorMessage: expect.stringMatching(/^to \(recipient 2\) "not a number"/) });
    const numeric = await appTester(sendSms, { authData, inputData: { from, to: GOOD, message: 42 } });
    expect(numeric).toMatchObject({ status: 'queued', characterCount: 2 });
    expect(outbound().map((message) => message.text)).toEqual(['partly good', 'partly good', '42']);
  });

  it('shows no auth token or Authorization value in any result, error or log line', () => {
    expect(ledger.size()).toBeGreaterThan(0);
    expect(ledger.leaks(secretForms(AUTH_ID, AUTH_TOKEN))).toEqual([]);
  });
});
