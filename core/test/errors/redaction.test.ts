// The Auth Token never shows in an error, however it got there: nested and string causes, AggregateError members,
// request echoes and details, in any of the forms it takes on the wire (raw, Basic base64 of `id:token` or of the
// token alone, URL- and form-encoded, JSON-escaped) — checked through util.inspect, JSON, String() and the stack.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TextbridgeError,
  createPlivoClient,
  parseSendRequest,
  credentialSecrets,
  redactError,
  redactSecrets,
  withRedactedErrors,
  type TransportResponse,
} from '../../src/index.js';

const AUTH_ID = 'MAZDQ1ZJI0YZLMNZQ2OT';

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Every form of the token a reader could recognise. */
function visibleForms(authId: string, token: string): string[] {
  return [
    token,
    base64(`${authId}:${token}`),
    base64(token),
    encodeURIComponent(token),
    new URLSearchParams([['', token]]).toString().slice(1),
    JSON.stringify(token).slice(1, -1),
  ];
}

/** Every way an error is shown: inspect (as a log line prints it), JSON, String(), the stack. */
function renderings(error: unknown): string[] {
  let json: string;
  try {
    json = JSON.stringify(error) ?? '';
  } catch {
    json = '';
  }
  return [
    inspect(error, { depth: Infinity }),
    inspect(error, { depth: Infinity, showHidden: true }),
    json,
    String(error),
    String((error as { stack?: unknown } | null)?.stack ?? ''),
  ];
}

function leaks(error: unknown, authId: string, token: string): string[] {
  const texts = renderings(error);
  return visibleForms(authId, token).filter((form) => texts.some((text) => text.includes(form)));
}

// Tokens like Plivo's (letters and digits), with characters that are special in regexes, URLs and JSON mixed in.
const SPECIAL = [...'.*+?^${}()|[]\\/\'"`-_!@#%&=:;,<>~ ', 'ö', '€', '😀'];
const tokenArb = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'), minLength: 10, maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SPECIAL)), { maxLength: 6 }),
  )
  .map(([core, inserts]) => {
    const chars = [...core];
    for (const [at, char] of inserts) chars.splice(at % (chars.length + 1), 0, char);
    return chars.join('');
  });

type Form = (authId: string, token: string) => string;
const FORMS: Form[] = [
  (_, t) => t,
  (id, t) => `Basic ${base64(`${id}:${t}`)}`,
  (id, t) => base64(`${id}:${t}`),
  (_, t) => base64(t),
  (_, t) => `Basic ${base64(`someone-else:${t}`)}`,
  (_, t) => encodeURIComponent(t),
  (_, t) => encodeURIComponent(t).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  (_, t) => new URLSearchParams([['auth_token', t]]).toString(),
  (_, t) => JSON.stringify({ auth_token: t }),
  (_, t) => JSON.stringify(JSON.stringify({ headers: { Authorization: t } })),
  (_, t) => JSON.stringify(t).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  (_, t) => encodeURIComponent(t).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  (_, t) => `<p>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</p>`,
  (id, t) => `https://api.example.com/v1/Account/${id}/?token=${encodeURIComponent(t)}`,
];

/** A text that holds the token in one of its forms. */
const leakyText = fc
  .tuple(fc.constantFrom(...FORMS), fc.constantFrom('request failed: ', 'header ', 'echo ', ''), fc.constantFrom('', ' (retrying)', '\n'))
  .map(([form, before, after]) => (authId: string, token: string) => `${before}${form(authId, token)}${after}`);

type Build = (authId: string, token: string) => unknown;

/** Random error trees: Errors, TextbridgeErrors, AggregateErrors, string and object causes, request echoes. */
const errorTree: fc.Arbitrary<Build> = fc.letrec<{ node: Build }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leakyText.map((text): Build => (id, t) => text(id, t)),
    fc.tuple(leakyText, fc.option(tie('node'), { nil: undefined })).map(
      ([text, cause]): Build =>
        (id, t) =>
          new Error(text(id, t), cause === undefined ? undefined : { cause: cause(id, t) }),
    ),
    fc.tuple(leakyText, fc.option(tie('node'), { nil: undefined }), fc.option(tie('node'), { nil: undefined })).map(
      ([text, cause, detail]): Build =>
        (id, t) =>
          new TextbridgeError('NETWORK', text(id, t), {
            ...(cause === undefined ? {} : { cause: cause(id, t) }),
            ...(detail === undefined ? {} : { details: { echo: detail(id, t) } }),
          }),
    ),
    fc.tuple(leakyText, fc.array(tie('node'), { maxLength: 3 })).map(
      ([text, members]): Build =>
        (id, t) =>
          new AggregateError(
            members.map((member) => member(id, t)),
            text(id, t),
          ),
    ),
    fc.tuple(leakyText, tie('node')).map(
      ([text, inner]): Build =>
        (id, t) => ({ request: { method: 'POST', headers: { authorization: text(id, t) }, body: inner(id, t) } }),
    ),
    fc.tuple(leakyText, tie('node')).map(
      ([text, inner]): Build =>
        (id, t) =>
          Object.assign(new TypeError('fetch failed', { cause: inner(id, t) }), { code: 'ECONNRESET', config: { auth: text(id, t) } }),
    ),
  ),
})).node;

const errorOf = (build: Build, authId: string, token: string): Error => {
  const built = build(authId, token);
  return built instanceof Error ? built : new Error('transport failed', { cause: built });
};

describe('redacting an error', () => {
  it('leaves no form of the token in random error trees (causes, aggregates, echoes), however they are shown', () => {
    let leakyBefore = 0;
    fc.assert(
      fc.property(tokenArb, errorTree, (token, build) => {
        const error = errorOf(build, AUTH_ID, token);
        if (leaks(error, AUTH_ID, token).length > 0) leakyBefore++;
        const clean = redactError(error, credentialSecrets(AUTH_ID, token));
        expect(leaks(clean, AUTH_ID, token)).toEqual([]);
      }),
      { numRuns: 300 },
    );
    expect(leakyBefore).toBeGreaterThan(200); // the trees do show the token before redaction

  });

  it('keeps the class, code, fields and shape of the error', () => {
    const token = 'Zjk1N2I0MDk4YzU2OGFhZmE5NDI1NDZkMjU4MzM0';
    const inner = new AggregateError([new Error(`nested ${token}`), 'plain'], 'two failed');
    const error = new TextbridgeError('NETWORK', `failed with ${token}`, { status: 502, details: { token, keep: 1 }, cause: inner });
    const clean = redactError(error, credentialSecrets(AUTH_ID, token));
    expect(clean).toBeInstanceOf(TextbridgeError);
    expect(clean).not.toBe(error);
    expect(clean).toMatchObject({ code: 'NETWORK', status: 502, message: 'failed with [redacted]', details: { token: '[redacted]', keep: 1 } });
    const cause = clean.cause as AggregateError;
    expect(cause).toBeInstanceOf(AggregateError);
    expect(cause.errors[0]).toBeInstanceOf(Error);
    expect((cause.errors[0] as Error).message).toBe('nested [redacted]');
    expect(cause.errors[1]).toBe('plain');
    expect(clean.stack).toContain('failed with [redacted]');
    expect(clean.stack).toMatch(/at /); // the original frames, not the redactor's
  });

  it('returns a clean error itself, unchanged', () => {
    const error = new Error('nothing secret', { cause: { status: 500 } });
    expect(redactError(error, credentialSecrets(AUTH_ID, 'Zjk1N2I0MDk4YzU2OGFhZmE5NDI1NDZkMjU4MzM0'))).toBe(error);
  });

  it('handles cycles: a cause pointing back at its error, or at an object that holds the token', () => {
    const token = 'cycle-token-0123456789';
    const holder: Record<string, unknown> = {};
    const error = new Error('outer', { cause: holder });
    holder.parent = error;
    holder.secret = `Bearer ${token}`;
    const clean = redactError(error, credentialSecrets(AUTH_ID, token));
    expect(leaks(clean, AUTH_ID, token)).toEqual([]);
    const cleanHolder = clean.cause as Record<string, unknown>;
    expect(cleanHolder.parent).toBe(clean);

    const quiet: Record<string, unknown> = { note: 'no secret here' };
    const loud = new Error(`loud ${token}`, { cause: quiet });
    quiet.back = loud; // reaches the token only through the cycle
    const cleaned = redactError(loud, credentialSecrets(AUTH_ID, token));
    expect(leaks(cleaned, AUTH_ID, token)).toEqual([]);
  });

  it('redacts URLs, maps and numeric tokens', () => {
    const token = '98765432101234';
    const error = new Error('x', {
      cause: { url: new URL(`https://h.example/?t=${token}`), map: new Map([['auth', token]]), n: Number(token) },
    });
    expect(leaks(redactError(error, credentialSecrets(AUTH_ID, token)), AUTH_ID, token)).toEqual([]);
  });

  it('never rebuilds the token around the marker', () => {
    fc.assert(
      fc.property(fc.constantFrom('d]d]xyz', 'redacted', '[redacted]', 'ted]ted]', '*[red'), fc.string(), (token, noise) => {
        const text = `[redacte${token}${noise}${token}d]${token}`;
        expect(redactSecrets(text, [token])).not.toContain(token);
      }),
    );
  });
});

describe('every error leaving the Plivo client is clean', () => {
  function answer(status: number, body: string): TransportResponse {
    return { status, headers: {}, body };
  }

  it('when the transport fails with a random error tree holding the token', async () => {
    await fc.assert(
      fc.asyncProperty(tokenArb, errorTree, async (token, build) => {
        const client = createPlivoClient({
          authId: AUTH_ID,
          authToken: token,
          retry: { maxRetries: 0 },
          transport: async () => {
            throw errorOf(build, AUTH_ID, token);
          },
        });
        const failures = await Promise.all([
          client.getAccount().catch((error: unknown) => error),
          client.sendMessage(parseSendRequest({ src: '+14155552671', dst: '+14155550123', text: 'hi' })).catch((error: unknown) => error),
          (async () => {
            for await (const message of client.listMessages()) void message;
          })().catch((error: unknown) => error),
        ]);
        for (const failure of failures) {
          expect(failure).toBeInstanceOf(TextbridgeError);
          expect(leaks(failure, AUTH_ID, token)).toEqual([]);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('when Plivo (or a proxy) echoes the token in any form in its answer', async () => {
    await fc.assert(
      fc.asyncProperty(tokenArb, leakyText, fc.constantFrom(400, 401, 403, 404, 429, 500, 503), async (token, text, status) => {
        const echo = text(AUTH_ID, token);
        for (const body of [JSON.stringify({ api_id: echo, error: echo }), echo, JSON.stringify({ error: { [echo]: [echo] } })]) {
          const client = createPlivoClient({
            authId: AUTH_ID,
            authToken: token,
            retry: { maxRetries: 0 },
            transport: async () => answer(status, body),
          });
          const failure = await client.getAccount().catch((error: unknown) => error);
          expect(failure).toBeInstanceOf(TextbridgeError);
          expect(leaks(failure, AUTH_ID, token)).toEqual([]);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('regression: a nested cause or a string cause carrying the token', async () => {
    const token = 'Zjk1N2I0MDk4YzU2OGFhZmE5NDI1NDZkMjU4MzM0';
    const causes = [
      new Error('socket hang up', { cause: new Error(`while sending Authorization: Basic ${base64(`${AUTH_ID}:${token}`)}`) }),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', cause: `token=${token}` }),
    ];
    for (const cause of causes) {
      const client = createPlivoClient({
        authId: AUTH_ID,
        authToken: token,
        retry: { maxRetries: 0 },
        transport: async () => {
          throw cause;
        },
      });
      const failure = await client.getAccount().catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'NETWORK' });
      expect(leaks(failure, AUTH_ID, token)).toEqual([]);
    }
  });

  it('when the options themselves are wrong', () => {
    const token = 'option-token-0123456789';
    for (const options of [
      { authId: AUTH_ID, authToken: token, baseUrl: `https://u:${token}@api.example.com` },
      { authId: AUTH_ID, authToken: token, baseUrl: `https://api.example.com/${token}` },
      { authId: AUTH_ID, authToken: token, timeoutMs: Number.NaN },
      { authId: ` ${token} `, authToken: token, userAgent: 5 },
    ]) {
      let failure: unknown;
      try {
        createPlivoClient(options as never);
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(TextbridgeError);
      expect(leaks(failure, AUTH_ID, token)).toEqual([]);
    }
  });
});

describe('withRedactedErrors', () => {
  it('cleans sync throws, rejections and generator failures, and passes results through', async () => {
    const token = 'wrapped-token-0123456789';
    const target = {
      value: 7,
      sync: (): number => {
        throw new Error(`sync ${token}`);
      },
      async rejects(): Promise<number> {
        throw new Error('async', { cause: token });
      },
      async ok(): Promise<number> {
        return this.value;
      },
      async *pages(): AsyncGenerator<number> {
        yield 1;
        throw new AggregateError([new Error(token)], 'page failed');
      },
    };
    const wrapped = withRedactedErrors(target, [token]);
    expect(await wrapped.ok()).toBe(7);
    expect(() => wrapped.sync()).toThrow('sync [redacted]');
    expect(leaks(await wrapped.rejects().catch((error: unknown) => error), AUTH_ID, token)).toEqual([]);
    const seen: number[] = [];
    const failure = await (async () => {
      for await (const page of wrapped.pages()) seen.push(page);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([1]);
    expect(failure).toBeInstanceOf(AggregateError);
    expect(leaks(failure, AUTH_ID, token)).toEqual([]);
  });
});
