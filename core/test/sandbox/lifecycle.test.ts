// Message lifecycle, signed status callbacks (with retries), inbound webhooks, XML replies and the opt-out flow —
// every callback checked with core's own verifyPlivoSignature and parsed with core's webhook parsers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CARRIER_KEYWORD_REPLIES,
  parseDeliveryStatus,
  parseInboundMessage,
  verifyPlivoSignature,
  type Sandbox,
  type SandboxMessage,
} from '../../src/index.js';
import { account, call, startReceiver, startTestSandbox, waitFor, type ReceivedRequest, type Receiver } from './helpers.js';

const SRC = '+14155552671';
let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false, expiryScale: 0.002 });
  receiver = await startReceiver();
});
afterAll(async () => {
  await sandbox.stop();
  await receiver.close();
});
afterEach(() => {
  sandbox.reset();
  receiver.requests.length = 0;
  receiver.respond = () => ({ status: 200 });
});

async function send(json: Record<string, unknown>): Promise<string> {
  const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, text: 'Hello', ...json } });
  expect(answer.status).toBe(202);
  return answer.body.message_uuid[0] as string;
}

function message(uuid: string): SandboxMessage {
  const found = sandbox.state.getMessage(uuid);
  if (!found) throw new Error(`message ${uuid} not recorded`);
  return found;
}

function callbacksFor(uuid: string): ReceivedRequest[] {
  return receiver.requests.filter((request) => request.params.MessageUUID === uuid);
}

function expectSigned(request: ReceivedRequest): void {
  const check = verifyPlivoSignature({
    method: request.method,
    url: request.url,
    params: request.params,
    headers: request.headers,
    authToken: sandbox.authToken,
  });
  expect(check).toEqual({ valid: true, version: 'v3' });
  // The V2 signature alone must verify too (receivers that only know V2).
  const v2Only = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !name.includes('v3')));
  expect(verifyPlivoSignature({ method: request.method, url: request.url, params: request.params, headers: v2Only, authToken: sandbox.authToken })).toEqual({
    valid: true,
    version: 'v2',
  });
  // …and a forged request must not.
  expect(verifyPlivoSignature({ method: request.method, url: request.url, params: { ...request.params, Status: 'delivered', To: '1' }, headers: request.headers, authToken: sandbox.authToken }).valid).toBe(false);
}

describe('outbound lifecycle and status callbacks', () => {
  it('goes queued -> sent -> delivered with a signed form POST per change, in order', async () => {
    const uuid = await send({ dst: '+14155550100', url: `${receiver.url}/status?source=sandbox` });
    const requests = await waitFor(() => (callbacksFor(uuid).length === 3 ? callbacksFor(uuid) : undefined));
    expect(requests.map((request) => request.params.Status)).toEqual(['queued', 'sent', 'delivered']);
    expect(requests.map((request) => request.params.Sequence)).toEqual(['1', '2', '3']);
    for (const request of requests) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.url).toBe(`${receiver.url}/status?source=sandbox`);
      for (const header of ['v2', 'v2-nonce', 'ma-v2', 'v3', 'v3-nonce', 'ma-v3']) expect(request.headers[`x-plivo-signature-${header}`]).toBeTruthy();
      expectSigned(request);
    }
    const delivered = parseDeliveryStatus(requests[2]!.params);
    expect(delivered).toMatchObject({
      ok: true,
      event: {
        kind: 'status',
        messageUuid: uuid,
        status: 'delivered',
        errorCode: null,
        from: SRC,
        to: '+14155550100',
        type: 'sms',
        units: 1,
        totalRate: 0.0055,
        totalAmount: 0.0055,
        sequence: 3,
      },
    });
    expect(requests[2]!.params).toMatchObject({ MCC: expect.stringMatching(/^\d{3}$/), MNC: expect.stringMatching(/^\d+$/) });
    expect(requests[2]!.params.DeliveryReportTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(requests[0]!.params).not.toHaveProperty('SentTime');
    expect(requests[0]!.params).not.toHaveProperty('ErrorCode');
    expect(message(uuid)).toMatchObject({ status: 'delivered', errorCode: '000', totalAmount: '0.00550' });
    expect(message(uuid).sentAt).not.toBeNull();
    expect(message(uuid).finishedAt).not.toBeNull();
  });

  it('uses the query string for GET callbacks, signed over the full URL', async () => {
    const uuid = await send({ dst: '+14155550101', url: `${receiver.url}/status-get?k=v`, method: 'GET' });
    const requests = await waitFor(() => (callbacksFor(uuid).length === 3 ? callbacksFor(uuid) : undefined));
    for (const request of requests) {
      expect(request.method).toBe('GET');
      expect(request.body).toBe('');
      expect(request.params.k).toBe('v');
      expectSigned(request);
    }
  });

  it.each([
    ['0950', ['queued', 'failed'], '50', 'failed'],
    ['0970', ['queued', 'sent', 'undelivered'], '70', 'undelivered'],
    ['0980', ['queued', 'sent', 'undelivered'], '80', 'undelivered'],
  ])('follows the documented rule for destinations ending in %s', async (suffix, statuses, errorCode, finalStatus) => {
    const uuid = await send({ dst: `+1415555${suffix}`, url: `${receiver.url}/status` });
    const requests = await waitFor(() => (callbacksFor(uuid).length === statuses.length ? callbacksFor(uuid) : undefined));
    expect(requests.map((request) => request.params.Status)).toEqual(statuses);
    expect(requests.at(-1)!.params.ErrorCode).toBe(errorCode);
    expect(message(uuid)).toMatchObject({ status: finalStatus, errorCode });
    const parsed = parseDeliveryStatus(requests.at(-1)!.params);
    expect(parsed.ok && parsed.event.errorReason).toBeTruthy();
    const record = await call(sandbox, 'GET', account(sandbox, `Message/${uuid}/`));
    expect(record.body).toMatchObject({ message_state: finalStatus, error_code: errorCode, error_message: expect.any(String) });
    expect(record.body.error_message).not.toBe('');
  });

  it('charges nothing for a failed message', async () => {
    const uuid = await send({ dst: '+14155550950' });
    await waitFor(() => message(uuid).status === 'failed');
    expect(message(uuid).totalAmount).toBe('0.00000');
  });

  it('never reports delivery for …0999 (stays sent)', async () => {
    const uuid = await send({ dst: '+14155550999' });
    await waitFor(() => message(uuid).status === 'sent');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(message(uuid).status).toBe('sent');
  });

  it('expires a congested message (…0420) after message_expiry: failed, error 420', async () => {
    // expiryScale 0.002: message_expiry 5 s becomes 10 ms.
    const uuid = await send({ dst: '+14155550420', message_expiry: 5, url: `${receiver.url}/status` });
    const requests = await waitFor(() => (callbacksFor(uuid).length === 2 ? callbacksFor(uuid) : undefined));
    expect(requests.map((request) => [request.params.Status, request.params.ErrorCode])).toEqual([
      ['queued', undefined],
      ['failed', '420'],
    ]);
  });

  it('expires any message whose queue time exceeds message_expiry', async () => {
    const slow = await startTestSandbox({ rateLimit: false, deliveryDelayMs: 200, expiryScale: 0.002 });
    try {
      const answer = await call(slow, 'POST', account(slow, 'Message/'), { json: { src: SRC, dst: '+14155550100', text: 'x', message_expiry: 5 } });
      const uuid = answer.body.message_uuid[0] as string;
      await waitFor(() => slow.state.getMessage(uuid)?.status === 'failed');
      expect(slow.state.getMessage(uuid)).toMatchObject({ errorCode: '420', sentAt: null });
    } finally {
      await slow.stop();
    }
  });

  it('retries a callback that got no 2xx answer, after the configured delays, then stops', async () => {
    receiver.respond = () => ({ status: 503 });
    const uuid = await send({ dst: '+14155550950', url: `${receiver.url}/flaky` });
    // Two statuses (queued, failed) x four tries each (first + three retries at 20/40/80 ms).
    await waitFor(() => callbacksFor(uuid).length === 8, 3000, '8 callback attempts');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(callbacksFor(uuid)).toHaveLength(8);
    const attempts = sandbox.state.callbacks.filter((attempt) => attempt.messageUuid === uuid);
    expect(attempts.map((attempt) => attempt.attempt).sort()).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(attempts.every((attempt) => attempt.responseStatus === 503)).toBe(true);
    const queued = callbacksFor(uuid).filter((request) => request.params.Status === 'queued');
    const gaps = queued.slice(1).map((request, index) => request.at - queued[index]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(gaps[2]).toBeGreaterThanOrEqual(gaps[0]!);
    // Every retry is the same signed content (fresh nonce, same params).
    expect(new Set(queued.map((request) => request.body)).size).toBe(1);
    expect(new Set(queued.map((request) => request.headers['x-plivo-signature-v3-nonce'])).size).toBe(4);
  });

  it('stops retrying once the receiver answers 2xx', async () => {
    let calls = 0;
    receiver.respond = () => (++calls === 1 ? { status: 500 } : { status: 204 });
    const uuid = await send({ dst: '+14155550950', url: `${receiver.url}/once` });
    await waitFor(() => sandbox.state.callbacks.filter((attempt) => attempt.messageUuid === uuid).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const attempts = sandbox.state.callbacks.filter((attempt) => attempt.messageUuid === uuid);
    expect(attempts.map((attempt) => [attempt.event, attempt.attempt, attempt.responseStatus])).toEqual([
      ['queued', 1, 500],
      ['failed', 1, 204],
      ['queued', 2, 204],
    ]);
  });

  it('counts a receiver that does not answer in time as failed, and retries', async () => {
    const impatient = await startTestSandbox({ rateLimit: false, callbackTimeoutMs: 50, callbackRetryDelaysMs: [10] });
    receiver.respond = (request) => (request.url.endsWith('/hang') ? 'hang' : { status: 200 });
    try {
      const answer = await call(impatient, 'POST', account(impatient, 'Message/'), {
        json: { src: SRC, dst: '+14155550950', text: 'x', url: `${receiver.url}/hang` },
      });
      const uuid = answer.body.message_uuid[0] as string;
      await waitFor(() => impatient.state.callbacks.filter((attempt) => attempt.messageUuid === uuid).length === 4);
      const attempts = impatient.state.callbacks.filter((attempt) => attempt.messageUuid === uuid);
      expect(attempts.every((attempt) => attempt.responseStatus === null && /no answer within 50 ms/.test(attempt.error ?? ''))).toBe(true);
    } finally {
      await impatient.stop();
    }
  });
});

describe('inbound messages', () => {
  async function attachApp(messageUrl: string, method = 'POST', number = '14155552671'): Promise<string> {
    const created = await call(sandbox, 'POST', account(sandbox, 'Application/'), {
      json: { app_name: `inbound-${Date.now()}`, message_url: messageUrl, message_method: method },
    });
    await call(sandbox, 'POST', account(sandbox, `Number/${number}/`), { json: { app_id: created.body.app_id } });
    return created.body.app_id as string;
  }

  async function inbound(json: Record<string, unknown>): Promise<string> {
    const answer = await call(sandbox, 'POST', '/__sandbox/inbound', { json, auth: false });
    expect(answer.status).toBe(202);
    return answer.body.message_uuid as string;
  }

  it('delivers a signed webhook to the message_url of the number’s application', async () => {
    await attachApp(`${receiver.url}/inbound`);
    const uuid = await inbound({ from: '+14155550199', to: '+14155552671', text: 'Hi there' });
    const [request] = await waitFor(() => (receiver.requests.length === 1 ? receiver.requests : undefined));
    expectSigned(request!);
    const parsed = parseInboundMessage(request!.params);
    expect(parsed).toMatchObject({
      ok: true,
      event: { kind: 'inbound', messageUuid: uuid, from: '+14155550199', to: SRC, text: 'Hi there', type: 'sms', intent: null, units: 1 },
    });
    expect(request!.params.MessageIntent).toBe('');
    await waitFor(() => message(uuid).status === 'delivered');
    expect(message(uuid)).toMatchObject({ direction: 'inbound', src: '14155550199', dst: '14155552671', origin: 'phone' });
  });

  it('accepts form bodies and GET message_method', async () => {
    await attachApp(`${receiver.url}/inbound-get`, 'GET');
    const answer = await call(sandbox, 'POST', '/__sandbox/inbound', { form: { from: '14155550198', to: '14155552671', text: 'via form' }, auth: false });
    expect(answer.status).toBe(202);
    const [request] = await waitFor(() => (receiver.requests.length === 1 ? receiver.requests : undefined));
    expect(request!.method).toBe('GET');
    expect(request!.params).toMatchObject({ From: '14155550198', To: '14155552671', Text: 'via form' });
    expectSigned(request!);
  });

  it('marks the message undelivered when the webhook does not answer 2xx', async () => {
    receiver.respond = () => ({ status: 500 });
    await attachApp(`${receiver.url}/broken`);
    const uuid = await inbound({ from: '+14155550197', to: SRC, text: 'anyone?' });
    await waitFor(() => message(uuid).status === 'undelivered');
    expect(receiver.requests).toHaveLength(1); // inbound webhooks are not retried
  });

  it('keeps the message received when the number has no application', async () => {
    const uuid = await inbound({ from: '+14155550196', to: '+18885550199', text: 'nobody listens' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(message(uuid).status).toBe('received');
    expect(receiver.requests).toHaveLength(0);
  });

  it('rejects texts to numbers the account does not own, and from invalid numbers', async () => {
    const notOurs = await call(sandbox, 'POST', '/__sandbox/inbound', { json: { from: '+14155550196', to: '+14155550000', text: 'x' }, auth: false });
    expect(notOurs.status).toBe(404);
    const badFrom = await call(sandbox, 'POST', '/__sandbox/inbound', { json: { from: '12', to: SRC, text: 'x' }, auth: false });
    expect(badFrom.status).toBe(400);
    const noText = await call(sandbox, 'POST', '/__sandbox/inbound', { json: { from: '+14155550196', to: SRC }, auth: false });
    expect(noText.status).toBe(400);
    expect(sandbox.state.messages).toHaveLength(0);
  });

  it('sends the <Message> elements of an XML answer as outbound messages', async () => {
    receiver.respond = (request) =>
      request.url.endsWith('/xml')
        ? {
            status: 200,
            contentType: 'application/xml',
            body: `<?xml version="1.0"?><Response><Message src="14155552671" dst="14155550195" callbackUrl="${receiver.url}/reply-status">Thanks &amp; see you &lt;soon&gt;</Message><Message>Second, default addresses</Message></Response>`,
          }
        : { status: 200 };
    await attachApp(`${receiver.url}/xml`);
    const uuid = await inbound({ from: '+14155550195', to: SRC, text: 'book me' });
    const replies = await waitFor(() => {
      const found = sandbox.state.messages.filter((m) => m.origin === 'xml-reply');
      return found.length === 2 ? found : undefined;
    });
    expect(message(uuid).status).toBe('delivered');
    expect(replies.map((reply) => [reply.src, reply.dst, reply.text])).toEqual([
      ['14155552671', '14155550195', 'Thanks & see you <soon>'],
      ['14155552671', '14155550195', 'Second, default addresses'],
    ]);
    await waitFor(() => receiver.requests.some((request) => request.url.endsWith('/reply-status') && request.params.Status === 'delivered'));
  });

  it('runs the opt-out flow on a US number: STOP sets intent, is confirmed and blocks sends (error 200), HELP auto-replies, START re-enables', async () => {
    await attachApp(`${receiver.url}/inbound`);
    const phone = '+14155550194';
    const stop = await inbound({ from: phone, to: SRC, text: '  stop ' });
    expect(message(stop).intent).toBe('optout');
    await waitFor(() => receiver.requests.find((request) => request.params.MessageUUID === stop));
    const stopWebhook = receiver.requests.find((request) => request.params.MessageUUID === stop)!;
    expect(stopWebhook.params.MessageIntent).toBe('optout');
    expect(parseInboundMessage(stopWebhook.params)).toMatchObject({ ok: true, event: { intent: 'optout', intentSource: 'plivo' } });
    expect(sandbox.state.isOptedOut('14155550194', '14155552671')).toBe(true);
    // The carrier's confirmation is the one message the phone still gets after its STOP.
    const confirmation = sandbox.state.messages.find((m) => m.origin === 'auto-reply' && m.dst === '14155550194')!;
    expect(sandbox.state.optOuts).toEqual([{ phone: '14155550194', sender: '14155552671', at: message(stop).createdAt, acknowledgedBy: confirmation.uuid }]);

    // A send to the opted-out pair is accepted, then fails with error 200; another sender is unaffected.
    const blocked = await send({ dst: phone, url: `${receiver.url}/status` });
    const other = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: '+18885550199', dst: phone, text: 'x' } });
    await waitFor(() => message(blocked).status === 'failed');
    expect(message(blocked).errorCode).toBe('200');
    await waitFor(() => message(other.body.message_uuid[0]).status === 'delivered');

    const help = await inbound({ from: phone, to: SRC, text: 'HELP' });
    expect(message(help).intent).toBe('help');
    const autoReplies = sandbox.state.messages.filter((m) => m.origin === 'auto-reply');
    expect(autoReplies.map((m) => m.text)).toEqual([CARRIER_KEYWORD_REPLIES.optout, CARRIER_KEYWORD_REPLIES.help]);
    for (const reply of autoReplies) expect(reply).toMatchObject({ direction: 'outbound', src: '14155552671', dst: '14155550194' });
    // The carrier's answers reach the opted-out phone.
    await waitFor(() => autoReplies.every((reply) => reply.status === 'delivered'));

    const start = await inbound({ from: phone, to: SRC, text: 'Start' });
    expect(message(start).intent).toBe('optin');
    expect(sandbox.state.isOptedOut('14155550194', '14155552671')).toBe(false);
    const again = await send({ dst: phone });
    await waitFor(() => message(again).status === 'delivered');
  });

  it('records inbound texts through the programmatic helper too', () => {
    const recorded = sandbox.inbound({ from: '+14155550193', text: 'ping' });
    expect(recorded).toMatchObject({ direction: 'inbound', dst: '14155552671', status: 'received', text: 'ping' });
    expect(() => sandbox.inbound({ from: '+14155550193', to: '+14155550000', text: 'x' })).toThrow(/not a number of this account/);
  });
});

describe('sandbox endpoints', () => {
  it('serves a state snapshot and resets traffic', async () => {
    await send({ dst: '+14155550100' });
    const snapshot = await call(sandbox, 'GET', '/__sandbox/state', { auth: false });
    expect(snapshot.status).toBe(200);
    expect(snapshot.body).toMatchObject({
      account: { authId: sandbox.authId },
      messageCount: 1,
      numbers: expect.arrayContaining([expect.objectContaining({ number: '14155552671', e164: SRC })]),
      deliveryRules: expect.arrayContaining([expect.objectContaining({ suffix: '0950', errorCode: '50' })]),
    });
    expect(JSON.stringify(snapshot.body)).not.toContain(sandbox.authToken);
    const reset = await call(sandbox, 'POST', '/__sandbox/reset', { auth: false });
    expect(reset.status).toBe(200);
    expect(sandbox.state.messages).toHaveLength(0);
  });

  it('cancels the pending lifecycle and callbacks of earlier messages on reset', async () => {
    const uuid = await send({ dst: '+14155550100', url: `${receiver.url}/status` });
    const pending = message(uuid);
    // On a busy machine the first step may already have happened before reset: what matters is that none follows it.
    sandbox.reset();
    const statusAtReset = pending.status;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(pending.status).toBe(statusAtReset);
    expect(['queued', 'sent']).toContain(statusAtReset);
    const later = statusAtReset === 'queued' ? ['sent', 'delivered', 'undelivered', 'failed'] : ['delivered', 'undelivered', 'failed'];
    expect(callbacksFor(uuid).filter((request) => later.includes(String(request.params.Status)))).toHaveLength(0);
    expect(sandbox.state.messages).toHaveLength(0);
    expect(sandbox.state.callbacks).toHaveLength(0);
  });

  it('streams events as Server-Sent Events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${sandbox.url}/__sandbox/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    await send({ dst: '+14155550100' });
    let text = '';
    while (!text.includes('event: message.created')) text += new TextDecoder().decode((await reader.read()).value);
    const data = /event: message\.created\ndata: (.*)\n/.exec(text)?.[1];
    expect(JSON.parse(data!)).toMatchObject({ type: 'message.created', data: { message: { dst: '14155550100' } } });
    controller.abort();
  });
});
