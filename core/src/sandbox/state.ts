// Everything the sandbox remembers. Tests read it directly (no rate limits) to check "no duplicates, none lost".
import type { MessageIntent } from '../webhooks/index.js';
import type { KeywordHandling } from './data/keywords.js';

export type MessageDirection = 'outbound' | 'inbound';
export type MessageStatus = 'queued' | 'sent' | 'failed' | 'delivered' | 'undelivered' | 'received';
export type MessageType = 'sms' | 'mms';
export type MessageOrigin = 'api' | 'xml-reply' | 'auto-reply' | 'phone' | 'verify';
export type HttpMethod = 'GET' | 'POST';

export interface SandboxMessage {
  uuid: string;
  direction: MessageDirection;
  /** Sender: Plivo's digits for numbers (e.g. "14155552671"), or the alphanumeric sender ID. */
  src: string;
  /** Recipient in Plivo's digits. */
  dst: string;
  text: string;
  type: MessageType;
  mediaUrls: string[];
  status: MessageStatus;
  /** "000" once delivered, a Plivo delivery error code after failed/undelivered, null before. */
  errorCode: string | null;
  encoding: 'GSM-7' | 'UCS-2';
  segmentCount: number;
  /** Billing units: segments for SMS, 1 for MMS. */
  units: number;
  totalRate: string;
  totalAmount: string;
  countryIso2: string;
  mcc: string;
  mnc: string;
  powerpackUuid: string | null;
  callbackUrl: string | null;
  callbackMethod: HttpMethod;
  log: boolean;
  trackable: boolean;
  messageExpirySeconds: number;
  /**
   * Inbound only: Plivo's `MessageIntent`, what a STOP/HELP/START keyword meant — set only on numbers whose carrier
   * handles keywords (US/CA by default), empty for other texts and elsewhere.
   */
  intent: MessageIntent | '';
  origin: MessageOrigin;
  requesterIp: string;
  createdAt: number;
  sentAt: number | null;
  /** When the message reached delivered/undelivered/failed (or, inbound, when the webhook answered). */
  finishedAt: number | null;
  updatedAt: number;
  /** Number of status callbacks generated so far (Plivo's `Sequence`). */
  callbackSequence: number;
}

export interface SandboxApplication {
  appId: string;
  appName: string;
  answerUrl: string;
  answerMethod: HttpMethod;
  hangupUrl: string;
  hangupMethod: HttpMethod;
  fallbackAnswerUrl: string;
  fallbackMethod: HttpMethod;
  messageUrl: string;
  messageMethod: HttpMethod;
  defaultNumberApp: boolean;
  defaultEndpointApp: boolean;
  logIncomingMessages: boolean;
  publicUri: boolean;
  createdAt: number;
}

export interface SandboxNumber {
  /** Plivo's digits, e.g. "14155552671". */
  number: string;
  e164: string;
  alias: string | null;
  appId: string | null;
  numberType: 'local' | 'tollfree' | 'mobile';
  countryIso2: string;
  smsEnabled: boolean;
  mmsEnabled: boolean;
  voiceEnabled: boolean;
  addedAt: number;
  /** Who deals with STOP/HELP/START texts to this number (see data/keywords.ts). */
  keywordHandling: KeywordHandling;
  /** The carrier's answers by intent (null: none), when `keywordHandling` is `carrier`. */
  keywordReplies: Record<MessageIntent, string | null>;
}

export interface CallbackAttempt {
  kind: 'status' | 'inbound';
  messageUuid: string;
  url: string;
  method: HttpMethod;
  /** Status the callback reported (status callbacks) or "inbound". */
  event: string;
  attempt: number;
  /** HTTP status of the receiver's answer, or null when it did not answer in time / refused the connection. */
  responseStatus: number | null;
  error: string | null;
  at: number;
}

export interface FaultCounts {
  error500: number;
  error503: number;
  reset: number;
  slow: number;
}

export interface RequestCounts {
  total: number;
  unauthorized: number;
  rateLimited: number;
}

function optOutKey(phone: string, sender: string): string {
  return `${phone}>${sender}`;
}

/** A phone that texted STOP to one of the account's numbers (Plivo digits both). */
export interface SandboxOptOut {
  phone: string;
  sender: string;
  /** When the STOP arrived. */
  at: number;
  /**
   * The message that used up the one delivery allowed after the STOP (the carrier's confirmation or the
   * application's acknowledgement), or null while it is still available.
   */
  acknowledgedBy: string | null;
}

/** A file uploaded through the Media API (`POST …/Media/`), for MMS `media_ids`. The bytes are not kept. */
export interface SandboxMedia {
  mediaId: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: number;
}

export type VerifyChannel = 'sms' | 'voice';
export type VerifySessionStatus = 'in-progress' | 'verified' | 'expired';

/** One delivery of a session's code: a text (or, for voice, a call shown as a text) recorded as a message. */
export interface SandboxVerifyAttempt {
  /** The message carrying the code (Plivo's `attempt_uuid`). */
  messageUuid: string;
  channel: VerifyChannel;
  at: number;
}

/**
 * A Verify session (`…/Verify/Session/`): one per recipient while its code is valid. Its status is stored as last
 * decided; `expired` by time is worked out when read (verify-session.ts), so nothing has to run when it lapses.
 */
export interface SandboxVerifySession {
  sessionUuid: string;
  appUuid: string;
  /** Recipient in Plivo's digits. */
  recipient: string;
  countryIso2: string;
  network: string;
  locale: string;
  brandName: string | null;
  appHash: string | null;
  /** The one-time code; exposed to tests and the page through /__sandbox/state, never by the Plivo API. */
  code: string;
  status: VerifySessionStatus;
  attempts: SandboxVerifyAttempt[];
  /** Codes checked so far (right or wrong). */
  checks: number;
  requesterIp: string;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** The account's editable details (`POST /v1/Account/{id}/`). */
export interface SandboxAccountDetails {
  name: string;
  city: string;
  address: string;
  state: string;
  timezone: string;
}

export class SandboxState {
  readonly account: SandboxAccountDetails = { name: 'Textbridge Sandbox', city: '', address: '', state: '', timezone: 'Etc/UTC' };
  /** Every accepted message exactly once, in acceptance order (outbound and inbound). */
  readonly messages: SandboxMessage[] = [];
  readonly applications = new Map<string, SandboxApplication>();
  /** Uploaded media by id, in upload order (kept by reset, like numbers and applications). */
  readonly media = new Map<string, SandboxMedia>();
  /** Keyed by Plivo digits. */
  readonly numbers = new Map<string, SandboxNumber>();
  readonly callbacks: CallbackAttempt[] = [];
  readonly faultCounts: FaultCounts = { error500: 0, error503: 0, reset: 0, slow: 0 };
  readonly requestCounts: RequestCounts = { total: 0, unauthorized: 0, rateLimited: 0 };
  /** Verify sessions by UUID, in creation order (traffic: cleared by reset). */
  readonly verifySessions = new Map<string, SandboxVerifySession>();
  private readonly messagesByUuid = new Map<string, SandboxMessage>();
  private readonly optOutPairs = new Map<string, SandboxOptOut>();

  addMessage(message: SandboxMessage): void {
    this.messages.push(message);
    this.messagesByUuid.set(message.uuid, message);
  }

  getMessage(uuid: string): SandboxMessage | undefined {
    return this.messagesByUuid.get(uuid);
  }

  /** True when `phone` texted STOP to `sender` (and not START since). */
  isOptedOut(phone: string, sender: string): boolean {
    return this.optOutPairs.has(optOutKey(phone, sender));
  }

  getOptOut(phone: string, sender: string): SandboxOptOut | undefined {
    return this.optOutPairs.get(optOutKey(phone, sender));
  }

  /** A STOP (a fresh opt-out, even when already opted out) or a START (`optedOut` false). */
  setOptedOut(phone: string, sender: string, optedOut: boolean, at = Date.now()): void {
    if (optedOut) this.putOptOut({ phone, sender, at, acknowledgedBy: null });
    else this.optOutPairs.delete(optOutKey(phone, sender));
  }

  putOptOut(optOut: SandboxOptOut): void {
    this.optOutPairs.set(optOutKey(optOut.phone, optOut.sender), optOut);
  }

  /** Opted-out pairs, in the order they opted out. */
  get optOuts(): SandboxOptOut[] {
    return [...this.optOutPairs.values()];
  }

  /** Forgets messages, callbacks, opt-outs, Verify sessions and counters; keeps numbers and applications. */
  clearTraffic(): void {
    this.messages.length = 0;
    this.messagesByUuid.clear();
    this.callbacks.length = 0;
    this.optOutPairs.clear();
    this.verifySessions.clear();
    for (const key of Object.keys(this.faultCounts) as (keyof FaultCounts)[]) this.faultCounts[key] = 0;
    for (const key of Object.keys(this.requestCounts) as (keyof RequestCounts)[]) this.requestCounts[key] = 0;
  }
}
