// Hostile requests to the Zapier "New Inbound SMS" hook, through Zapier's own createAppTester: each one gives no
// result ([]: the Zap does not run), and the hook keeps accepting the next valid request. Replays and downgraded
// copies of a valid request give no result either: nonces are spent in Zapier's cache (shared by all containers)
// and in core's in-memory store.
import zapier from 'zapier-platform-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../../zapier-app/src/index.js';
import { receiveInbound } from '../../zapier-app/src/triggers/new-inbound-sms.js';
import { createSecretLedger, secretForms } from './support/secret-scan.js';
// The app runs on core's build (its package import); its in-memory store is the one to empty.
import { setDefaultNonceStore } from '@textbridge/core';
import { inboundParams, replayAttacks, signedInbound, webhookAttacks, type WebhookRequestSpec } from './support/webhook-attacks.js';

const appTester = zapier.createAppTester(App);
const AUTH_ID = 'MARELIABILITYZAPIER1';
const AUTH_TOKEN = 'ReliabilityZapierToken-9f8e7d6c5b4a3';
const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/4242/0123456789abcdef/';
const OUR_NUMBER = '+14155552671';
const PHONE = '+12025550143';
const ledger = createSecretLedger();

/** What Zapier hands `perform`: headers renamed `Http-Title-Case`, the query apart, the body untouched. */
function hookBundle(request: WebhookRequestSpec) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[`Http-${name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()).join('-')}`] = value;
  }
  const url = new URL(request.url);
  return {
    authData: { auth_id: AUTH_ID, auth_token: AUTH_TOKEN },
    inputData: { number: OUR_NUMBER },
    targetUrl: TARGET_URL,
    subscribeData: { id: 'app-1', appId: 'app-1', url: TARGET_URL, method: 'POST', numbers: [] },
    rawRequest: { method: request.method, querystring: url.search.replace(/^\?/, ''), headers, content: request.body },
  };
}

async function perform(request: WebhookRequestSpec): Promise<unknown[]> {
  const output = (await appTester(receiveInbound, hookBundle(request))) as unknown[];
  ledger.record(`zapier output (${request.name})`, output);
  return output;
}

describe('Zapier New Inbound SMS hook under attack', () => {
  let stopCapture: () => void;
  beforeAll(() => {
    stopCapture = ledger.captureProcessOutput();
  });
  afterAll(() => stopCapture?.());

  const attacks = webhookAttacks(TARGET_URL, AUTH_TOKEN, PHONE, OUR_NUMBER);
  it.each(attacks.map((attack) => [attack.name, attack] as const))('%s: no result, then a valid request still triggers', async (_, attack) => {
    expect(await perform(attack)).toEqual([]);
    const params = inboundParams(PHONE, OUR_NUMBER, 'Still there?');
    const next = await perform(signedInbound(TARGET_URL, AUTH_TOKEN, params));
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ id: params.MessageUUID, text: 'Still there?' });
  });

  it('triggers once for a valid request; its replays and downgraded copies give no result, in any container', async () => {
    const { genuine, attacks } = replayAttacks(TARGET_URL, AUTH_TOKEN, PHONE, OUR_NUMBER);
    expect(await perform(genuine)).toHaveLength(1);
    for (const attack of attacks) expect(await perform(attack), attack.name).toEqual([]);
    // Another Lambda container: nothing in memory there, Zapier's cache still knows the nonce.
    setDefaultNonceStore(null);
    for (const attack of attacks) expect(await perform(attack), `${attack.name}, fresh container`).toEqual([]);
  });

  it('the secret scan itself finds a token or Authorization value planted in an output', () => {
    const planted = createSecretLedger();
    planted.record('clean', { message: 'nothing to see' });
    planted.record('header', new Error(`request failed with ${secretForms(AUTH_ID, AUTH_TOKEN)[2]}`));
    expect(planted.leaks(secretForms(AUTH_ID, AUTH_TOKEN)).map((leak) => leak.what)).toContain('header');
    expect(planted.leaks(secretForms(AUTH_ID, AUTH_TOKEN)).every((leak) => leak.what === 'header')).toBe(true);
  });

  it('shows neither the auth token nor the Authorization value in any output or log line', () => {
    expect(ledger.size()).toBeGreaterThan(0);
    expect(ledger.leaks(secretForms(AUTH_ID, AUTH_TOKEN))).toEqual([]);
  });
});
