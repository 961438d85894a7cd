// The sandbox "carrier": moves accepted messages through Plivo's lifecycle (queued -> sent -> delivered, or
// failed/undelivered by the rules in data/delivery-rules.ts), sends the signed status callbacks with Plivo's retries,
// and handles texts from virtual phones: keywords and opt-outs (keywords.ts), the inbound webhook, and XML replies.
import { randomUUID } from 'node:crypto';
import {
  DELIVERED_ERROR_CODE,
  DELIVERY_RULES,
  EXPIRED_ERROR_CODE,
  OPTED_OUT_ERROR_CODE,
  type DeliveryRuleOutcome,
} from './data/delivery-rules.js';
import type { SandboxEventBus } from './events.js';
import { carrierIntent, passesOptOut } from './keywords.js';
import { carrierNetwork, countryCarrierData, parsePlivoNumber, type ParsedNumber } from './numbers.js';
import type { ResolvedSandboxOptions } from './options.js';
import { analyzeText, MESSAGE_EXPIRY_RANGE, readMethod } from './send-params.js';
import type {
  CallbackAttempt,
  HttpMethod,
  MessageOrigin,
  MessageStatus,
  MessageType,
  SandboxMessage,
  SandboxNumber,
  SandboxState,
} from './state.js';
import { callbackTime } from './time-format.js';
import { deliverWebhook } from './webhook-delivery.js';
import { parseXmlReply } from './xml-reply.js';

/** An outbound message about to be accepted (from the API, an XML reply or an auto-reply). */
export interface OutboundDraft {
  src: string;
  dst: ParsedNumber;
  text: string;
  type: MessageType;
  mediaUrls: string[];
  encoding: 'GSM-7' | 'UCS-2';
  segmentCount: number;
  powerpackUuid: string | null;
  callbackUrl: string | null;
  callbackMethod: HttpMethod;
  log: boolean;
  trackable: boolean;
  messageExpirySeconds: number;
  origin: MessageOrigin;
  requesterIp: string;
}

export interface InboundText {
  from: ParsedNumber;
  to: SandboxNumber;
  text: string;
  type?: MessageType;
  mediaUrls?: string[];
}

interface DeliveryPlan {
  outcome: 'delivered' | DeliveryRuleOutcome;
  errorCode: string | null;
}

interface WebhookJob {
  kind: CallbackAttempt['kind'];
  messageUuid: string;
  url: string;
  method: HttpMethod;
  event: string;
  params: Record<string, string>;
  /** The traffic generation the job belongs to: once aborted (reset), the job is dropped. */
  signal: AbortSignal;
}

const FINAL_STATUSES: readonly MessageStatus[] = ['failed', 'delivered', 'undelivered'];

/** Amount = rate x units, computed in 1/100,000ths to keep Plivo's 5 decimals exact. */
function amount(rate: string, units: number): string {
  return ((Math.round(Number(rate) * 100_000) * units) / 100_000).toFixed(5);
}

export class SandboxCarrier {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** Aborted (and replaced) by cancelInFlight(): in-flight webhook calls of earlier traffic are dropped. */
  private generation = new AbortController();
  /** First attempts of a message's callbacks go out one after another, so receivers see them in order. */
  private readonly callbackChains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly state: SandboxState,
    private readonly events: SandboxEventBus,
    private readonly options: ResolvedSandboxOptions,
  ) {}

  /** Records an outbound message (exactly once) and starts its lifecycle. */
  acceptOutbound(draft: OutboundDraft): SandboxMessage {
    const now = Date.now();
    const units = draft.type === 'mms' ? 1 : Math.max(1, draft.segmentCount);
    const network = carrierNetwork(draft.dst);
    const message: SandboxMessage = {
      uuid: randomUUID(),
      direction: 'outbound',
      src: draft.src,
      dst: draft.dst.digits,
      text: draft.text,
      type: draft.type,
      mediaUrls: draft.mediaUrls,
      status: 'queued',
      errorCode: null,
      encoding: draft.encoding,
      segmentCount: draft.segmentCount,
      units,
      totalRate: countryCarrierData(draft.dst.countryIso2).smsRate,
      totalAmount: '0.00000',
      countryIso2: draft.dst.countryIso2,
      mcc: network.mcc,
      mnc: network.mnc,
      powerpackUuid: draft.powerpackUuid,
      callbackUrl: draft.callbackUrl,
      callbackMethod: draft.callbackMethod,
      log: draft.log,
      trackable: draft.trackable,
      messageExpirySeconds: draft.messageExpirySeconds,
      intent: '',
      origin: draft.origin,
      requesterIp: draft.requesterIp,
      createdAt: now,
      sentAt: null,
      finishedAt: null,
      updatedAt: now,
      callbackSequence: 0,
    };
    this.state.addMessage(message);
    this.events.publish('message.created', `${message.origin} message to +${message.dst} queued`, { message });
    if (message.callbackUrl) this.queueStatusCallback(message);
    this.schedule(message, this.planDelivery(message));
    return message;
  }

  /** A text typed on a virtual phone (or posted to /__sandbox/inbound) reaching one of the account's numbers. */
  receiveInbound(input: InboundText): SandboxMessage {
    const now = Date.now();
    const type = input.type ?? 'sms';
    const { encoding, segmentCount } = analyzeText(input.text);
    const intent = carrierIntent(input.to, input.text);
    const message: SandboxMessage = {
      uuid: randomUUID(),
      direction: 'inbound',
      src: input.from.digits,
      dst: input.to.number,
      text: input.text,
      type,
      mediaUrls: input.mediaUrls ?? [],
      status: 'received',
      errorCode: null,
      encoding,
      segmentCount,
      units: type === 'mms' ? 1 : Math.max(1, segmentCount),
      totalRate: '0.00000',
      totalAmount: '0.00000',
      countryIso2: input.to.countryIso2,
      mcc: '',
      mnc: '',
      powerpackUuid: null,
      callbackUrl: null,
      callbackMethod: 'POST',
      log: true,
      trackable: false,
      messageExpirySeconds: MESSAGE_EXPIRY_RANGE.default,
      intent,
      origin: 'phone',
      requesterIp: '',
      createdAt: now,
      sentAt: null,
      finishedAt: null,
      updatedAt: now,
      callbackSequence: 0,
    };
    this.state.addMessage(message);
    this.events.publish('message.created', `+${message.src} texted +${message.dst}`, { message });
    this.applyKeyword(message, input);

    const app = input.to.appId === null ? undefined : this.state.applications.get(input.to.appId);
    if (app && app.messageUrl) {
      this.track(
        this.deliverInbound(message, input, {
          kind: 'inbound',
          messageUuid: message.uuid,
          url: app.messageUrl,
          method: app.messageMethod,
          event: 'inbound',
          params: this.inboundParams(message),
          signal: this.generation.signal,
        }),
      );
    } else {
      this.events.publish('inbound.webhook', `+${message.dst} has no application with a message_url: not forwarded`, {
        messageUuid: message.uuid,
      });
    }
    return message;
  }

  /**
   * Drops every pending lifecycle step, callback and retry, and aborts webhook calls in flight (sandbox reset):
   * nothing from earlier traffic reaches a receiver afterwards.
   */
  cancelInFlight(): void {
    this.generation.abort();
    this.generation = new AbortController();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.callbackChains.clear();
  }

  /** Cancels everything in flight and waits for aborted webhook calls to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelInFlight();
    await Promise.allSettled([...this.pending]);
  }

  /**
   * Picks up outbound messages restored from the data folder that had not reached a final state when the sandbox
   * stopped: queued ones go through their whole lifecycle again, sent ones get their delivery report.
   */
  resume(message: SandboxMessage): void {
    if (message.direction !== 'outbound') return;
    if (message.status === 'queued') this.schedule(message, this.planDelivery(message));
    else if (message.status === 'sent') this.reportDelivery(message, this.ruleOutcome(message));
  }

  private planDelivery(message: SandboxMessage): DeliveryPlan {
    const optOut = this.state.getOptOut(message.dst, message.src);
    if (optOut && !passesOptOut(optOut, message, this.options.optOutAcknowledgementWindowMs)) {
      return { outcome: 'failed', errorCode: OPTED_OUT_ERROR_CODE };
    }
    return this.ruleOutcome(message);
  }

  /** The outcome the destination rules give (data/delivery-rules.ts); delivered for every other number. */
  private ruleOutcome(message: SandboxMessage): DeliveryPlan {
    const rule = DELIVERY_RULES.find((candidate) => message.dst.endsWith(candidate.suffix));
    if (rule) return { outcome: rule.outcome, errorCode: rule.errorCode };
    return { outcome: 'delivered', errorCode: DELIVERED_ERROR_CODE };
  }

  private schedule(message: SandboxMessage, plan: DeliveryPlan): void {
    const step = this.options.deliveryDelayMs;
    const expiryMs = message.messageExpirySeconds * 1000 * this.options.expiryScale;
    if (plan.outcome === 'congested' || step > expiryMs) {
      this.later(expiryMs, () => this.transition(message, 'failed', EXPIRED_ERROR_CODE));
      return;
    }
    this.later(step, () => {
      if (plan.outcome === 'failed') {
        this.transition(message, 'failed', plan.errorCode);
        return;
      }
      this.transition(message, 'sent', null);
      this.reportDelivery(message, plan);
    });
  }

  /** sent -> delivered / undelivered one step later (or never, for a no-report destination). */
  private reportDelivery(message: SandboxMessage, plan: DeliveryPlan): void {
    if (plan.outcome === 'no-report' || plan.outcome === 'failed' || plan.outcome === 'congested') return;
    this.later(this.options.deliveryDelayMs, () =>
      plan.outcome === 'delivered'
        ? this.transition(message, 'delivered', DELIVERED_ERROR_CODE)
        : this.transition(message, 'undelivered', plan.errorCode),
    );
  }

  private later(ms: number, run: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private transition(message: SandboxMessage, status: MessageStatus, errorCode: string | null): void {
    const now = Date.now();
    message.status = status;
    message.errorCode = errorCode;
    message.updatedAt = now;
    if (status === 'sent') {
      message.sentAt = now;
      message.totalAmount = amount(message.totalRate, message.units);
    }
    if (FINAL_STATUSES.includes(status)) message.finishedAt = now;
    this.events.publish('message.status', `message to +${message.dst} ${status}${errorCode && status !== 'delivered' ? ` (error ${errorCode})` : ''}`, {
      uuid: message.uuid,
      status,
      errorCode,
      updatedAt: now,
    });
    if (message.callbackUrl) this.queueStatusCallback(message);
  }

  /** Plivo's status callback fields, frozen at the moment of the change (retries resend the same content). */
  private statusParams(message: SandboxMessage): Record<string, string> {
    message.callbackSequence += 1;
    const params: Record<string, string> = {
      MessageUUID: message.uuid,
      ParentMessageUUID: message.uuid,
      // One callback per status covers the whole (possibly multipart) message.
      PartInfo: '1 of 1',
      To: message.dst,
      From: message.src,
      Type: message.type,
      Status: message.status,
      Units: String(message.units),
      TotalRate: message.totalRate,
      TotalAmount: message.totalAmount,
      MCC: message.mcc,
      MNC: message.mnc,
      Sequence: String(message.callbackSequence),
      MessageTime: callbackTime(message.createdAt),
      QueuedTime: callbackTime(message.createdAt),
      requester_ip: message.requesterIp,
      PowerpackUUID: message.powerpackUuid ?? '',
    };
    if (message.sentAt !== null) params.SentTime = callbackTime(message.sentAt);
    if (message.status === 'delivered' || message.status === 'undelivered') {
      params.DeliveryReportTime = callbackTime(message.updatedAt);
    }
    if ((message.status === 'failed' || message.status === 'undelivered') && message.errorCode !== null) {
      params.ErrorCode = message.errorCode;
    }
    return params;
  }

  private queueStatusCallback(message: SandboxMessage): void {
    if (!message.callbackUrl) return;
    const job: WebhookJob = {
      kind: 'status',
      messageUuid: message.uuid,
      url: message.callbackUrl,
      method: message.callbackMethod,
      event: message.status,
      params: this.statusParams(message),
      signal: this.generation.signal,
    };
    const previous = this.callbackChains.get(message.uuid) ?? Promise.resolve();
    const next = previous.then(() => this.attemptStatusCallback(job, 0));
    this.callbackChains.set(message.uuid, next);
    this.track(
      next.finally(() => {
        if (this.callbackChains.get(message.uuid) === next) this.callbackChains.delete(message.uuid);
      }),
    );
  }

  /** One try; on no 2xx answer, schedules the next try after the configured delay (not blocking later statuses). */
  private async attemptStatusCallback(job: WebhookJob, attempt: number): Promise<void> {
    const ok = await this.callWebhook(job, attempt);
    if (ok !== null && ok.status !== null && ok.status >= 200 && ok.status < 300) return;
    const delay = this.options.callbackRetryDelaysMs[attempt];
    if (delay === undefined) return;
    this.later(delay, () => this.track(this.attemptStatusCallback(job, attempt + 1)));
  }

  private async callWebhook(job: WebhookJob, attempt: number) {
    const { signal } = job;
    if (signal.aborted) return null;
    const result = await deliverWebhook({
      url: job.url,
      method: job.method,
      params: job.params,
      authToken: this.options.authToken,
      timeoutMs: this.options.callbackTimeoutMs,
      signal,
    });
    if (signal.aborted) return null;
    const record: CallbackAttempt = {
      kind: job.kind,
      messageUuid: job.messageUuid,
      url: job.url,
      method: job.method,
      event: job.event,
      attempt: attempt + 1,
      responseStatus: result.status,
      error: result.error,
      at: Date.now(),
    };
    this.state.callbacks.push(record);
    const outcome = result.status === null ? (result.error ?? 'no answer') : `HTTP ${result.status}`;
    this.events.publish(
      job.kind === 'status' ? 'callback.attempt' : 'inbound.webhook',
      `${job.kind === 'status' ? `status callback "${job.event}"` : 'inbound webhook'} ${job.method} ${job.url} (try ${attempt + 1}): ${outcome}`,
      { ...record },
    );
    return result;
  }

  private inboundParams(message: SandboxMessage): Record<string, string> {
    const params: Record<string, string> = {
      From: message.src,
      To: message.dst,
      Type: message.type,
      MessageUUID: message.uuid,
      Units: String(message.units),
      TotalRate: message.totalRate,
      TotalAmount: message.totalAmount,
      MessageIntent: message.intent,
      PowerpackUUID: '',
    };
    if (message.type === 'mms') {
      params.Body = message.text;
      params.MediaCount = String(message.mediaUrls.length);
      message.mediaUrls.forEach((url, index) => (params[`Media${index + 1}`] = url));
    } else {
      params.Text = message.text;
    }
    return params;
  }

  /** Inbound messages end `delivered` when the message_url answered 2xx, else `undelivered` (no retries). */
  private async deliverInbound(message: SandboxMessage, input: InboundText, job: WebhookJob): Promise<void> {
    const result = await this.callWebhook(job, 0);
    if (result === null) return;
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const now = Date.now();
    message.status = delivered ? 'delivered' : 'undelivered';
    message.updatedAt = now;
    message.finishedAt = now;
    this.events.publish('message.status', `inbound message from +${message.src} ${message.status}`, {
      uuid: message.uuid,
      status: message.status,
      errorCode: null,
      updatedAt: now,
    });
    if (delivered) this.sendXmlReplies(result.body, input);
  }

  private sendXmlReplies(body: string, input: InboundText): void {
    for (const reply of parseXmlReply(body)) {
      const dst = reply.dst === undefined ? input.from : parsePlivoNumber(reply.dst);
      if (dst === undefined || reply.text === '') {
        this.events.publish('inbound.webhook', `ignored an XML <Message> without a valid dst and text`, { reply });
        continue;
      }
      let analysis: ReturnType<typeof analyzeText>;
      let callbackMethod: HttpMethod;
      try {
        analysis = analyzeText(reply.text);
        callbackMethod = readMethod(reply.callbackMethod, 'callbackMethod');
      } catch {
        this.events.publish('inbound.webhook', `ignored an XML <Message> Plivo would reject (text or callbackMethod)`, {
          reply,
        });
        continue;
      }
      this.acceptOutbound({
        src: reply.src?.replace(/\D/g, '') || input.to.number,
        dst,
        text: reply.text,
        type: 'sms',
        mediaUrls: [],
        ...analysis,
        powerpackUuid: null,
        callbackUrl: reply.callbackUrl ?? null,
        callbackMethod,
        log: true,
        trackable: false,
        messageExpirySeconds: MESSAGE_EXPIRY_RANGE.default,
        origin: 'xml-reply',
        requesterIp: '',
      });
    }
  }

  /** What the carrier does with a keyword (the intent is '' where the application handles keywords). */
  private applyKeyword(message: SandboxMessage, input: InboundText): void {
    if (message.intent === '') return;
    if (message.intent === 'optout' || message.intent === 'optin') {
      const optedOut = message.intent === 'optout';
      this.state.setOptedOut(message.src, message.dst, optedOut, message.createdAt);
      this.events.publish('optout.changed', `+${message.src} ${optedOut ? 'opted out of' : 'opted back in to'} +${message.dst}`, {
        phone: message.src,
        sender: message.dst,
        optedOut,
      });
    }
    const autoReply = input.to.keywordReplies[message.intent];
    if (autoReply === null) return;
    const reply = this.acceptOutbound({
      src: input.to.number,
      dst: input.from,
      text: autoReply,
      type: 'sms',
      mediaUrls: [],
      ...analyzeText(autoReply),
      powerpackUuid: null,
      callbackUrl: null,
      callbackMethod: 'POST',
      log: true,
      trackable: false,
      messageExpirySeconds: MESSAGE_EXPIRY_RANGE.default,
      origin: 'auto-reply',
      requesterIp: '',
    });
    // The carrier's confirmation is the one message an opted-out phone gets after its STOP (keywords.ts).
    const optOut = message.intent === 'optout' ? this.state.getOptOut(message.src, message.dst) : undefined;
    if (optOut) optOut.acknowledgedBy = reply.uuid;
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}
