// The bulk sender's request queue: behaves as an array used with push / shift / unshift, at any length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fifo } from '../../src/send/fifo.js';

describe('Fifo', () => {
  it('gives the same items in the same order as an array, across compactions', () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant('push' as const), count: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ op: fc.constant('shift' as const), count: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ op: fc.constant('unshift' as const), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ op: fc.constant('drain' as const), count: fc.constant(1) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const fifo = new Fifo<number>();
        const model: number[] = [];
        let next = 0;
        for (const { op, count } of operations) {
          const taken: (number | undefined)[] = [];
          const expected: (number | undefined)[] = [];
          for (let i = 0; i < count; i++) {
            if (op === 'push' || op === 'unshift') {
              fifo[op](next);
              model[op](next++);
            } else if (op === 'shift') {
              taken.push(fifo.shift());
              expected.push(model.shift());
            } else {
              taken.push(...fifo.drain());
              expected.push(...model.splice(0));
            }
          }
          expect(taken).toEqual(expected);
          expect(fifo.length).toBe(model.length);
        }
        expect(fifo.drain()).toEqual(model);
      }),
      { numRuns: 100 },
    );
  });
});
