// Replays and downgrades of Plivo webhooks through core's receiving path (handlePlivoWebhook): every nonce a valid
// request carries is spent once, by default, in the process-wide store; a V2 signature covers only URL + nonce, so
// a captured request stripped of its V3 headers must not pass again with other parameters.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_NONCE_MAX_ENTRIES,
  DEFAULT_NONCE_WINDOW_MS,
  PLIVO_SIGNATURE_HEADERS as H,
  createNonceStore,
  createPlivoNonce,
  defaultNonceStore,
  handlePlivoWebhook,
  nonceKeys,
  plivoSignatureHeaders,
  setDefaultNonceStore,
  signPlivoV2,
  verifyPlivoSignature,
  type NonceStore,
} from '../../src/index.js';

const TOKEN = 'replay-test-token-0123456789abcdef';
const HOOK = 'https://n8n.example.com/webhook/abc/plivo-sms';
const FORM = 'application/x-www-form-urlencoded';

const inbound = (text: string, uuid = createPlivoNonce()) => ({
  From: '14155550199',
  To: '14155550100',
  Text: text,
  Type: 'sms',
  MessageUUID: uuid,
  Units: '1',
});

interface Captured {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  params: Record<string, string>;
}

/** A request as Plivo sends it: V2 and V3 headers (by default with one nonce, as the sandbox and the SDK sign). */
function plivoRequest(params: Record<string, string>, options: { method?: 'GET' | 'POST'; url?: string; token?: string; v2Nonce?: string } = {}): Captured {
  const method = options.method ?? 'POST';
  const base = options.url ?? HOOK;
  const url = method === 'GET' ? `${base}?${new URLSearchParams(params)}` : base;
  const authToken = options.token ?? TOKEN;
  const headers: Record<string, string> = { ...plivoSignatureHeaders({ method, url, params: method === 'GET' ? {} : params, authToken }) };
  if (options.v2Nonce !== undefined) {
    headers[H.v2Nonce] = options.v2Nonce;
    headers[H.v2] = signPlivoV2({ url, nonce: options.v2Nonce, authToken });
    headers[H.maV2] = headers[H.v2]!;
  }
  return { method, url, headers, params };
}

/** The capture with its V3 headers removed and its parameters replaced: its V2 signature still matches. */
function downgraded(request: Captured, params: Record<string, string>): Captured {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !/V3/.test(name)));
  const url = request.method === 'GET' ? `${request.url.split('?')[0]}?${new URLSearchParams(params)}` : request.url;
  return { ...request, url, headers, params };
}

function receive(request: Captured, extra: { requireV3?: boolean; nonceStore?: NonceStore; sharedNonceStore?: NonceStore; token?: string } = {}) {
  const get = request.method === 'GET';
  return handlePlivoWebhook({
    kind: 'inbound',
    method: request.method,
    url: request.url,
    headers: { ...request.headers, ...(get ? {} : { 'content-type': FORM }) },
    rawBody: get ? null : new URLSearchParams(request.params).toString(),
    query: get ? request.url.split('?')[1] ?? '' : null,
    contentType: get ? null : FORM,
    authToken: extra.token ?? TOKEN,
    ...(extra.requireV3 === undefined ? {} : { requireV3: extra.requireV3 }),
    ...(extra.nonceStore ? { nonceStore: extra.nonceStore } : {}),
    ...(extra.sharedNonceStore ? { sharedNonceStore: extra.sharedNonceStore } : {}),
  });
}

afterEach(() => setDefaultNonceStore(null));

describe('replays through the default receiving path', () => {
  it('accepts a captured request once and refuses every replay with 403, without any store configured', async () => {
    const request = plivoRequest(inbound('Pay the invoice'));
    const first = await receive(request);
    expect(first).toMatchObject({ ok: true, signatureVersion: 'v3', event: { text: 'Pay the invoice' } });
    for (let i = 0; i < 5; i++) {
      expect(await receive(request)).toMatchObject({ ok: false, status: 403, error: { code: 'WEBHOOK_REPLAYED', field: H.v3Nonce } });
    }
  });

  it('refuses a V2-only request replayed, and a GET callback replayed with another query', async () => {
    const v2Only = downgraded(plivoRequest(inbound('v2 only')), inbound('v2 only'));
    expect((await receive(v2Only)).ok).toBe(true);
    expect(await receive(v2Only)).toMatchObject({ ok: false, status: 403, error: { code: 'WEBHOOK_REPLAYED', field: H.v2Nonce } });

    const get = plivoRequest(inbound('by GET'), { method: 'GET' });
    expect((await receive(get)).ok).toBe(true);
    const otherQuery = downgraded(get, inbound('changed in the query'));
    expect(await receive(otherQuery)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a downgraded copy (V3 headers stripped, other text) of an accepted request', async () => {
    const request = plivoRequest(inbound('Meeting at 10'));
    expect((await receive(request)).ok).toBe(true);
    const attack = downgraded(request, inbound('Wire $5,000 to account 123'));
    expect(verifyPlivoSignature({ method: 'POST', url: attack.url, params: attack.params, headers: attack.headers, authToken: TOKEN }).valid).toBe(true);
    expect(await receive(attack)).toMatchObject({ ok: false, status: 403, error: { code: 'WEBHOOK_REPLAYED' } });
  });

  it('spends a V2 nonce that differs from the V3 one too, so the downgraded copy is refused', async () => {
    const v2Nonce = createPlivoNonce();
    const request = plivoRequest(inbound('two nonces'), { v2Nonce });
    expect(request.headers[H.v3Nonce]).not.toBe(v2Nonce);
    expect(await receive(request)).toMatchObject({ ok: true, signatureVersion: 'v3' });
    expect(await receive(downgraded(request, inbound('forged text')))).toMatchObject({ ok: false, status: 403, error: { field: H.v2Nonce } });
  });

  it('accepts every genuine retry Plivo signs with a fresh nonce, even with identical parameters', async () => {
    const params = inbound('retried');
    for (let i = 0; i < 4; i++) expect((await receive(plivoRequest(params))).ok).toBe(true);
  });

  it('keeps nonces apart per account and per URL, but treats a shifted URL/nonce split as the same signature', async () => {
    const nonce = createPlivoNonce();
    const signed = (url: string, token: string) => {
      const headers = { [H.v2]: signPlivoV2({ url, nonce, authToken: token }), [H.v2Nonce]: nonce };
      return { method: 'POST' as const, url, headers, params: inbound('same nonce') };
    };
    expect((await receive(signed(HOOK, TOKEN))).ok).toBe(true);
    expect((await receive(signed(`${HOOK}-other`, TOKEN))).ok).toBe(true);
    expect((await receive(signed(HOOK, 'another-account-token-000'), { token: 'another-account-token-000' })).ok).toBe(true);

    // V2 signs URL + nonce as one string: `…/hook` + "12345" and `…/hook1` + "2345" carry the same signature.
    const shifted = { ...signed(HOOK, TOKEN), url: `${HOOK}${nonce[0]}`, headers: { ...signed(HOOK, TOKEN).headers, [H.v2Nonce]: nonce.slice(1) } };
    expect(verifyPlivoSignature({ method: 'POST', url: shifted.url, params: shifted.params, headers: shifted.headers, authToken: TOKEN }).valid).toBe(true);
    expect(await receive(shifted)).toMatchObject({ ok: false, status: 403 });
  });

  it('spends nothing for a refused request: a forged copy cannot burn the genuine nonce', async () => {
    const request = plivoRequest(inbound('genuine'));
    expect(await receive(request, { token: 'not-the-account-token-000' })).toMatchObject({ ok: false, status: 403, error: { code: 'INVALID_SIGNATURE' } });
    expect(await receive({ ...request, params: inbound('tampered') })).toMatchObject({ ok: false, status: 403, error: { code: 'INVALID_SIGNATURE' } });
    expect((await receive(request)).ok).toBe(true);
  });
});

describe('Require V3 signatures', () => {
  it('refuses V2-only and unsigned requests with 401, and accepts V3 ones once', async () => {
    const request = plivoRequest(inbound('v3 please'));
    const v2Only = downgraded(plivoRequest(inbound('v2')), inbound('v2'));
    const refusal = await receive(v2Only, { requireV3: true });
    expect(refusal).toMatchObject({ ok: false, status: 401, error: { code: 'INVALID_SIGNATURE', field: H.v3 } });
    if (!refusal.ok) expect(refusal.error.message).toMatch(/only X-Plivo-Signature-V2/);
    expect(await receive({ ...request, headers: {} }, { requireV3: true })).toMatchObject({ ok: false, status: 401 });
    // Emptied V3 headers are no V3 signature either.
    expect(await receive({ ...v2Only, headers: { ...v2Only.headers, [H.v3]: ',' } }, { requireV3: true })).toMatchObject({ ok: false, status: 401 });
    expect((await receive(request, { requireV3: true })).ok).toBe(true);
    expect(await receive(request, { requireV3: true })).toMatchObject({ ok: false, status: 403 });
    // Refused V2-only requests spent nothing: without the option the same request is accepted.
    expect((await receive(v2Only)).ok).toBe(true);
  });
});

describe('nonce stores', () => {
  it('uses a store plugged in with setDefaultNonceStore, awaiting asynchronous answers', async () => {
    const seen = new Set<string>();
    setDefaultNonceStore({ remember: async (key) => !seen.has(key) && seen.add(key) !== undefined });
    const request = plivoRequest(inbound('shared'));
    expect((await receive(request)).ok).toBe(true);
    expect(seen).toEqual(new Set(nonceKeys(request.url, TOKEN, [request.headers[H.v3Nonce]!])));
    expect((await receive(request)).ok).toBe(false);
    setDefaultNonceStore(null);
    expect(seen.size).toBe(1);
    expect(() => setDefaultNonceStore({} as NonceStore)).toThrow(/remember/);
  });

  it('checks the shared store first; when it fails, answers 503 and records nothing locally, so a retry passes', async () => {
    const local = createNonceStore();
    let up = false;
    const shared: NonceStore = {
      remember: async () => {
        if (!up) throw new Error('redis: connection refused');
        return true;
      },
    };
    const request = plivoRequest(inbound('store down'));
    const down = await receive(request, { nonceStore: local, sharedNonceStore: shared });
    expect(down).toMatchObject({ ok: false, status: 503, error: { code: 'REPLAY_CHECK_FAILED' } });
    expect(local.size).toBe(0);
    up = true;
    expect((await receive(request, { nonceStore: local, sharedNonceStore: shared })).ok).toBe(true);
    // The shared store answering "seen" refuses even when this process never saw the nonce.
    const elsewhere = plivoRequest(inbound('seen by another process'));
    expect(await receive(elsewhere, { nonceStore: createNonceStore(), sharedNonceStore: { remember: () => false } })).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses (503) when a store answers something other than true or false', async () => {
    const odd = { remember: () => 'OK' } as unknown as NonceStore;
    expect(await receive(plivoRequest(inbound('odd')), { nonceStore: odd })).toMatchObject({ ok: false, status: 503 });
  });

  it('verifyPlivoSignature refuses an asynchronous store instead of accepting unchecked', () => {
    const request = plivoRequest(inbound('sync only'));
    const check = verifyPlivoSignature({
      method: 'POST',
      url: request.url,
      params: request.params,
      headers: request.headers,
      authToken: TOKEN,
      nonceStore: { remember: async () => true },
    });
    expect(check).toMatchObject({ valid: false, error: { code: 'INVALID_INPUT', field: 'nonceStore' } });
  });

  it('remembers for 24 h by default, bounded to 100,000 keys, on timestamps only', () => {
    expect(DEFAULT_NONCE_WINDOW_MS).toBe(24 * 60 * 60_000);
    expect(DEFAULT_NONCE_MAX_ENTRIES).toBe(100_000);
    let now = 0;
    const store = createNonceStore({ now: () => now });
    expect(store.remember('k')).toBe(true);
    now += DEFAULT_NONCE_WINDOW_MS - 1;
    expect(store.remember('k')).toBe(false);
    now += 1;
    expect(store.remember('k')).toBe(true);
    expect(defaultNonceStore()).toBe(defaultNonceStore());
  });

  it('property: a memory store never holds more than its bound, and refuses a key exactly while it is remembered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 400 })), { maxLength: 200 }),
        (maxEntries, windowMs, steps) => {
          let now = 0;
          const store = createNonceStore({ maxEntries, windowMs, now: () => now });
          const model = new Map<string, number>();
          for (const [id, advance] of steps) {
            now += advance;
            const key = `k${id}`;
            const fresh = store.remember(key);
            const at = model.get(key);
            // Within the window and not evicted, a key is refused; a refused key was surely remembered in the window.
            if (!fresh) expect(at !== undefined && now - at < windowMs).toBe(true);
            if (at === undefined || now - at >= windowMs) expect(fresh).toBe(true);
            if (fresh) model.set(key, now);
            expect(store.size).toBeLessThanOrEqual(maxEntries);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('properties: captured requests replayed in any order', () => {
  const text = fc.string({ minLength: 1, maxLength: 40 }).filter((value) => value.trim() !== '');
  const capture = fc.record({
    method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
    text,
    forged: text,
    separateV2Nonce: fc.boolean(),
    v2Only: fc.boolean(),
  });
  /** A send: which capture, and whether it is the capture as is or downgraded (V3 stripped, forged text). */
  const send = fc.record({ index: fc.nat(), downgrade: fc.boolean() });

  it('never accepts a capture twice, and never its downgraded copy once the genuine one was accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(capture, { minLength: 1, maxLength: 5 }), fc.array(send, { minLength: 1, maxLength: 25 }), fc.boolean(), async (captures, sends, requireV3) => {
        setDefaultNonceStore(null);
        const requests = captures.map((spec) => {
          const request = plivoRequest(inbound(spec.text), { method: spec.method, ...(spec.separateV2Nonce ? { v2Nonce: createPlivoNonce() } : {}) });
          return spec.v2Only ? downgraded(request, request.params) : request;
        });
        const accepted = requests.map(() => [] as string[]);
        for (const { index, downgrade } of sends) {
          const i = index % requests.length;
          const request = downgrade ? downgraded(requests[i]!, inbound(captures[i]!.forged, requests[i]!.params.MessageUUID)) : requests[i]!;
          const result = await receive(request, { requireV3 });
          if (result.ok) accepted[i]!.push(result.event.text);
          else expect([401, 403]).toContain(result.status);
        }
        for (const [i, texts] of accepted.entries()) {
          // The first send the policy takes (with Require V3: one that still carries its V3 signature) is accepted,
          // and it is the only one: whatever follows (replays, downgraded copies with other text) is refused.
          const takes = (downgrade: boolean) => !requireV3 || (!captures[i]!.v2Only && !downgrade);
          const first = sends.find(({ index, downgrade }) => index % requests.length === i && takes(downgrade));
          expect(texts).toEqual(first === undefined ? [] : [first.downgrade ? captures[i]!.forged : captures[i]!.text]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
