import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TextbridgeError, createRateLimiter, sendBulk, type BulkSendResult, type SendRequest } from '../../src/index.js';
import { FakeClient, settle, type FakeAnswer } from './bulk-fakes.js';

// Inputs drawn from small pools, so duplicates and shared groups are common; each entry says what it normalises to
// (undefined: the input is invalid and must be rejected before sending).
const DSTS: [string, string | undefined][] = [
  ['+14155550101', '+14155550101'],
  ['14155550102', '+14155550102'],
  ['+1 415 555 0103', '+14155550103'],
  ['+447700900123', '+447700900123'],
  ['bad', undefined],
  ['', undefined],
];
const TEXTS: [string, boolean][] = [
  ['A', true],
  ['B', true],
  ['x'.repeat(1601), false],
];
const SRCS: [string, string | undefined][] = [
  ['+14155550100', '+14155550100'],
  ['MyShop', 'MyShop'],
  ['Bad-Sender', undefined],
];

type Behaviour = 'ok' | 'invalid-first' | 'rate-limited' | 'unknown' | 'error' | 'mismatch' | 'extra-uuid' | 'slow';

const scenario = fc.record({
  messages: fc.array(
    fc.record({ dst: fc.nat(DSTS.length - 1), text: fc.nat(TEXTS.length - 1), src: fc.nat(SRCS.length - 1) }),
    { maxLength: 40 },
  ),
  behaviours: fc.array(fc.constantFrom<Behaviour>('ok', 'ok', 'invalid-first', 'rate-limited', 'unknown', 'error', 'mismatch', 'extra-uuid', 'slow'), {
    minLength: 1,
    maxLength: 8,
  }),
  batchSize: fc.integer({ min: 1, max: 4 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  lookAhead: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  iterable: fc.boolean(),
  abortAtCall: fc.option(fc.nat(6), { nil: undefined }),
});

const keyOf = (dst: string, text: string, src: string) => JSON.stringify([dst, text, src]);

describe('sendBulk: exactly one result per input, whatever Plivo answers', () => {
  it('never drops, duplicates or misattributes an input', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const inputs: SendRequest[] = s.messages.map((m) => ({ src: SRCS[m.src]![0], dst: DSTS[m.dst]![0], text: TEXTS[m.text]![0] }));
        const controller = new AbortController();
        /** Per call: the destinations Plivo "accepted", in UUID order, and whether the request could have sent. */
        const accepted: string[][] = [];
        const mayHaveSent: boolean[] = [];
        const ambiguous: boolean[] = [];
        const client = new FakeClient(async (request, call): Promise<FakeAnswer | undefined> => {
          if (call === s.abortAtCall) controller.abort();
          const behaviour = s.behaviours[call % s.behaviours.length]!;
          accepted[call] = request.dsts;
          mayHaveSent[call] = behaviour !== 'rate-limited';
          switch (behaviour) {
            case 'ok':
              return undefined;
            case 'slow':
              await settle();
              return undefined;
            case 'invalid-first':
              accepted[call] = request.dsts.slice(1);
              return {
                invalidNumbers: [request.dsts[0]!.slice(1)],
                messageUuids: request.dsts.slice(1).map((_, i) => `uuid-${call}-${i}`),
              };
            case 'rate-limited':
              return new TextbridgeError('RATE_LIMITED', 'Too many requests.', { retryAfterMs: 0 });
            case 'unknown':
              return new TextbridgeError('DELIVERY_UNKNOWN', 'Timed out.');
            case 'error':
              return new Error('socket hang up');
            case 'mismatch':
              return { messageUuids: [] };
            case 'extra-uuid':
              // More UUIDs than numbers: no way to tell whose is whose, so nobody may be told "sent as X".
              ambiguous[call] = true;
              return { messageUuids: [...request.dsts, 'spare'].map((_, i) => `uuid-${call}-${i}`) };
          }
        });
        let pulled = 0;
        async function* source() {
          for (const input of inputs) {
            pulled++;
            yield input;
          }
        }
        const results: BulkSendResult[] = await sendBulk(client, s.iterable ? source() : inputs, {
          rateLimiter: createRateLimiter({ maxRequestsPerSecond: 1_000_000 }),
          batchSize: s.batchSize,
          concurrency: s.concurrency,
          lookAhead: s.lookAhead,
          signal: controller.signal,
        });

        // One result per input (an aborted iterable is read no further: one per input read), in order.
        const expectedCount = s.iterable && controller.signal.aborted ? pulled : inputs.length;
        expect(results).toHaveLength(expectedCount);
        results.forEach((result, i) => expect(result.index).toBe(i));

        // Requests: unique destinations, at most batchSize.
        for (const request of client.requests) {
          expect(new Set(request.dsts).size).toBe(request.dsts.length);
          expect(request.dsts.length).toBeLessThanOrEqual(s.batchSize);
        }

        const uuids = new Set<string>();
        const validInputs = new Map<string, number>();
        results.forEach((result, i) => {
          const m = s.messages[i]!;
          const [, dst] = DSTS[m.dst]!;
          const [, textOk] = TEXTS[m.text]!;
          const [, src] = SRCS[m.src]!;
          if (dst === undefined || !textOk || src === undefined) {
            // Invalid input: rejected with its own field (or aborted before it was checked).
            expect(result.ok).toBe(false);
            if (!result.ok && result.error.code !== 'ABORTED') expect(result.error.field).toMatch(new RegExp(`^messages\\[${i}\\]\\.`));
            return;
          }
          const key = keyOf(dst, TEXTS[m.text]![0], src);
          validInputs.set(key, (validInputs.get(key) ?? 0) + 1);
          if (!result.ok) {
            expect(['INVALID_PHONE_NUMBER', 'RATE_LIMITED', 'DELIVERY_UNKNOWN', 'ABORTED']).toContain(result.error.code);
            return;
          }
          // A success carries exactly one UUID, never given to anyone else, from a request that held this number.
          expect(result.dst).toBe(dst);
          expect(result.messageUuids).toHaveLength(1);
          const uuid = result.messageUuids[0]!;
          expect(uuids.has(uuid)).toBe(false);
          uuids.add(uuid);
          const [, call, position] = uuid.split('-').map(Number);
          expect(ambiguous[call!]).toBeUndefined();
          expect(accepted[call!]![position!]).toBe(dst);
        });

        // No input was sent twice: requests that may have sent hold each (number, text, sender) at most as often
        // as valid inputs ask for it, and exactly as often when nothing was aborted.
        const sends = new Map<string, number>();
        client.requests.forEach((request, call) => {
          if (!mayHaveSent[call]) return;
          for (const dst of request.dsts) {
            const key = keyOf(dst, request.params.text!, request.params.src!);
            sends.set(key, (sends.get(key) ?? 0) + 1);
          }
        });
        for (const [key, count] of sends) expect(count).toBeLessThanOrEqual(validInputs.get(key) ?? 0);
        if (!controller.signal.aborted && !s.behaviours.every((b) => b === 'rate-limited')) {
          const requeueLimited = s.behaviours.includes('rate-limited');
          for (const [key, count] of validInputs) {
            // With 429s, a request may exhaust its requeues and end as RATE_LIMITED without ever being sent.
            if (requeueLimited) expect(sends.get(key) ?? 0).toBeLessThanOrEqual(count);
            else expect(sends.get(key) ?? 0).toBe(count);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
