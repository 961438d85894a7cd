// The Auth Token cache webhook receivers keep between requests, and handlePlivoWebhook's reload before refusing: a
// cached token is never older than maxAgeMs, a token edited in the host is accepted at once, and the receiving path
// stays as strict as without a cache.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AUTH_TOKEN_MAX_AGE_MS,
  TextbridgeError,
  createAuthTokenCache,
  createNonceStore,
  createPlivoNonce,
  handlePlivoWebhook,
  plivoSignatureHeaders,
} from '../../src/index.js';

const HOOK = 'https://n8n.example.com/webhook/abc/plivo-sms';
const OLD = 'old-token-0123456789abcdef';
const NEW = 'new-token-0123456789abcdef';

/** A credential store whose token the test changes, counting loads. */
function source(token: string) {
  const state = { token, loads: 0 };
  const load = async () => {
    state.loads++;
    return state.token;
  };
  return { state, load };
}

describe('createAuthTokenCache', () => {
  it('loads once, serves the cached token while it is younger than maxAgeMs, then loads again', async () => {
    let now = 1_000;
    const cache = createAuthTokenCache({ now: () => now, maxAgeMs: 10_000 });
    const { state, load } = source(OLD);
    expect(await cache.get('k', load)).toBe(OLD);
    state.token = NEW;
    now += 9_999;
    expect(await cache.get('k', load)).toBe(OLD);
    expect(state.loads).toBe(1);
    now += 1;
    expect(await cache.get('k', load)).toBe(NEW);
    expect(state.loads).toBe(2);
    expect(DEFAULT_AUTH_TOKEN_MAX_AGE_MS).toBe(10_000);
  });

  it('shares one load between concurrent callers, keeps keys apart, and reload loads whatever the age', async () => {
    const cache = createAuthTokenCache({ now: () => 0 });
    const a = source(OLD);
    const b = source(NEW);
    const tokens = await Promise.all([...Array.from({ length: 50 }, () => cache.get('a', a.load)), cache.get('b', b.load)]);
    expect(new Set(tokens)).toEqual(new Set([OLD, NEW]));
    expect([a.state.loads, b.state.loads]).toEqual([1, 1]);
    a.state.token = 'rotated-token-0123456789';
    expect(await cache.reload('a', a.load)).toBe('rotated-token-0123456789');
    expect(await cache.get('a', a.load)).toBe('rotated-token-0123456789');
    expect(a.state.loads).toBe(2);
  });

  it('keeps nothing from a failed or empty load: the next call loads again', async () => {
    const cache = createAuthTokenCache({ now: () => 0 });
    let loads = 0;
    await expect(
      cache.get('k', async () => {
        loads++;
        throw new Error('credential deleted');
      }),
    ).rejects.toThrow('credential deleted');
    expect(await cache.get('k', async () => (loads++, ''))).toBe('');
    expect(await cache.get('k', async () => (loads++, OLD))).toBe(OLD);
    expect(loads).toBe(3);
    expect(cache.size()).toBe(1);
  });

  it('holds at most maxEntries keys, dropping the least recently loaded', async () => {
    const cache = createAuthTokenCache({ now: () => 0, maxEntries: 2 });
    const loads: string[] = [];
    const loader = (key: string) => async () => (loads.push(key), `token-of-${key}`);
    for (const key of ['a', 'b', 'c', 'a']) await cache.get(key, loader(key));
    expect(cache.size()).toBe(2);
    expect(loads).toEqual(['a', 'b', 'c', 'a']);
  });

  it('refuses options it cannot use, naming the field', () => {
    expect(() => createAuthTokenCache({} as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'now' }));
    expect(() => createAuthTokenCache({ now: () => 0, maxAgeMs: -1 })).toThrow(expect.objectContaining({ field: 'maxAgeMs' }));
    expect(() => createAuthTokenCache({ now: () => 0, maxEntries: 1.5 })).toThrow(TextbridgeError);
  });

  it('property: every token served was the current one at most maxAgeMs ago, and loads happen only when due', async () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 15_000 }) }),
      fc.record({ op: fc.constant('rotate' as const) }),
      fc.record({ op: fc.constant('get' as const) }),
      fc.record({ op: fc.constant('reload' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), fc.integer({ min: 0, max: 12_000 }), async (steps, maxAgeMs) => {
        let now = 0;
        let version = 0;
        // When each token version stopped being current (Infinity: still current).
        const retiredAt: number[] = [Infinity];
        let loads = 0;
        const load = async () => (loads++, `token-${version}`);
        const cache = createAuthTokenCache({ now: () => now, maxAgeMs });
        let modelLoadedAt: number | null = null;
        let modelLoads = 0;
        for (const s of steps) {
          if (s.op === 'advance') now += s.ms;
          else if (s.op === 'rotate') {
            retiredAt[version] = now;
            version++;
            retiredAt[version] = Infinity;
          } else {
            const due = s.op === 'reload' || modelLoadedAt === null || now - modelLoadedAt >= maxAgeMs;
            if (due) {
              modelLoadedAt = now;
              modelLoads++;
            }
            const token = s.op === 'get' ? await cache.get('k', load) : await cache.reload('k', load);
            const served = Number(token.slice('token-'.length));
            if (s.op === 'reload') expect(served).toBe(version);
            expect(now - retiredAt[served]!).toBeLessThan(Math.max(maxAgeMs, 1));
          }
        }
        expect(loads).toBe(modelLoads);
      }),
    );
  });
});

function signed(token: string, text = 'hello') {
  const params = { From: '14155550199', To: '14155550100', Text: text, Type: 'sms', MessageUUID: createPlivoNonce(), Units: '1' };
  const headers = plivoSignatureHeaders({ method: 'POST', url: HOOK, params, authToken: token });
  const input = {
    kind: 'inbound' as const,
    method: 'POST',
    url: HOOK,
    headers,
    rawBody: new URLSearchParams(params).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
  return { input, headers };
}

describe('handlePlivoWebhook > reloadAuthToken', () => {
  it('checks a signature that does not match the cached token again with a fresh one, and spends its nonce under it', async () => {
    const nonceStore = createNonceStore();
    let reloads = 0;
    const reloadAuthToken = async () => (reloads++, NEW);
    const { input } = signed(NEW);
    const accepted = await handlePlivoWebhook({ ...input, authToken: OLD, reloadAuthToken, nonceStore });
    expect(accepted).toMatchObject({ ok: true, signatureVersion: 'v3' });
    expect(reloads).toBe(1);
    // The replay is refused whichever token the receiver holds by then.
    expect(await handlePlivoWebhook({ ...input, authToken: NEW, nonceStore })).toMatchObject({ ok: false, status: 403 });
    expect(await handlePlivoWebhook({ ...input, authToken: OLD, reloadAuthToken, nonceStore })).toMatchObject({ ok: false, status: 403 });
  });

  it('reloads neither for a valid nor for an unsigned request, and still refuses a forgery (403) after reloading', async () => {
    let reloads = 0;
    const reloadAuthToken = async () => (reloads++, OLD);
    expect((await handlePlivoWebhook({ ...signed(OLD).input, authToken: OLD, reloadAuthToken })).ok).toBe(true);
    const { input } = signed(OLD);
    expect(await handlePlivoWebhook({ ...input, headers: {}, authToken: OLD, reloadAuthToken })).toMatchObject({ ok: false, status: 401 });
    expect(reloads).toBe(0);
    const forged = await handlePlivoWebhook({ ...signed('forger-token-0123456789').input, authToken: OLD, reloadAuthToken });
    expect(forged).toMatchObject({ ok: false, status: 403, error: { code: 'INVALID_SIGNATURE' } });
    expect(reloads).toBe(1);
  });

  it('answers 503 (Plivo retries) when the credential cannot be loaded again, naming why', async () => {
    const result = await handlePlivoWebhook({
      ...signed(NEW).input,
      authToken: OLD,
      reloadAuthToken: async () => {
        throw new Error('credential not found');
      },
    });
    expect(result).toMatchObject({ ok: false, status: 503, error: { code: 'AUTHENTICATION_FAILED', field: 'authToken' } });
    if (!result.ok) expect(result.error.message).toMatch(/could not be loaded again/);
  });
});
