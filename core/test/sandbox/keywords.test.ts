// STOP / HELP / START as Plivo's carrier side treats them: answered and enforced by the carrier on US/CA numbers,
// left to the application elsewhere, configurable per number. Each test counts what every phone received.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CARRIER_KEYWORD_REPLIES,
  OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS,
  parseInboundMessage,
  type Sandbox,
  type SandboxMessage,
  type SandboxOptions,
  type SandboxOptOut,
} from '../../src/index.js';
import { passesOptOut, resolveKeywordSettings } from '../../src/sandbox/keywords.js';
import { account, call, startReceiver, startTestSandbox, waitFor, type Receiver } from './helpers.js';

const US = '+14155552671';
const CA = '+16045550199';
const UK = '+447520123456';
const US_PHONE = '+14155550170';
const UK_PHONE = '+447700900170';

let sandbox: Sandbox;
let receiver: Receiver;

afterEach(async () => {
  await sandbox?.stop();
  await receiver?.close();
});

async function start(options: SandboxOptions = {}): Promise<void> {
  sandbox = await startTestSandbox({ rateLimit: false, numbers: [US, CA, UK], ...options });
  receiver = await startReceiver();
  const app = await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'keywords', message_url: `${receiver.url}/in` } });
  for (const number of sandbox.numbers) {
    await call(sandbox, 'POST', account(sandbox, `Number/${number.slice(1)}/`), { json: { app_id: app.body.app_id } });
  }
}

/** A text from a phone; resolves once the application's webhook got it. */
async function text(from: string, to: string, body: string): Promise<Record<string, string>> {
  const message = sandbox.inbound({ from, to, text: body });
  return waitFor(() => receiver.requests.find((request) => request.params.MessageUUID === message.uuid)?.params, 3000, 'the inbound webhook');
}

async function send(from: string, to: string, body: string): Promise<SandboxMessage> {
  const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: from, dst: to, text: body } });
  expect(answer.status).toBe(202);
  const message = sandbox.state.getMessage(answer.body.message_uuid[0] as string)!;
  await waitFor(() => ['delivered', 'failed', 'undelivered'].includes(message.status), 3000, 'a final status');
  return message;
}

/** Every message that reached `phone` (delivered), oldest first, as "origin: text". */
async function delivered(phone: string): Promise<string[]> {
  const digits = phone.slice(1);
  const toPhone = () => sandbox.state.messages.filter((message) => message.direction === 'outbound' && message.dst === digits);
  await waitFor(() => toPhone().every((message) => ['delivered', 'failed', 'undelivered'].includes(message.status)), 3000, 'final statuses');
  return toPhone()
    .filter((message) => message.status === 'delivered')
    .map((message) => `${message.origin}: ${message.text}`);
}

describe('a US or Canadian number (the carrier handles keywords, as Plivo DND does)', () => {
  it.each([
    ['US', US],
    ['CA', CA],
  ])('%s: HELP gets exactly one carrier answer, and the application still gets the text with MessageIntent', async (_country, number) => {
    await start();
    const webhook = await text(US_PHONE, number, 'help');
    expect(webhook.MessageIntent).toBe('help');
    expect(parseInboundMessage(webhook)).toMatchObject({ ok: true, event: { intent: 'help', intentSource: 'plivo' } });
    expect(await delivered(US_PHONE)).toEqual([`auto-reply: ${CARRIER_KEYWORD_REPLIES.help}`]);
  });

  it('STOP: one confirmation reaches the phone; the application’s next send is refused with error 200', async () => {
    await start();
    const webhook = await text(US_PHONE, US, 'Stop');
    expect(webhook.MessageIntent).toBe('optout');
    // An acknowledgement the application sends at once is the second message after the STOP: refused.
    const acknowledgement = await send(US, US_PHONE, 'You will get no more texts from us.');
    expect(acknowledgement).toMatchObject({ status: 'failed', errorCode: '200' });
    const reminder = await send(US, US_PHONE, 'Reminder: your appointment is tomorrow.');
    expect(reminder).toMatchObject({ status: 'failed', errorCode: '200' });
    // Another of the account's numbers may still text the phone: opt-outs are per sender.
    await send(CA, US_PHONE, 'From another number');
    expect(await delivered(US_PHONE)).toEqual([`auto-reply: ${CARRIER_KEYWORD_REPLIES.optout}`, 'api: From another number']);
    // The refusal reads as core's explained error, through the API like Plivo's.
    const record = await call(sandbox, 'GET', account(sandbox, `Message/${reminder.uuid}/`));
    expect(record.body).toMatchObject({ message_state: 'failed', error_code: '200', error_message: 'Recipient opted out' });
  });

  it('START opts back in without an answer (Plivo documents none); HELP while opted out is still answered', async () => {
    await start();
    await text(US_PHONE, US, 'STOP');
    await text(US_PHONE, US, 'HELP');
    const webhook = await text(US_PHONE, US, 'start');
    expect(webhook.MessageIntent).toBe('optin');
    expect(sandbox.state.isOptedOut(US_PHONE.slice(1), US.slice(1))).toBe(false);
    await send(US, US_PHONE, 'Welcome back');
    expect(await delivered(US_PHONE)).toEqual([
      `auto-reply: ${CARRIER_KEYWORD_REPLIES.optout}`,
      `auto-reply: ${CARRIER_KEYWORD_REPLIES.help}`,
      'api: Welcome back',
    ]);
  });

  it('an ordinary text carries no intent and gets no answer', async () => {
    await start();
    const webhook = await text(US_PHONE, US, 'Please stop by at 5');
    expect(webhook.MessageIntent).toBe('');
    expect(await delivered(US_PHONE)).toEqual([]);
  });
});

describe('a number elsewhere (keywords are left to the application)', () => {
  it('HELP and STOP reach the application without MessageIntent; no answers, no block', async () => {
    await start();
    const help = await text(UK_PHONE, UK, 'HELP');
    expect(help.MessageIntent).toBe('');
    // Core reads the keyword itself, and says so.
    expect(parseInboundMessage(help)).toMatchObject({ ok: true, event: { intent: 'help', intentSource: 'keyword' } });
    const stop = await text(UK_PHONE, UK, 'STOP');
    expect(stop.MessageIntent).toBe('');
    expect(sandbox.state.optOuts).toEqual([]);
    // The application answers both and confirms; nothing is refused.
    await send(UK, UK_PHONE, 'Help: call us on 020 7946 0000.');
    await send(UK, UK_PHONE, 'You are unsubscribed.');
    await send(UK, UK_PHONE, 'A later message');
    expect(await delivered(UK_PHONE)).toEqual(['api: Help: call us on 020 7946 0000.', 'api: You are unsubscribed.', 'api: A later message']);
  });
});

describe('per-number settings', () => {
  it('handling "application" on a US number and "carrier" on a UK one swap the behaviours', async () => {
    await start({ numbers: [{ number: US, keywords: { handling: 'application' } }, { number: UK, keywords: { handling: 'carrier' } }] });
    expect((await text(US_PHONE, US, 'HELP')).MessageIntent).toBe('');
    expect((await text(UK_PHONE, UK, 'HELP')).MessageIntent).toBe('help');
    expect(await delivered(US_PHONE)).toEqual([]);
    expect(await delivered(UK_PHONE)).toEqual([`auto-reply: ${CARRIER_KEYWORD_REPLIES.help}`]);
  });

  it('custom answers; without a carrier confirmation the application’s first message within the window is the one let through', async () => {
    await start({ numbers: [{ number: US, keywords: { replies: { help: 'Acme: call 415 555 0100.', optout: null, optin: 'Welcome back to Acme.' } } }] });
    await text(US_PHONE, US, 'INFO');
    await text(US_PHONE, US, 'QUIT');
    expect(await send(US, US_PHONE, 'Acme: you are unsubscribed.')).toMatchObject({ status: 'delivered' });
    expect(await send(US, US_PHONE, 'One more?')).toMatchObject({ status: 'failed', errorCode: '200' });
    await text(US_PHONE, US, 'UNSTOP');
    expect(await delivered(US_PHONE)).toEqual([
      'auto-reply: Acme: call 415 555 0100.',
      'api: Acme: you are unsubscribed.',
      'auto-reply: Welcome back to Acme.',
    ]);
  });

  it('after the acknowledgement window, even the first message is refused', async () => {
    await start({ optOutAcknowledgementWindowMs: 0, numbers: [{ number: US, keywords: { replies: { optout: null } } }] });
    await text(US_PHONE, US, 'STOP');
    expect(await send(US, US_PHONE, 'Too late')).toMatchObject({ status: 'failed', errorCode: '200' });
    expect(await delivered(US_PHONE)).toEqual([]);
  });

  it('refuses a reply text longer than one SMS, naming the option', async () => {
    await expect(startTestSandbox({ numbers: [{ number: US, keywords: { replies: { help: 'x'.repeat(1601) } } }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'numbers[0].keywords.replies.help',
    });
  });
});

describe('keyword rules (properties)', () => {
  it('defaults follow the country: the carrier in US and CA, the application elsewhere; given settings win', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('US', 'CA', 'GB', 'DE', 'IN', 'AU', 'BR', ''),
        fc.option(fc.constantFrom('carrier' as const, 'application' as const), { nil: undefined }),
        (country, handling) => {
          const resolved = resolveKeywordSettings(handling === undefined ? undefined : { handling }, country);
          expect(resolved.keywordHandling).toBe(handling ?? (country === 'US' || country === 'CA' ? 'carrier' : 'application'));
          expect(resolved.keywordReplies).toEqual(CARRIER_KEYWORD_REPLIES);
        },
      ),
    );
  });

  it('after a STOP at most one application message passes, and only within the window; carrier answers always pass', () => {
    const origin = fc.constantFrom('api' as const, 'xml-reply' as const, 'auto-reply' as const);
    fc.assert(
      fc.property(
        fc.array(fc.record({ origin, delay: fc.integer({ min: 0, max: 2 * OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS }) }), { maxLength: 12 }),
        fc.boolean(),
        (sends, confirmedByCarrier) => {
          const optOut: SandboxOptOut = { phone: '14155550170', sender: '14155552671', at: 1_000_000, acknowledgedBy: confirmedByCarrier ? 'confirmation' : null };
          const passed = sends.map((entry, index) => ({
            ...entry,
            passed: passesOptOut(
              optOut,
              { uuid: `m${index}`, origin: entry.origin, createdAt: optOut.at + entry.delay } as SandboxMessage,
              OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS,
            ),
          }));
          const applicationPassed = passed.filter((entry) => entry.origin !== 'auto-reply' && entry.passed);
          expect(applicationPassed.length).toBeLessThanOrEqual(confirmedByCarrier ? 0 : 1);
          for (const entry of applicationPassed) expect(entry.delay).toBeLessThan(OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS);
          // The first application message inside the window is the one that passes (when the carrier did not confirm).
          const firstInWindow = passed.find((entry) => entry.origin !== 'auto-reply' && entry.delay < OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS);
          if (!confirmedByCarrier && firstInWindow) expect(applicationPassed).toEqual([firstInWindow]);
          for (const entry of passed.filter((candidate) => candidate.origin === 'auto-reply')) expect(entry.passed).toBe(true);
        },
      ),
    );
  });
});
