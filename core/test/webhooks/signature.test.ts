import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import plivo from 'plivo';
import { describe, expect, it } from 'vitest';
import {
  PLIVO_SIGNATURE_HEADERS as H,
  TextbridgeError,
  DEFAULT_NONCE_WINDOW_MS,
  createNonceStore,
  createPlivoNonce,
  nonceKeys,
  parseWebhookBody,
  plivoSignatureHeaders,
  signPlivoV2,
  signPlivoV3,
  verifyPlivoSignature,
} from '../../src/index.js';

interface Vector {
  method: 'GET' | 'POST';
  url: string;
  params: Record<string, string>;
  authToken: string;
  nonce: string;
  signatureV3: string;
  signatureV2: string;
}

// Checked by the lead with plivo-node's own validateV3Signature / validateSignature.
const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/signature-vectors.json', import.meta.url), 'utf8'),
) as Vector[];

const v3Headers = (v: Pick<Vector, 'nonce' | 'signatureV3'>) => ({ [H.v3]: v.signatureV3, [H.v3Nonce]: v.nonce });
const v2Headers = (v: Pick<Vector, 'nonce' | 'signatureV2'>) => ({ [H.v2]: v.signatureV2, [H.v2Nonce]: v.nonce });

function otherNonce(nonce: string): string {
  return `${nonce.slice(0, -1)}${(Number(nonce.at(-1)) + 1) % 10}`;
}

describe('the 40 signature vectors', () => {
  it('has 40 vectors, GET and POST, with and without query strings and unicode', () => {
    expect(vectors).toHaveLength(40);
    expect(new Set(vectors.map((v) => v.method))).toEqual(new Set(['GET', 'POST']));
    expect(vectors.some((v) => v.url.includes('?'))).toBe(true);
    expect(vectors.some((v) => Object.values(v.params).some((value) => /[^\x00-\x7f]/.test(value)))).toBe(true);
  });

  it.each(vectors.map((v, i) => [i, v] as const))('vector %i signs and verifies (V3 and V2)', (_i, v) => {
    expect(
      signPlivoV3({ method: v.method, url: v.url, params: v.params, nonce: v.nonce, authToken: v.authToken }),
    ).toBe(v.signatureV3);
    expect(signPlivoV2({ url: v.url, nonce: v.nonce, authToken: v.authToken })).toBe(v.signatureV2);
    const base = { method: v.method, url: v.url, params: v.params, authToken: v.authToken };
    expect(verifyPlivoSignature({ ...base, headers: v3Headers(v) })).toEqual({ valid: true, version: 'v3' });
    expect(verifyPlivoSignature({ ...base, headers: v2Headers(v) })).toEqual({ valid: true, version: 'v2' });
    expect(verifyPlivoSignature({ ...base, headers: { ...v3Headers(v), ...v2Headers(v) } })).toEqual({
      valid: true,
      version: 'v3',
    });
  });

  it.each(vectors.map((v, i) => [i, v] as const))('vector %i fails when anything signed is altered', (_i, v) => {
    const base = { method: v.method, url: v.url, params: v.params, authToken: v.authToken };
    const firstKey = Object.keys(v.params)[0]!;
    const v3Fails = (changes: Partial<typeof base>, headers = v3Headers(v)) =>
      expect(verifyPlivoSignature({ ...base, ...changes, headers }).valid).toBe(false);
    const v2Fails = (changes: Partial<typeof base>, headers = v2Headers(v)) =>
      expect(verifyPlivoSignature({ ...base, ...changes, headers }).valid).toBe(false);

    v3Fails({ params: { ...v.params, [firstKey]: `${v.params[firstKey]}x` } });
    v3Fails({ params: { ...v.params, Extra: '1' } });
    const { [firstKey]: _dropped, ...fewer } = v.params;
    v3Fails({ params: fewer });
    v3Fails({ url: v.url.replace('://', '://x') });
    v3Fails({ url: v.url.includes('?') ? `${v.url}&y=2` : `${v.url}?y=2` });
    v3Fails({ method: v.method === 'GET' ? 'POST' : 'GET' });
    v3Fails({ authToken: `${v.authToken}x` });
    v3Fails({}, { ...v3Headers(v), [H.v3Nonce]: otherNonce(v.nonce) });

    v2Fails({ url: v.url.replace(/\/(\w)/, '/z$1') });
    v2Fails({ authToken: v.authToken.slice(1) });
    v2Fails({}, { ...v2Headers(v), [H.v2Nonce]: otherNonce(v.nonce) });
    // V2 signs the URL without its query and no params: those changes are invisible to it by design.
    expect(verifyPlivoSignature({ ...base, params: {}, headers: v2Headers(v) }).valid).toBe(true);
  });
});

const sample = vectors.find((v) => v.method === 'POST' && v.url.includes('?'))!;
const sampleBase = { method: sample.method, url: sample.url, params: sample.params, authToken: sample.authToken };

describe('verifyPlivoSignature headers', () => {
  it('accepts any of several comma-separated signatures, and no garbage', () => {
    const fake = signPlivoV3({ ...sampleBase, authToken: 'another-token-000000000', nonce: sample.nonce });
    const withSignatures = (value: string) =>
      verifyPlivoSignature({ ...sampleBase, headers: { [H.v3]: value, [H.v3Nonce]: sample.nonce } }).valid;
    expect(withSignatures(`${fake},${sample.signatureV3}`)).toBe(true);
    expect(withSignatures(`${fake}, ${sample.signatureV3} ,`)).toBe(true);
    expect(withSignatures(`${fake},${fake}`)).toBe(false);
    expect(withSignatures(`${sample.signatureV3}x`)).toBe(false);
    expect(withSignatures(sample.signatureV3.slice(0, -1))).toBe(false);
  });

  it('reads headers case-insensitively, as Zapier renames them, CGI-style, from arrays and from Headers', () => {
    const spellings: Record<string, string>[] = [
      { 'x-plivo-signature-v3': sample.signatureV3, 'x-plivo-signature-v3-nonce': sample.nonce },
      { 'X-PLIVO-SIGNATURE-V3': sample.signatureV3, 'X-Plivo-Signature-V3-NONCE': sample.nonce },
      { 'Http-X-Plivo-Signature-V3': sample.signatureV3, 'Http-X-Plivo-Signature-V3-Nonce': sample.nonce },
      { HTTP_X_PLIVO_SIGNATURE_V3: sample.signatureV3, HTTP_X_PLIVO_SIGNATURE_V3_NONCE: sample.nonce },
    ];
    for (const headers of spellings) {
      expect(verifyPlivoSignature({ ...sampleBase, headers })).toEqual({ valid: true, version: 'v3' });
    }
    const fetchHeaders = new Headers({ [H.v3]: sample.signatureV3, [H.v3Nonce]: sample.nonce });
    expect(verifyPlivoSignature({ ...sampleBase, headers: fetchHeaders }).valid).toBe(true);
    const repeated = { [H.v3]: ['bogus', sample.signatureV3], [H.v3Nonce]: [sample.nonce] };
    expect(verifyPlivoSignature({ ...sampleBase, headers: repeated }).valid).toBe(true);
    // Zapier-renamed V2 headers too.
    const zapierV2 = {
      'Http-X-Plivo-Signature-V2': sample.signatureV2,
      'Http-X-Plivo-Signature-V2-Nonce': sample.nonce,
    };
    expect(verifyPlivoSignature({ ...sampleBase, headers: zapierV2 })).toEqual({ valid: true, version: 'v2' });
  });

  it('accepts the Ma- (main account) headers, signed with the main account token', () => {
    const mainToken = 'MAINtoken1234567890abcdefghij';
    const ma = signPlivoV3({ ...sampleBase, nonce: sample.nonce, authToken: mainToken });
    const headers = { [H.maV3]: ma, [H.v3Nonce]: sample.nonce };
    expect(verifyPlivoSignature({ ...sampleBase, authToken: mainToken, headers })).toEqual({
      valid: true,
      version: 'v3',
    });
    expect(verifyPlivoSignature({ ...sampleBase, headers }).valid).toBe(false);
    const maV2 = {
      [H.maV2]: signPlivoV2({ url: sample.url, nonce: sample.nonce, authToken: mainToken }),
      [H.v2Nonce]: sample.nonce,
    };
    expect(verifyPlivoSignature({ ...sampleBase, authToken: mainToken, headers: maV2 })).toEqual({
      valid: true,
      version: 'v2',
    });
  });

  it('does not fall back to V2 when a V3 signature is present but wrong', () => {
    const headers = { ...v2Headers(sample), [H.v3]: 'AAAA', [H.v3Nonce]: sample.nonce };
    const check = verifyPlivoSignature({ ...sampleBase, headers });
    expect(check.valid).toBe(false);
  });

  it('explains missing headers and nonces, with INVALID_SIGNATURE errors naming the header', () => {
    const none = verifyPlivoSignature({ ...sampleBase, headers: { 'content-type': 'text/plain' } });
    expect(none.valid).toBe(false);
    if (none.valid) return;
    expect(none.reason).toContain(H.v3);
    expect(none.reason).toContain(H.v2);
    expect(none.error).toBeInstanceOf(TextbridgeError);
    expect(none.error.code).toBe('INVALID_SIGNATURE');

    const noNonce = verifyPlivoSignature({ ...sampleBase, headers: { [H.v3]: sample.signatureV3 } });
    expect(noNonce).toMatchObject({ valid: false, error: { code: 'INVALID_SIGNATURE', field: H.v3Nonce } });
    if (!noNonce.valid) expect(noNonce.reason).toContain(H.v3Nonce);

    const noV2Nonce = verifyPlivoSignature({ ...sampleBase, headers: { [H.v2]: sample.signatureV2 } });
    expect(noV2Nonce).toMatchObject({ valid: false, error: { field: H.v2Nonce } });

    const wrong = verifyPlivoSignature({ ...sampleBase, authToken: 'wrong-token-1234', headers: v3Headers(sample) });
    expect(wrong).toMatchObject({ valid: false, error: { code: 'INVALID_SIGNATURE', field: H.v3 } });
    if (!wrong.valid) expect(wrong.error.hint).toMatch(/URL/);
  });

  it('reports a missing token or URL and an unsigned method without throwing', () => {
    expect(verifyPlivoSignature({ ...sampleBase, authToken: '', headers: v3Headers(sample) })).toMatchObject({
      valid: false,
      error: { code: 'INVALID_INPUT', field: 'authToken' },
    });
    expect(verifyPlivoSignature({ ...sampleBase, url: '', headers: v3Headers(sample) })).toMatchObject({
      valid: false,
      error: { field: 'url' },
    });
    const put = verifyPlivoSignature({ ...sampleBase, method: 'PUT', headers: v3Headers(sample) });
    expect(put).toMatchObject({ valid: false, error: { field: 'method' } });
    expect(verifyPlivoSignature({ ...sampleBase, method: 'post', headers: v3Headers(sample) }).valid).toBe(true);
  });

  it('never puts the auth token in a reason or message', () => {
    const token = 'SECRET-token-abcdefghijklmnop';
    for (const headers of [{}, { [H.v3]: 'x' }, { [H.v3]: 'x', [H.v3Nonce]: '1' }, { [H.v2]: 'x', [H.v2Nonce]: '1' }]) {
      const check = verifyPlivoSignature({ ...sampleBase, authToken: token, headers });
      expect(check.valid).toBe(false);
      if (!check.valid) {
        expect(JSON.stringify({ reason: check.reason, error: check.error.toJSON() })).not.toContain(token);
      }
    }
  });
});

describe('GET webhooks and URLs with an @', () => {
  const getVector = vectors.find((v) => v.method === 'GET' && v.url.includes('?'))!;

  it('verifies a GET whose full URL carries the params, whether or not the host also passes them parsed', () => {
    const query = new URLSearchParams(getVector.params).toString();
    const fullUrl = `${getVector.url}&${query}`;
    const parsed = parseWebhookBody({ method: 'GET', query: fullUrl.slice(fullUrl.indexOf('?')) });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const headers = v3Headers(getVector);
    const base = { method: 'GET', authToken: getVector.authToken, headers };
    expect(verifyPlivoSignature({ ...base, url: fullUrl, params: {} }).valid).toBe(true);
    expect(verifyPlivoSignature({ ...base, url: fullUrl, params: parsed.params }).valid).toBe(true);
    expect(verifyPlivoSignature({ ...base, url: getVector.url, params: getVector.params }).valid).toBe(true);
    expect(verifyPlivoSignature({ ...base, url: fullUrl, params: { ...parsed.params, Status: 'forged' } }).valid).toBe(
      false,
    );
  });

  it('accepts the standard reading of a URL whose query holds an @ (the Node SDK misreads it as user info)', () => {
    const url = 'https://hooks.example.com/plivo?email=ops@example.com';
    const params = { MessageUUID: 'u-1', Status: 'delivered' };
    const nonce = '12345678901234567890';
    const token = 'TOKEN1234567890abcdefghijklm';
    // What a correct URL parser signs: origin + path, the sorted query, then the params, then the nonce.
    const signed =
      'https://hooks.example.com/plivo?email=ops@example.com.MessageUUIDu-1Statusdelivered.12345678901234567890';
    const signature = createHmac('sha256', token).update(signed).digest('base64');
    const check = verifyPlivoSignature({
      method: 'POST',
      url,
      params,
      authToken: token,
      headers: { [H.v3]: signature, [H.v3Nonce]: nonce },
    });
    expect(check).toEqual({ valid: true, version: 'v3' });
    expect(plivo.validateV3Signature('POST', url, nonce, token, signature, { ...params })).toBe(false);
    // Our own signer follows the Node SDK, so the SDK accepts what the sandbox sends.
    const ours = signPlivoV3({ method: 'POST', url, params, nonce, authToken: token });
    expect(plivo.validateV3Signature('POST', url, nonce, token, ours, { ...params })).toBe(true);
  });
});

describe('Node SDK quirks the signer reproduces', () => {
  it.each([
    ['a __proto__ query key (dropped by the SDK)', 'https://a.example/x?__proto__=1&b=2'],
    ['a query without a path', 'https://a.example?b=2&a=1'],
    ['a default port written out', 'https://a.example:443/x/'],
    ['raw non-ASCII in the path', 'https://a.example/café/ü?q=%C3%A9'],
    ['a fragment', 'https://a.example/x?b=1#frag'],
  ])('%s', (_label, url) => {
    const params = { Status: 'sent', MessageUUID: 'm' };
    const nonce = '98765432109876543210';
    const token = 'TOKEN1234567890abcdefghijklm';
    for (const method of ['GET', 'POST'] as const) {
      const v3 = signPlivoV3({ method, url, params, nonce, authToken: token });
      expect(plivo.validateV3Signature(method, url, nonce, token, v3, { ...params })).toBe(true);
      expect(
        verifyPlivoSignature({ method, url, params, authToken: token, headers: { [H.v3]: v3, [H.v3Nonce]: nonce } })
          .valid,
      ).toBe(true);
    }
    expect(plivo.validateSignature(url, nonce, signPlivoV2({ url, nonce, authToken: token }), token)).toBe(true);
  });
});

describe('replay protection', () => {
  function clock(start = 1_000_000) {
    let now = start;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  it('rejects a nonce seen again within the window and accepts it after', () => {
    const time = clock();
    const nonceStore = createNonceStore({ windowMs: 60_000, now: time.now });
    const request = { ...sampleBase, headers: v3Headers(sample), nonceStore };
    expect(verifyPlivoSignature(request)).toEqual({ valid: true, version: 'v3' });
    time.advance(59_999);
    const replay = verifyPlivoSignature(request);
    expect(replay).toMatchObject({ valid: false, error: { code: 'WEBHOOK_REPLAYED', field: H.v3Nonce } });
    if (!replay.valid) expect(replay.reason).toMatch(/replay/);
    time.advance(1);
    expect(verifyPlivoSignature(request).valid).toBe(true);
    expect(verifyPlivoSignature({ ...request, headers: v2Headers(sample) }).valid).toBe(false);
  });

  it('records nonces only for valid signatures, so forgeries cannot burn a genuine nonce', () => {
    const nonceStore = createNonceStore();
    const forged = verifyPlivoSignature({
      ...sampleBase,
      authToken: 'forger-token-000',
      headers: v3Headers(sample),
      nonceStore,
    });
    expect(forged.valid).toBe(false);
    expect(nonceStore.size).toBe(0);
    expect(verifyPlivoSignature({ ...sampleBase, headers: v3Headers(sample), nonceStore }).valid).toBe(true);
    expect(nonceStore.has(nonceKeys(sampleBase.url, sampleBase.authToken, [sample.nonce])[0]!)).toBe(true);
  });

  it('keeps memory bounded, forgetting the oldest nonces first', () => {
    const time = clock();
    const store = createNonceStore({ maxEntries: 100, now: time.now });
    for (let i = 0; i < 1_000; i++) {
      expect(store.remember(`n${i}`)).toBe(true);
      time.advance(1);
    }
    expect(store.size).toBe(100);
    expect(store.remember('n999')).toBe(false);
    expect(store.remember('n0')).toBe(true);
    time.advance(DEFAULT_NONCE_WINDOW_MS);
    store.remember('fresh');
    expect(store.size).toBe(1);
    store.clear();
    expect(store.size).toBe(0);
  });

  it('refuses nonsensical options with a TextbridgeError', () => {
    expect(() => createNonceStore({ windowMs: 0 })).toThrow(TextbridgeError);
    expect(() => createNonceStore({ maxEntries: Number.NaN })).toThrow(/maxEntries/);
  });
});

describe('signing for the sandbox', () => {
  it('creates 20-digit nonces', () => {
    const nonces = new Set(Array.from({ length: 200 }, createPlivoNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^\d{20}$/);
  });

  it('builds the six headers Plivo sends, which Plivo’s SDK and our verifier accept', () => {
    const params = { MessageUUID: 'm-1', Status: 'delivered', Text: 'Grüße €' };
    const url = 'https://example.com/cb?x=1';
    const token = 'SUBtoken1234567890abcdefghijk';
    const mainAccountAuthToken = 'MAINtoken1234567890abcdefghij';
    const headers = plivoSignatureHeaders({
      method: 'POST',
      url,
      params,
      authToken: token,
      mainAccountAuthToken,
      nonce: '11112222333344445555',
    });
    expect(Object.keys(headers).sort()).toEqual(Object.values(H).sort());
    expect(headers[H.v3Nonce]).toBe('11112222333344445555');
    expect(plivo.validateV3Signature('POST', url, headers[H.v3Nonce]!, token, headers[H.v3]!, { ...params })).toBe(true);
    expect(
      plivo.validateV3Signature('POST', url, headers[H.v3Nonce]!, mainAccountAuthToken, headers[H.maV3]!, { ...params }),
    ).toBe(true);
    expect(plivo.validateSignature(url, headers[H.v2Nonce]!, headers[H.v2]!, token)).toBe(true);
    expect(plivo.validateSignature(url, headers[H.v2Nonce]!, headers[H.maV2]!, mainAccountAuthToken)).toBe(true);
    expect(verifyPlivoSignature({ method: 'POST', url, params, authToken: token, headers })).toEqual({
      valid: true,
      version: 'v3',
    });
    const fresh = plivoSignatureHeaders({ method: 'GET', url, params, authToken: token });
    expect(fresh[H.v3Nonce]).toMatch(/^\d{20}$/);
    expect(verifyPlivoSignature({ method: 'GET', url, params, authToken: token, headers: fresh }).valid).toBe(true);
  });

  it('throws TextbridgeError INVALID_INPUT for unusable signing input', () => {
    expect(() => signPlivoV3({ method: 'PUT' as 'POST', url: 'https://a.b/', nonce: '1', authToken: 't' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'method' }),
    );
    expect(() => signPlivoV2({ url: '', nonce: '1', authToken: 't' })).toThrow(
      expect.objectContaining({ field: 'url' }),
    );
    expect(() => signPlivoV2({ url: 'https://a.b/', nonce: '1', authToken: '' })).toThrow(
      expect.objectContaining({ field: 'authToken' }),
    );
  });
});

describe('agreement with Plivo’s Node SDK (fast-check)', () => {
  const urlPiece = fc.constantFrom(...[..."aZ09-._~!$&'()*+,;=:/?#% é€😀"], '%20', '%C3%A9', '%zz', '@', '+');
  const url = fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc
      .tuple(
        fc.constantFrom('https://', 'http://', 'HTTPS://'),
        fc.constantFrom('example.com', 'hooks.example.org:8443', '127.0.0.1:5678', 'user:pw@host.io'),
        fc.array(urlPiece, { maxLength: 24 }).map((pieces) => pieces.join('')),
      )
      .map(([scheme, host, rest]) => scheme + host + rest),
  );
  // Keys that are Object.prototype members make the SDK itself throw on GET; they are not Plivo fields anyway.
  const key = fc
    .string({ maxLength: 8, unit: fc.constantFrom('a', 'B', 'z', 'é', '_', '1', '😀', ' ') })
    .filter((k) => !(k in {}));
  const value = fc.oneof(fc.string({ maxLength: 10, unit: 'grapheme' }), fc.constant(''));
  const params = fc.dictionary(key, fc.oneof(value, fc.array(value, { maxLength: 3 })), { maxKeys: 6 });
  const token = fc.string({ minLength: 1, maxLength: 32 });
  const method = fc.constantFrom('GET' as const, 'POST' as const);
  const nonce = fc.stringMatching(/^\d{20}$/);

  it('our signatures pass the SDK, and the verifier accepts them but not with another nonce', () => {
    fc.assert(
      fc.property(url, params, method, token, nonce, (u, p, m, t, n) => {
        const v3 = signPlivoV3({ method: m, url: u, params: p, nonce: n, authToken: t });
        const v2 = signPlivoV2({ url: u, nonce: n, authToken: t });
        expect(plivo.validateV3Signature(m, u, n, t, v3, structuredClone(p))).toBe(true);
        expect(plivo.validateSignature(u, n, v2, t)).toBe(true);
        const base = { method: m, url: u, params: p, authToken: t };
        expect(verifyPlivoSignature({ ...base, headers: { [H.v3]: v3, [H.v3Nonce]: n } }).valid).toBe(true);
        expect(verifyPlivoSignature({ ...base, headers: { [H.v2]: v2, [H.v2Nonce]: n } }).valid).toBe(true);
        expect(verifyPlivoSignature({ ...base, headers: { [H.v3]: v3, [H.v3Nonce]: otherNonce(n) } }).valid).toBe(
          false,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), fc.anything(), (m, u, p, h, t) => {
        const check = verifyPlivoSignature({ method: m, url: u, params: p, headers: h, authToken: t } as never);
        expect(check.valid).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(verifyPlivoSignature(null as never).valid).toBe(false);
  });
});
