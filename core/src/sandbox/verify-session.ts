// Verify sessions as the sandbox keeps them: the status a session has now (a lapsed code is expired without anything
// running when it lapses), the recipient's open session that a new send joins, fresh codes, and the session record
// in Plivo's JSON shape (see core/src/plivo/verify-schemas.ts for the fields the SDKs read).
import { randomInt } from 'node:crypto';
import { DEFAULT_VERIFY_APP_UUID, VERIFY_CHARGES, voiceAttemptStatus } from './data/verify.js';
import type { SandboxState, SandboxVerifySession, VerifySessionStatus } from './state.js';

export function sessionStatus(session: SandboxVerifySession, now: number): VerifySessionStatus {
  return session.status === 'in-progress' && now >= session.expiresAt ? 'expired' : session.status;
}

/** The session a send to this recipient joins: same application, code still valid and not yet verified. */
export function openSessionFor(state: SandboxState, recipient: string, appUuid: string, now: number): SandboxVerifySession | undefined {
  for (const session of state.verifySessions.values()) {
    if (session.recipient === recipient && session.appUuid === appUuid && sessionStatus(session, now) === 'in-progress') {
      return session;
    }
  }
  return undefined;
}

/** A code of `length` digits from the system's secure generator (it may start with 0, like Plivo's). */
export function newCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(randomInt(10));
  return code;
}

/** `2023-06-01T08:52:39.363253Z`, Plivo's Verify time format (the sandbox has milliseconds). */
function verifyTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, '000Z');
}

/** Sums Plivo's 5-decimal amounts exactly (in 1/100,000ths). */
function sum(amounts: readonly string[]): string {
  return (amounts.reduce((total, amount) => total + Math.round(Number(amount) * 100_000), 0) / 100_000).toFixed(5);
}

/** A session as `GET …/Verify/Session/{uuid}/` and the list return it. */
export function sessionRecord(state: SandboxState, session: SandboxVerifySession, now: number): Record<string, unknown> {
  const attempts = session.attempts.map((attempt) => {
    const message = state.getMessage(attempt.messageUuid);
    const messageStatus = message?.status ?? 'queued';
    return {
      details: {
        channel: attempt.channel,
        attempt_uuid: attempt.messageUuid,
        status: attempt.channel === 'voice' ? voiceAttemptStatus(messageStatus) : messageStatus,
        time: verifyTime(attempt.at),
      },
      charge: {
        attempt_uuid: attempt.messageUuid,
        channel: attempt.channel,
        charge: attempt.channel === 'voice' ? VERIFY_CHARGES.voiceAttempt : (message?.totalAmount ?? '0.00000'),
      },
    };
  });
  const status = sessionStatus(session, now);
  const validationCharge = status === 'verified' ? VERIFY_CHARGES.validation : '0.00000';
  const attemptCharges = attempts.map((attempt) => attempt.charge);
  return {
    session_uuid: session.sessionUuid,
    app_uuid: session.appUuid,
    alias: session.appUuid === DEFAULT_VERIFY_APP_UUID ? 'Default Verify Application' : null,
    recipient: session.recipient,
    channel: session.attempts.at(-1)?.channel ?? 'sms',
    locale: session.locale,
    status,
    count: session.attempts.length,
    requestor_ip: session.requesterIp,
    destination_country_iso2: session.countryIso2,
    destination_network: session.network,
    attempt_details: attempts.map((attempt) => attempt.details),
    charges: {
      total_charge: sum([validationCharge, ...attemptCharges.map((charge) => charge.charge)]),
      validation_charge: validationCharge,
      attempt_charges: attemptCharges,
    },
    created_at: verifyTime(session.createdAt),
    updated_at: verifyTime(session.updatedAt),
  };
}
