// The sandbox's state as its data folder keeps it: what is saved, the file's format, its checks, and restoring.
//
// Saved: the account details, each number's alias and application (its wiring), applications, uploaded media
// records, opt-outs, the newest SAVED_MESSAGE_LIMIT messages and the newest SAVED_VERIFY_SESSION_LIMIT Verify
// sessions (files written before Verify existed read as having none). Not saved: callback attempts, counters and rate
// limit windows (they describe one run), and the numbers themselves — the options say which numbers the account
// has; a saved number the options no longer list is dropped, a new one starts unwired.
import { z } from 'zod/v4';
import { MESSAGE_INTENTS } from '../webhooks/index.js';
import type {
  SandboxAccountDetails,
  SandboxApplication,
  SandboxMedia,
  SandboxMessage,
  SandboxOptOut,
  SandboxState,
  SandboxVerifySession,
} from './state.js';

export const STATE_FORMAT = 'textbridge-sandbox-state';
export const STATE_VERSION = 1;
/**
 * The newest messages the file keeps; older ones are left out of it (the running sandbox keeps them all). Bounds
 * the file (a few MB) and the time each write takes.
 */
export const SAVED_MESSAGE_LIMIT = 5000;
/** The newest Verify sessions the file keeps (a session outlives its code by at most the list's 90 days on Plivo). */
export const SAVED_VERIFY_SESSION_LIMIT = 1000;

const method = z.enum(['GET', 'POST']);
const time = z.number().finite();
const digits = z.string().regex(/^\d{1,15}$/, 'should be a phone number in digits');

const accountSchema: z.ZodType<SandboxAccountDetails> = z.object({
  name: z.string(),
  city: z.string(),
  address: z.string(),
  state: z.string(),
  timezone: z.string(),
});

const applicationSchema: z.ZodType<SandboxApplication> = z.object({
  appId: z.string().min(1),
  appName: z.string(),
  answerUrl: z.string(),
  answerMethod: method,
  hangupUrl: z.string(),
  hangupMethod: method,
  fallbackAnswerUrl: z.string(),
  fallbackMethod: method,
  messageUrl: z.string(),
  messageMethod: method,
  defaultNumberApp: z.boolean(),
  defaultEndpointApp: z.boolean(),
  logIncomingMessages: z.boolean(),
  publicUri: z.boolean(),
  createdAt: time,
});

const mediaSchema: z.ZodType<SandboxMedia> = z.object({
  mediaId: z.string().min(1),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  uploadedAt: time,
});

const optOutSchema: z.ZodType<SandboxOptOut> = z.object({
  phone: digits,
  sender: digits,
  at: time,
  acknowledgedBy: z.string().nullable(),
});

const messageSchema: z.ZodType<SandboxMessage> = z.object({
  uuid: z.string().min(1),
  direction: z.enum(['outbound', 'inbound']),
  src: z.string(),
  dst: z.string(),
  text: z.string(),
  type: z.enum(['sms', 'mms']),
  mediaUrls: z.array(z.string()),
  status: z.enum(['queued', 'sent', 'failed', 'delivered', 'undelivered', 'received']),
  errorCode: z.string().nullable(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  segmentCount: z.number().int().min(0),
  units: z.number().int().min(0),
  totalRate: z.string(),
  totalAmount: z.string(),
  countryIso2: z.string(),
  mcc: z.string(),
  mnc: z.string(),
  powerpackUuid: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  callbackMethod: method,
  log: z.boolean(),
  trackable: z.boolean(),
  messageExpirySeconds: z.number().int().min(0),
  intent: z.enum([...MESSAGE_INTENTS, '']),
  origin: z.enum(['api', 'xml-reply', 'auto-reply', 'phone', 'verify']),
  requesterIp: z.string(),
  createdAt: time,
  sentAt: time.nullable(),
  finishedAt: time.nullable(),
  updatedAt: time,
  callbackSequence: z.number().int().min(0),
});

const verifySessionSchema: z.ZodType<SandboxVerifySession> = z.object({
  sessionUuid: z.string().min(1),
  appUuid: z.string().min(1),
  recipient: digits,
  countryIso2: z.string(),
  network: z.string(),
  locale: z.string(),
  brandName: z.string().nullable(),
  appHash: z.string().nullable(),
  code: z.string().regex(/^\d{4,8}$/, 'should be a code of 4 to 8 digits'),
  status: z.enum(['in-progress', 'verified', 'expired']),
  attempts: z.array(z.object({ messageUuid: z.string().min(1), channel: z.enum(['sms', 'voice']), at: time })),
  checks: z.number().int().min(0),
  requesterIp: z.string(),
  createdAt: time,
  updatedAt: time,
  expiresAt: time,
});

const savedNumberSchema = z.object({ number: digits, alias: z.string().nullable(), appId: z.string().nullable() });

const savedStateSchema = z.object({
  format: z.literal(STATE_FORMAT),
  version: z.literal(STATE_VERSION),
  savedAt: z.string(),
  account: accountSchema,
  numbers: z.array(savedNumberSchema),
  applications: z.array(applicationSchema),
  media: z.array(mediaSchema),
  optOuts: z.array(optOutSchema),
  messages: z.array(messageSchema),
  verifySessions: z.array(verifySessionSchema).default([]),
});

export type SavedState = z.output<typeof savedStateSchema>;

export function snapshotState(state: SandboxState): SavedState {
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    savedAt: new Date().toISOString(),
    account: { ...state.account },
    numbers: [...state.numbers.values()].map(({ number, alias, appId }) => ({ number, alias, appId })),
    applications: [...state.applications.values()],
    media: [...state.media.values()],
    optOuts: state.optOuts,
    messages: state.messages.slice(-SAVED_MESSAGE_LIMIT),
    verifySessions: [...state.verifySessions.values()].slice(-SAVED_VERIFY_SESSION_LIMIT),
  };
}

/** Checks parsed file content; a problem is described with the path of the first wrong value. */
export function readSavedState(json: unknown): { ok: true; saved: SavedState } | { ok: false; problem: string } {
  const header = z.object({ format: z.literal(STATE_FORMAT), version: z.number() }).safeParse(json);
  if (!header.success) return { ok: false, problem: `it is not a Textbridge sandbox state file (no "format": "${STATE_FORMAT}")` };
  if (header.data.version !== STATE_VERSION) {
    return {
      ok: false,
      problem: `it has format version ${header.data.version}; this sandbox reads version ${STATE_VERSION} (written by a ${header.data.version > STATE_VERSION ? 'newer' : 'older'} Textbridge)`,
    };
  }
  const parsed = savedStateSchema.safeParse(json);
  if (parsed.success) return { ok: true, saved: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
  return { ok: false, problem: `${path || 'its content'} ${issue?.message ?? 'is invalid'}` };
}

/**
 * Puts saved state into a fresh SandboxState (its numbers already set from the options). Returns the outbound
 * messages that had not finished, for the carrier to resume.
 */
export function restoreState(state: SandboxState, saved: SavedState): SandboxMessage[] {
  Object.assign(state.account, saved.account);
  for (const app of saved.applications) state.applications.set(app.appId, app);
  for (const media of saved.media) state.media.set(media.mediaId, media);
  for (const entry of saved.numbers) {
    const number = state.numbers.get(entry.number);
    if (!number) continue;
    number.alias = entry.alias;
    number.appId = entry.appId !== null && state.applications.has(entry.appId) ? entry.appId : null;
  }
  for (const optOut of saved.optOuts) state.putOptOut(optOut);
  for (const message of saved.messages) state.addMessage(message);
  for (const session of saved.verifySessions) state.verifySessions.set(session.sessionUuid, session);
  return saved.messages.filter((message) => message.direction === 'outbound' && (message.status === 'queued' || message.status === 'sent'));
}
