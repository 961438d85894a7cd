// Fault injection through core's bulk sender against the sandbox: 503s (not processed), 500s and connection resets
// (processed, answer lost), answers held back past the client's timeout, and a 429 storm. Every input must get exactly
// one result, nothing may be accepted twice, and nothing the sandbox accepted may be reported as failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPlivoClient,
  sendBulk,
  startSandbox,
  type BulkSendClient,
  type BulkSendResult,
  type Sandbox,
  type SandboxOptions,
  type SendRequest,
} from '../../core/src/index.js';
import { auditFaultRun, formatFigures, inputKey, SOAK, type FaultFigures, type ReportedOutcome } from './support/fault-audit.js';
import { faultInputs, type FaultPlan } from './support/fault-inputs.js';
import { createSecretLedger, secretForms } from './support/secret-scan.js';

const FAULTS = { error503: 0.1, error500: 0.05, reset: 0.05 } as const;
/** Inputs of the main phase and of the 429-storm phase (10,000 together; the soak run sends five times as many). */
const MAIN_COUNT = SOAK ? 45_000 : 9_000;
const STORM_COUNT = SOAK ? 5_000 : 1_000;
/** One input in five shares its text with 49 others, so those go out as one request with a "<"-joined dst. */
const GROUP_SIZE = 50;
const GROUPED_SHARE = 0.2;
const CLIENT_TIMEOUT_MS = 1000;
/** An account of its own, so that the secret scan looks for a token only this suite uses. */
const ACCOUNT = { authId: 'MARELIABILITYCORE001', authToken: 'ReliabilityCoreToken-5e4d3c2b1a09' };

const ledger = createSecretLedger();

interface PhasePlan extends FaultPlan {
  label: string;
  sandbox: SandboxOptions;
  concurrency: number;
}

function outcomeOf(result: BulkSendResult, key: string): ReportedOutcome {
  if (result.ok) return { key, outcome: 'sent', messageUuids: result.messageUuids };
  return { key, outcome: result.error.code === 'DELIVERY_UNKNOWN' ? 'unknown' : 'failed', code: result.error.code };
}

async function runPhase(plan: PhasePlan): Promise<FaultFigures> {
  const sandbox: Sandbox = await startSandbox({ ...ACCOUNT, deliveryDelayMs: 600_000, ...plan.sandbox });
  try {
    const client = createPlivoClient({
      authId: sandbox.authId,
      authToken: sandbox.authToken,
      baseUrl: sandbox.url,
      timeoutMs: CLIENT_TIMEOUT_MS,
      // Short backoff keeps the run fast; 429s still wait for the sandbox's Retry-After (1 s).
      retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 50 },
    });
    let retried = 0;
    const counting: BulkSendClient = {
      sendMessage: (params, options) =>
        client.sendMessage(params, {
          ...options,
          onRetry: (info) => {
            retried++;
            options?.onRetry?.(info);
          },
        }),
    };
    const inputs = faultInputs(plan);
    const src = sandbox.numbers[0]!;
    const messages: SendRequest[] = inputs.map((input) => ({ src, dst: input.phone, text: input.text }));
    const keys = inputs.map((input) => inputKey(input.tag, input.phone));
    const results = await sendBulk(counting, messages, { concurrency: plan.concurrency, maxRequestsPerSecond: 100_000 });
    for (const result of results) if (!result.ok) ledger.record(`${plan.label} error`, result.error);
    ledger.record(`${plan.label} results`, results);
    expect(results.map((result) => result.index)).toEqual(keys.map((_, index) => index));
    const figures = auditFaultRun({
      inputKeys: keys,
      outcomes: results.map((result) => outcomeOf(result, keys[result.index]!)),
      accepted: sandbox.state.messages.filter((message) => message.direction === 'outbound'),
      retried,
      faults: { ...sandbox.state.faultCounts, rateLimited: sandbox.state.requestCounts.rateLimited },
    });
    console.log(formatFigures(plan.label, figures));
    return figures;
  } finally {
    await sandbox.stop();
  }
}

function expectNoDuplicatesNoneLost(figures: FaultFigures): void {
  expect(figures.results).toBe(figures.inputs);
  expect(figures.doubleResults).toBe(0);
  expect(figures.sent + figures.unknown + figures.failed).toBe(figures.inputs);
  expect(figures.duplicates).toBe(0);
  expect(figures.lost).toBe(0);
  expect(figures.phantom).toBe(0);
}

describe.sequential(`core bulk sender under injected faults (${MAIN_COUNT + STORM_COUNT} sends)`, () => {
  let stopCapture: () => void;
  beforeAll(() => {
    stopCapture = ledger.captureProcessOutput();
  });
  afterAll(() => stopCapture?.());

  it('10 % 503, 5 % 500, 5 % resets and answers past the timeout: one result each, no duplicates, none lost', async () => {
    const figures = await runPhase({
      label: 'core faults',
      tagPrefix: 'm',
      count: MAIN_COUNT,
      firstContact: 0,
      groupedShare: GROUPED_SHARE,
      groupSize: GROUP_SIZE,
      concurrency: 50,
      sandbox: { rateLimit: false, faults: { ...FAULTS, slow: { probability: 0.01, ms: CLIENT_TIMEOUT_MS + 500 } }, seed: 8 },
    });
    expectNoDuplicatesNoneLost(figures);
    // The faults did strike, and each kind left its mark: retries (503), unknown outcomes (500, reset, timeout).
    expect(figures.faults.error503).toBeGreaterThan(0);
    expect(figures.faults.error500).toBeGreaterThan(0);
    expect(figures.faults.reset).toBeGreaterThan(0);
    expect(figures.faults.slow).toBeGreaterThan(0);
    expect(figures.retried).toBeGreaterThan(0);
    expect(figures.unknown).toBeGreaterThan(0);
    expect(figures.sent).toBeGreaterThan(figures.inputs * 0.6);
  }, 600_000);

  it('a 429 storm (small rate-limit window) on top of the faults: still one result each, no duplicates, none lost', async () => {
    const figures = await runPhase({
      label: 'core 429 storm',
      tagPrefix: 's',
      count: STORM_COUNT,
      firstContact: 50_000,
      groupedShare: GROUPED_SHARE,
      groupSize: GROUP_SIZE,
      concurrency: 50,
      sandbox: { rateLimit: { requests: 40, windowMs: 200 }, faults: FAULTS, seed: 9 },
    });
    expectNoDuplicatesNoneLost(figures);
    expect(figures.faults.rateLimited).toBeGreaterThan(0);
    expect(figures.failedByCode.RATE_LIMITED ?? 0).toBeLessThan(figures.inputs * 0.05);
  }, 600_000);

  it('leaks no auth token or Authorization value in any output, error or log line of these runs', () => {
    const leaks = ledger.leaks(secretForms(ACCOUNT.authId, ACCOUNT.authToken));
    expect(ledger.size()).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
