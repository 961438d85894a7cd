// Reconciles what a sender reported for each input with what the sandbox (standing in for Plivo) accepted, so a
// fault-injection run can prove "exactly one result per input, nothing sent twice, nothing accepted yet reported failed".
import type { SandboxMessage } from '../../../core/src/index.js';

/** One result as a host reports it: `sent` (Plivo accepted it), `unknown` (DELIVERY_UNKNOWN) or `failed` with a code. */
export interface ReportedOutcome {
  /** The input's key (see inputKey). */
  key: string;
  outcome: 'sent' | 'unknown' | 'failed';
  code?: string;
  messageUuids?: string[];
}

export interface FaultFigures {
  inputs: number;
  results: number;
  sent: number;
  retried: number;
  unknown: number;
  failed: number;
  failedByCode: Record<string, number>;
  /** Messages the sandbox accepted for these inputs. */
  accepted: number;
  /** Inputs the sandbox accepted more than once. */
  duplicates: number;
  /** Inputs accepted by the sandbox but reported as failed, plus inputs without a result. */
  lost: number;
  /** Inputs reported sent whose UUID the sandbox never issued. */
  phantom: number;
  /** Inputs with more than one result. */
  doubleResults: number;
  faults: Record<string, number>;
}

/** The mark faultInputAt puts in each text, `[tb:<tag>]`, so the sandbox's record can be traced back to its input. */
const TAG = /\[tb:([A-Za-z0-9_-]+)\]/;

/**
 * An input is identified by its text's tag and its destination: personalised texts carry a tag of their own, identical
 * texts (sent together as one bulk `dst`) share a tag and differ by destination.
 */
export function inputKey(tag: string, destination: string): string {
  return `${tag}>${destination.replace(/\D/g, '')}`;
}

export function messageKey(message: Pick<SandboxMessage, 'text' | 'dst'>): string | undefined {
  const tag = TAG.exec(message.text)?.[1];
  return tag === undefined ? undefined : inputKey(tag, message.dst);
}

export function auditFaultRun(input: {
  inputKeys: readonly string[];
  outcomes: readonly ReportedOutcome[];
  /** Every message the sandbox accepted during the run (others' messages are ignored by key). */
  accepted: readonly Pick<SandboxMessage, 'text' | 'dst' | 'uuid'>[];
  retried: number;
  faults: Record<string, number>;
}): FaultFigures {
  const known = new Set(input.inputKeys);
  const acceptedByKey = new Map<string, string[]>();
  for (const message of input.accepted) {
    const key = messageKey(message);
    if (key === undefined || !known.has(key)) continue;
    acceptedByKey.set(key, [...(acceptedByKey.get(key) ?? []), message.uuid]);
  }
  const acceptedUuids = new Set([...acceptedByKey.values()].flat());
  const resultsByKey = new Map<string, ReportedOutcome[]>();
  for (const outcome of input.outcomes) resultsByKey.set(outcome.key, [...(resultsByKey.get(outcome.key) ?? []), outcome]);

  const failedByCode: Record<string, number> = {};
  let sent = 0;
  let unknown = 0;
  let failed = 0;
  let lost = 0;
  let phantom = 0;
  let doubleResults = 0;
  for (const key of input.inputKeys) {
    const results = resultsByKey.get(key) ?? [];
    if (results.length > 1) doubleResults++;
    const result = results[0];
    if (!result) {
      lost++;
      continue;
    }
    if (result.outcome === 'sent') {
      sent++;
      if (!(result.messageUuids ?? []).every((uuid) => acceptedUuids.has(uuid)) || (result.messageUuids ?? []).length === 0) phantom++;
    } else if (result.outcome === 'unknown') {
      unknown++;
    } else {
      failed++;
      failedByCode[result.code ?? 'none'] = (failedByCode[result.code ?? 'none'] ?? 0) + 1;
      if (acceptedByKey.has(key)) lost++;
    }
  }
  return {
    inputs: input.inputKeys.length,
    results: input.outcomes.length,
    sent,
    retried: input.retried,
    unknown,
    failed,
    failedByCode,
    accepted: [...acceptedByKey.values()].reduce((sum, uuids) => sum + uuids.length, 0),
    duplicates: [...acceptedByKey.values()].filter((uuids) => uuids.length > 1).length,
    lost,
    phantom,
    doubleResults,
    faults: input.faults,
  };
}

export function formatFigures(label: string, figures: FaultFigures): string {
  const codes = Object.entries(figures.failedByCode)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  const faults = Object.entries(figures.faults)
    .map(([fault, count]) => `${fault} ${count}`)
    .join(', ');
  return (
    `[reliability] ${label}: inputs ${figures.inputs}, sent ${figures.sent}, retried ${figures.retried}, ` +
    `unknown ${figures.unknown}, failed ${figures.failed}${codes ? ` (${codes})` : ''}, accepted by sandbox ${figures.accepted}, ` +
    `duplicates ${figures.duplicates}, lost ${figures.lost}, phantom ${figures.phantom} | injected: ${faults}`
  );
}

/** True when the suite runs its long variants (`npm run test:soak`). */
export const SOAK = process.env.TEXTBRIDGE_SOAK === '1';
