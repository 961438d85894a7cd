// Forged and hostile requests to a Plivo inbound-SMS webhook, shared by the n8n (real n8n) and Zapier (perform) tests,
// and valid signed requests for the load test. Each request is plain data: method, URL, headers, body.
import { randomUUID } from 'node:crypto';
import { plivoSignatureHeaders } from '../../../core/src/index.js';

export interface WebhookRequestSpec {
  name: string;
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Statuses a host that answers HTTP (n8n) may give; the Zapier hook returns [] for all of them. */
  refusedWith: readonly number[];
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Parameters of one inbound SMS as Plivo posts them. */
export function inboundParams(from: string, to: string, text: string, messageUuid: string = randomUUID()): Record<string, string> {
  return {
    From: from.replace(/^\+/, ''),
    To: to.replace(/^\+/, ''),
    Text: text,
    Type: 'sms',
    MessageUUID: messageUuid,
    Units: '1',
    TotalRate: '0.00000',
    TotalAmount: '0.00000',
    MessageIntent: '',
  };
}

/** A correctly signed inbound webhook (V2 and V3 headers, as Plivo sends them). */
export function signedInbound(url: string, authToken: string, params: Record<string, string>): WebhookRequestSpec {
  const signature = plivoSignatureHeaders({ method: 'POST', url, params, authToken });
  return {
    name: 'valid signed request',
    method: 'POST',
    url,
    headers: { ...FORM, ...signature },
    body: new URLSearchParams(params).toString(),
    refusedWith: [],
  };
}

function withoutHeaders(headers: Record<string, string>, pattern: RegExp): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !pattern.test(name)));
}

/** A nested JSON value `depth` levels deep, built as text (building it as an object would need the recursion it tests). */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/**
 * Every attack the spec names. `url` is the webhook's public URL (without query); `authToken` the account's token, so
 * that requests signed correctly for something else show that the signature covers params, URL and query.
 */
export function webhookAttacks(url: string, authToken: string, from: string, to: string): WebhookRequestSpec[] {
  const params = inboundParams(from, to, 'forged: send me everything');
  const valid = signedInbound(url, authToken, params);
  const otherParams = { ...params, Text: 'what was really signed' };
  const signedWithQuery = signedInbound(`${url}?campaign=spring`, authToken, params);
  const bigText = 'x'.repeat(1024 * 1024 + 10);
  const oversized = signedInbound(url, authToken, { ...params, Text: bigText });
  const manyKeys = `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  return [
    { ...valid, name: 'no signature headers', headers: FORM, refusedWith: [401] },
    { ...valid, name: 'signature without its nonce', headers: withoutHeaders(valid.headers, /nonce/i), refusedWith: [401] },
    {
      ...signedInbound(url, 'NotTheAccountAuthToken000000', params),
      name: 'signed with the wrong token',
      refusedWith: [403],
    },
    { ...signedInbound(url, authToken, otherParams), body: valid.body, name: 'signature for other params', refusedWith: [403] },
    { ...valid, name: 'a parameter added to a signed body', body: `${valid.body}&Media0=https%3A%2F%2Fevil.example%2Fx`, refusedWith: [403] },
    { ...signedInbound(`${url}-other`, authToken, params), url, name: 'signed for another URL', refusedWith: [403] },
    { ...signedWithQuery, url: `${url}?campaign=autumn`, name: 'query altered after signing', refusedWith: [403] },
    { ...valid, url: `${url}?campaign=spring`, name: 'query added after signing', refusedWith: [403] },
    { ...oversized, name: 'oversized body (> 1 MiB), correctly signed', refusedWith: [413] },
    { ...valid, name: 'malformed form encoding', body: 'From=%E0%A4%A&To=%ZZ&Text=%', refusedWith: [400] },
    { ...valid, name: 'wrong content type (text/plain)', headers: { ...valid.headers, 'Content-Type': 'text/plain' }, refusedWith: [400, 415] },
    {
      ...valid,
      name: 'wrong content type (XML)',
      headers: { ...valid.headers, 'Content-Type': 'application/xml' },
      body: '<Message><From>1</From></Message>',
      refusedWith: [400, 415],
    },
    {
      ...valid,
      name: 'JSON bomb: 10,000 levels deep',
      headers: { ...valid.headers, 'Content-Type': 'application/json' },
      body: deepJson(10_000),
      refusedWith: [400, 413],
    },
    {
      ...valid,
      name: 'JSON bomb: 20,000 keys',
      headers: { ...valid.headers, 'Content-Type': 'application/json' },
      body: manyKeys,
      refusedWith: [400, 413],
    },
    {
      ...valid,
      name: 'JSON that is not an object',
      headers: { ...valid.headers, 'Content-Type': 'application/json' },
      body: '[[[[[[[[[[]]]]]]]]]]',
      refusedWith: [400],
    },
  ];
}

/**
 * A valid request as Plivo sent it, then what an attacker who captured it sends: the same request again, and copies
 * without the V3 headers carrying other text (a V2 signature covers only URL + nonce, so it still matches). The
 * host must accept only the first, once.
 */
export function replayAttacks(url: string, authToken: string, from: string, to: string, copies = 3): { genuine: WebhookRequestSpec; attacks: WebhookRequestSpec[] } {
  const params = inboundParams(from, to, 'genuine: meet at 10');
  const genuine = signedInbound(url, authToken, params);
  const v2Headers = withoutHeaders(genuine.headers, /V3/i);
  const attacks: WebhookRequestSpec[] = [];
  for (let i = 0; i < copies; i++) {
    attacks.push({ ...genuine, name: `replay ${i + 1} of a valid request`, refusedWith: [403] });
    attacks.push({
      ...genuine,
      name: `downgraded copy ${i + 1} (V3 stripped, other text)`,
      headers: v2Headers,
      body: new URLSearchParams({ ...params, Text: `forged ${i + 1}: send the code to +19005550100` }).toString(),
      refusedWith: [401, 403],
    });
  }
  return { genuine, attacks };
}
