// Fault injection for API requests, drawn from the seeded generator so a seed replays the same sequence.
//
// When each fault strikes — chosen so "no duplicates / none lost" tests can tell the cases apart:
// - error503: BEFORE the request is handled (nothing is recorded): a 503 means "not processed, safe to retry".
// - error500: AFTER the request was handled: a send was accepted and recorded, yet the client gets a 500.
// - reset:    AFTER the request was handled: a send was accepted, then the socket is destroyed without an answer.
// - slow:     the answer is held back `ms` (after handling), e.g. to trip client timeouts.
// Each request draws, in this order, one number per configured fault: error503, error500, reset, slow.
import type { SandboxFaultOptions } from './options.js';
import type { RandomSource } from './random.js';

export interface FaultPlan {
  rejectWith503: boolean;
  after: 'error500' | 'reset' | null;
  slowMs: number;
}

const NO_FAULT: FaultPlan = { rejectWith503: false, after: null, slowMs: 0 };

export function planFaults(faults: SandboxFaultOptions, random: RandomSource): FaultPlan {
  const hits = (probability: number): boolean => probability > 0 && random() < probability;
  const rejectWith503 = hits(faults.error503);
  const error500 = hits(faults.error500);
  const reset = hits(faults.reset);
  const slow = faults.slow !== undefined && hits(faults.slow.probability);
  if (!rejectWith503 && !error500 && !reset && !slow) return NO_FAULT;
  return {
    rejectWith503,
    after: error500 ? 'error500' : reset ? 'reset' : null,
    slowMs: slow && faults.slow ? faults.slow.ms : 0,
  };
}
