// The bulk sender: reads inputs (array or async iterable) through a look-ahead window, validates each one, groups
// them into Plivo bulk requests, sends those with bounded concurrency through a rate limiter, and hands out exactly
// one result per input, in input order.
//
// Batching and memory: a request leaves when it holds batchSize destinations. Partly filled requests leave early only
// when the window is full and the next result waits on one of them: then that one goes, with every other open request
// whose first input lies in the older half of the window (they would block next; together they keep the concurrent
// slots busy). So memory stays bounded by the window, and inputs of one group share full requests whenever the window
// spans them — 100,000 identical texts make 100 requests with any window of at least 1,000. sendBulk given an array
// (whose results it keeps anyway) spans the whole array: every group is merged, however the array is ordered. Only
// inputs whose text another input of the array shares wait for that; without smart encoding (which can turn two texts
// into one) a text nobody else has is sent at once, so a personalised array is not held parsed until its end.
// Reading also waits while the queue holds more requests than the concurrent slots can take soon: inputs sent at once
// must not pile up there instead.
import { isClock, missingClockError, type Clock } from '../clock.js';
import { TextbridgeError } from '../errors/index.js';
import { normalizeCountryCode, normalizePhoneNumber } from '../phone/index.js';
import { DEFAULT_MAX_RETRY_AFTER_MS, decideRetryAfter, isOverCap, retryAfterTooLong } from '../plivo/retry-after.js';
import type { CallOptions } from '../plivo/retry.js';
import { withDestinations, type SendFieldLabeler } from '../plivo/send-request.js';
import { parseInput } from '../plivo/validate.js';
import { BatchGrouper, type Batch } from './batches.js';
import { Fifo } from './fifo.js';
import {
  abortedResult,
  failure,
  heldResult,
  mapResponse,
  optedOutResult,
  requestFailure,
  type BulkSendResult,
} from './outcomes.js';
import { bulkFieldLabels, createMessagePreparer, type MessagePreparer, type PreparedMessage } from './prepare.js';
import { quietHoursDecision } from './quiet-hours.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import {
  bulkSendOptionsSchema,
  type BulkQuietHours,
  type BulkProgress,
  type BulkSendClient,
  type BulkSendOptions,
  type BulkSendMessage,
} from './schemas.js';

export const DEFAULT_CONCURRENCY = 10;
export const DEFAULT_BATCH_SIZE = 1000;
/**
 * A 429 is proof that nothing was sent, so the request is queued again, up to this many times, after the pause Plivo
 * asked for (at most maxRetryAfterMs; a longer one fails the request at once with RATE_LIMITED).
 */
export const MAX_RATE_LIMIT_REQUEUES = 5;
const MAX_DEFAULT_LOOK_AHEAD = 50_000;
/** Requests queued per concurrent slot before reading waits: enough to keep every slot busy. */
const QUEUED_PER_SLOT = 2;

export type BulkSendInput = Iterable<BulkSendMessage> | AsyncIterable<BulkSendMessage>;

/**
 * Sends every message and resolves with one result per input, in input order (`results[i].index === i`).
 * Never rejects for a single bad message (its result carries the error); rejects with a TextbridgeError only for
 * bad arguments or when reading an iterable fails. Given an array, it merges every group of identical messages into
 * the fewest requests whatever the order (its look-ahead spans the array, whose results it keeps anyway).
 */
export async function sendBulk(
  client: BulkSendClient,
  messages: BulkSendInput,
  options: BulkSendOptions = {},
): Promise<BulkSendResult[]> {
  const results: BulkSendResult[] = [];
  const wholeArray = Array.isArray(messages) && options?.lookAhead === undefined ? Math.max(1, messages.length) : undefined;
  for await (const result of startRun(client, messages, options, wholeArray)) results.push(result);
  return results;
}

/**
 * Streaming form of sendBulk: yields results in input order while later inputs are still being read and sent, so
 * memory stays bounded by `lookAhead` however many messages the iterable holds. Stopping the iteration early stops
 * reading and sending (requests already in flight complete). Throws TextbridgeError INVALID_INPUT at once for bad
 * arguments.
 */
export function sendBulkStream(
  client: BulkSendClient,
  messages: BulkSendInput,
  options: BulkSendOptions = {},
): AsyncGenerator<BulkSendResult, void, undefined> {
  return startRun(client, messages, options, undefined);
}

function startRun(
  client: BulkSendClient,
  messages: BulkSendInput,
  options: BulkSendOptions,
  lookAheadOverride: number | undefined,
): AsyncGenerator<BulkSendResult, void, undefined> {
  if (typeof client?.sendMessage !== 'function') {
    throw new TextbridgeError('INVALID_INPUT', 'Bulk send: client must be a Plivo client with sendMessage.', {
      field: 'client',
      hint: 'Pass the client made by createPlivoClient.',
    });
  }
  if (!isIterable(messages)) {
    throw new TextbridgeError('INVALID_INPUT', 'Bulk send: messages must be a list or an (async) iterable.', {
      field: 'messages',
    });
  }
  const settings = parseInput(bulkSendOptionsSchema, options ?? {}, 'Bulk send');
  const defaultCountry = normalizeCountryCode(settings.defaultCountry, 'defaultCountry');
  const concurrency = settings.concurrency ?? DEFAULT_CONCURRENCY;
  const batchSize = settings.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxRetryAfterMs = settings.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const quietHours = settings.quietHours;
  const clock = settings.clock ?? client.clock;
  // Without smart encoding the text sent is the text given, so equal texts are found before anything is parsed.
  const sendsTextAsGiven = settings.smartEncoding === undefined || settings.smartEncoding === false;
  if (quietHours !== undefined && !isClock(clock)) throw missingClockError('Bulk send with quiet hours', 'options.clock');
  const run = new BulkRun(client, messages, {
    concurrency,
    batchSize,
    lookAhead: settings.lookAhead ?? lookAheadOverride ?? Math.min(2 * batchSize * concurrency, MAX_DEFAULT_LOOK_AHEAD),
    maxRetryAfterMs,
    limiter: settings.rateLimiter ?? defaultLimiter(client, settings.clock, settings.maxRequestsPerSecond, maxRetryAfterMs),
    prepare: createMessagePreparer({ defaultCountry, smartEncoding: settings.smartEncoding, fieldLabels: settings.fieldLabels }),
    labelsFor: settings.fieldLabels ?? bulkFieldLabels,
    onProgress: settings.onProgress,
    signal: settings.signal,
    quietHoursFor: quietHours === undefined ? undefined : typeof quietHours === 'function' ? quietHours : () => quietHours,
    now: () => clock!.now(),
    optedOut: settings.optedOut === undefined ? undefined : readOptedOut(settings.optedOut, defaultCountry),
    repeatedTexts:
      lookAheadOverride !== undefined && sendsTextAsGiven ? repeatedTexts(messages as readonly unknown[]) : undefined,
  });
  return run.results();
}

/** The opted-out list as E.164 numbers; an entry that is no phone number is an error naming it. */
function readOptedOut(list: Iterable<unknown>, defaultCountry: string | undefined): Set<string> {
  const numbers = new Set<string>();
  let index = 0;
  for (const entry of list) {
    if (typeof entry === 'string' && entry.trim() === '') {
      index++;
      continue; // blank lines of a pasted list
    }
    numbers.add(normalizePhoneNumber(entry, defaultCountry, `optedOut[${index++}]`));
  }
  return numbers;
}

/** Stands for "no text" (an MMS without one, or an input that is no object): such inputs count as one text. */
const NO_TEXT = Symbol('no text');

function textOf(input: unknown): string | typeof NO_TEXT {
  const text = typeof input === 'object' && input !== null ? (input as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text : NO_TEXT;
}

/**
 * The texts more than one input of the array has. Kept for the run instead of every parsed input: a personalised
 * array has none. (The set of texts seen is dropped at once.)
 */
function repeatedTexts(messages: readonly unknown[]): Set<string | typeof NO_TEXT> {
  const seen = new Set<string | typeof NO_TEXT>();
  const repeated = new Set<string | typeof NO_TEXT>();
  for (const message of messages) {
    const text = textOf(message);
    if (seen.has(text)) repeated.add(text);
    else seen.add(text);
  }
  return repeated;
}

/** Paces with the caller's clock, else the client's (core starts no timers of its own). */
function defaultLimiter(
  client: BulkSendClient,
  clock: Clock | undefined,
  maxRequestsPerSecond: number | undefined,
  maxPauseMs: number,
): RateLimiter {
  const chosen = clock ?? client.clock;
  if (!isClock(chosen)) throw missingClockError('Bulk send', 'options.clock');
  return createRateLimiter({ maxRequestsPerSecond, maxPauseMs, clock: chosen });
}

interface RunSettings {
  concurrency: number;
  batchSize: number;
  lookAhead: number;
  maxRetryAfterMs: number;
  limiter: RateLimiter;
  prepare: MessagePreparer;
  /** How results name the fields of input `index` (core's `messages[i]…` or the host's words). */
  labelsFor: (index: number) => SendFieldLabeler;
  onProgress: ((progress: BulkProgress) => void) | undefined;
  signal: AbortSignal | undefined;
  quietHoursFor: ((index: number) => BulkQuietHours | undefined) | undefined;
  now: () => number;
  /** E.164 numbers never to send to. */
  optedOut: Set<string> | undefined;
  /**
   * An array read whole, without smart encoding: the texts several inputs share. An input with another text can share
   * a request with nobody and is sent at once. Undefined: every input waits in grouping as the window allows.
   */
  repeatedTexts: Set<string | typeof NO_TEXT> | undefined;
}

/** Wakes everything waiting for "something changed"; waiters re-check their own condition. */
class ChangeSignal {
  #waiters: (() => void)[] = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

class BulkRun {
  readonly #client: BulkSendClient;
  readonly #source: BulkSendInput;
  readonly #settings: RunSettings;
  readonly #grouper: BatchGrouper;
  readonly #changed = new ChangeSignal();
  readonly #signals: RequestSignals;
  /** Finished results not yet handed out, by input index: never more than `lookAhead`. */
  readonly #finished = new Map<number, BulkSendResult>();
  readonly #queue = new Fifo<Batch>();
  #active = 0;
  #read = 0;
  #emitted = 0;
  #total: number | undefined;
  #sent = 0;
  #failed = 0;
  #held = 0;
  #skipped = 0;
  #sourceDone = false;
  #sourceError: TextbridgeError | undefined;
  #closed = false;
  readonly #onRetry: CallOptions['onRetry'];

  constructor(client: BulkSendClient, source: BulkSendInput, settings: RunSettings) {
    this.#client = client;
    this.#source = source;
    this.#settings = settings;
    this.#total = Array.isArray(source) ? source.length : undefined;
    this.#grouper = new BatchGrouper(settings.batchSize, (batch) => this.#enqueue([batch]));
    this.#signals = new RequestSignals(settings.signal, () => this.#abortUnsent());
    // The client retries a 429 itself; the limiter hears of it so that every other request slows down too.
    this.#onRetry = ({ error }) => {
      if (error.code === 'RATE_LIMITED') settings.limiter.penalize(error.retryAfterMs);
    };
  }

  async *results(): AsyncGenerator<BulkSendResult, void, undefined> {
    this.#signals.listen();
    void this.#readSource();
    try {
      for (;;) {
        const result = this.#finished.get(this.#emitted);
        if (result) {
          this.#finished.delete(this.#emitted);
          this.#emitted++;
          this.#changed.notify();
          yield result;
          continue;
        }
        if (this.#sourceDone && this.#emitted >= this.#read) {
          if (this.#sourceError) throw this.#sourceError;
          return;
        }
        await this.#changed.wait();
      }
    } finally {
      this.#close();
    }
  }

  async #readSource(): Promise<void> {
    const isArray = Array.isArray(this.#source);
    const { lookAhead, signal } = this.#settings;
    let iterator: AnyIterator | undefined;
    let exhausted = false;
    try {
      iterator = openIterator(this.#source);
      for (;;) {
        if (this.#closed) break;
        // Arrays have a known length: their unread items still get ABORTED results. An iterable may be endless.
        if (signal?.aborted && !isArray) break;
        if (this.#read - this.#emitted >= lookAhead) {
          // Nothing more is read until results go out, in input order. Only when the next result waits on a request
          // still filling up must requests leave early (see the top of this file).
          if (this.#grouper.oldestOpenIndex() === this.#emitted) {
            this.#enqueue(this.#grouper.takeOlderThan(this.#emitted + Math.ceil(lookAhead / 2)));
          }
          await this.#changed.wait();
          continue;
        }
        if (this.#queue.length >= QUEUED_PER_SLOT * this.#settings.concurrency) {
          await this.#changed.wait();
          continue;
        }
        const step = await iterator.next();
        if (step.done) {
          exhausted = true;
          break;
        }
        const index = this.#read++;
        if (signal?.aborted) {
          this.#finish([abortedResult({ index, dst: undefined }, this.#settings.labelsFor)]);
        } else {
          this.#accept(step.value, index);
        }
      }
    } catch (error) {
      exhausted = true; // a throwing iterator is finished (or never started)
      this.#sourceError = new TextbridgeError(
        'INVALID_INPUT',
        `Bulk send: reading messages failed after ${this.#read} message(s): ${error instanceof Error ? error.message : String(error)}.`,
        { field: 'messages', cause: error, hint: 'Check the source of the messages; results were given for those read.' },
      );
    } finally {
      if (iterator && !exhausted) await closeIterator(iterator);
      this.#sourceDone = true;
      this.#total = this.#read;
      if (signal?.aborted) this.#abortUnsent();
      else this.#enqueue(this.#grouper.takeAll());
      this.#reportProgress();
      this.#changed.notify();
    }
  }

  #accept(raw: unknown, index: number): void {
    const prepared = this.#settings.prepare(raw, index);
    if ('error' in prepared) {
      this.#finish([failure(prepared, prepared.error)]);
      return;
    }
    const heldBack = this.#holdBack(prepared);
    if (heldBack) this.#finish([heldBack]);
  }

  /** Opted-out and quiet-hours checks: a result without a request, or undefined after handing the input to grouping. */
  #holdBack(prepared: PreparedMessage): BulkSendResult | undefined {
    if (this.#settings.optedOut?.has(prepared.dst)) return optedOutResult(prepared, false);
    const quiet = this.#settings.quietHoursFor?.(prepared.index);
    if (quiet !== undefined) {
      try {
        const decision = quietHoursDecision(prepared.dst, this.#settings.now(), quiet, {
          start: quiet.labels?.start ?? 'quietHours.start',
          end: quiet.labels?.end ?? 'quietHours.end',
          timeZone: quiet.labels?.timeZone ?? 'quietHours.timeZone',
          to: this.#settings.labelsFor(prepared.index)('dst'),
        });
        if (decision.hold) return heldResult(prepared, decision);
      } catch (error) {
        const whole = this.#settings.labelsFor(prepared.index)('');
        return failure(
          prepared,
          error instanceof TextbridgeError
            ? error
            : new TextbridgeError('INVALID_INPUT', `${whole}: quiet hours could not be checked: ${String(error)}.`, { field: whole, cause: error }),
        );
      }
    }
    const { repeatedTexts } = this.#settings;
    if (repeatedTexts && !repeatedTexts.has(prepared.params.text ?? NO_TEXT)) {
      this.#enqueue([{ params: prepared.params, entries: [prepared], rateLimitRetries: 0 }]);
    } else {
      this.#grouper.add(prepared);
    }
    return undefined;
  }

  #enqueue(batches: Batch[]): void {
    if (batches.length === 0) return;
    // Not push(...batches): an array of personalised messages ends with one batch per input, and a call with 130,000
    // arguments overflows the stack.
    for (const batch of batches) this.#queue.push(batch);
    this.#pump();
  }

  #pump(): void {
    const queued = this.#queue.length;
    while (!this.#closed && this.#active < this.#settings.concurrency && this.#queue.length > 0) {
      const batch = this.#queue.shift()!;
      this.#active++;
      const signal = this.#signals.open();
      void this.#send(batch, signal).finally(() => {
        this.#signals.release(signal);
        this.#active--;
        this.#pump();
      });
    }
    // Reading may be waiting for room in the queue.
    if (this.#queue.length < queued) this.#changed.notify();
  }

  /** Never rejects: every way out gives each input of the batch its result (or requeues the batch). */
  async #send(batch: Batch, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.#settings.limiter.acquire(signal);
    } catch {
      if (!this.#closed) this.#finish(batch.entries.map((entry) => abortedResult(entry, this.#settings.labelsFor)));
      return;
    }
    if (this.#closed) return;
    if (signal?.aborted) {
      this.#finish(batch.entries.map((entry) => abortedResult(entry, this.#settings.labelsFor)));
      return;
    }
    const dst = batch.entries.map((entry) => entry.dst);
    try {
      const response = await this.#client.sendMessage(
        withDestinations(batch.params, dst),
        { ...(signal ? { signal } : {}), onRetry: this.#onRetry },
      );
      this.#finish(mapResponse(batch.entries, response, this.#settings.labelsFor));
    } catch (caught) {
      const error = requestFailure(caught, batch.entries.length);
      if (error.code === 'RECIPIENT_OPTED_OUT') {
        this.#afterOptOutRefusal(batch);
        return;
      }
      const outcome = error.code === 'RATE_LIMITED' && !signal?.aborted ? this.#afterRateLimit(batch, error) : error;
      if (outcome === 'requeued') return;
      this.#finish(batch.entries.map((entry) => failure(entry, outcome)));
    }
  }

  /**
   * One policy with the client's: the request goes back in the queue behind the pause Plivo asked for, when that is
   * within maxRetryAfterMs (an unusable Retry-After counts as none); a longer wait fails it at once — never an hour's
   * sleep, never a hang.
   */
  #afterRateLimit(batch: Batch, error: TextbridgeError): TextbridgeError | 'requeued' {
    if (isOverCap(error)) return error;
    const { maxRetryAfterMs, limiter } = this.#settings;
    const decision = decideRetryAfter(error.retryAfterMs, maxRetryAfterMs);
    if (decision.action === 'give-up') return retryAfterTooLong(error, decision.ms, maxRetryAfterMs);
    if (batch.rateLimitRetries >= MAX_RATE_LIMIT_REQUEUES) return error;
    limiter.penalize(decision.action === 'wait' ? decision.ms : undefined);
    batch.rateLimitRetries++;
    this.#queue.unshift(batch);
    return 'requeued';
  }

  /**
   * Plivo refused a request because a recipient opted out. Alone in its request, that recipient is skipped; in a
   * shared one, nobody can tell which: each input is sent again in a request of its own (the refusal names it).
   */
  #afterOptOutRefusal(batch: Batch): void {
    if (batch.entries.length === 1) {
      this.#finish([optedOutResult(batch.entries[0]!, true)]);
      return;
    }
    const singles = batch.entries.map(
      (entry): Batch => ({ params: batch.params, entries: [entry], rateLimitRetries: 0 }),
    );
    // Front of the queue, in input order.
    for (let i = singles.length - 1; i >= 0; i--) this.#queue.unshift(singles[i]!);
  }

  /** On abort: everything grouped or queued but not yet sent gets ABORTED. Requests in flight end on their own. */
  #abortUnsent(): void {
    const unsent = [...this.#grouper.takeAll(), ...this.#queue.drain()];
    this.#finish(unsent.flatMap((batch) => batch.entries.map((entry) => abortedResult(entry, this.#settings.labelsFor))));
    this.#changed.notify();
  }

  #finish(results: BulkSendResult[]): void {
    if (this.#closed || results.length === 0) return;
    for (const result of results) {
      this.#finished.set(result.index, result);
      if (result.ok) this.#sent++;
      else if (result.held) this.#held++;
      else if (result.skipped) this.#skipped++;
      else this.#failed++;
    }
    this.#reportProgress();
    this.#changed.notify();
  }

  #reportProgress(): void {
    const { onProgress } = this.#settings;
    if (!onProgress) return;
    const progress: BulkProgress = {
      done: this.#sent + this.#failed + this.#held + this.#skipped,
      sent: this.#sent,
      failed: this.#failed,
    };
    if (this.#total !== undefined) progress.total = this.#total;
    if (this.#settings.quietHoursFor) progress.held = this.#held;
    if (this.#settings.optedOut) progress.skipped = this.#skipped;
    try {
      onProgress(progress);
    } catch {
      // A failing progress display must not lose or duplicate sends.
    }
  }

  /** The consumer stopped (or finished): stop reading and sending; requests in flight complete unobserved. */
  #close(): void {
    this.#closed = true;
    this.#queue.drain();
    this.#grouper.takeAll();
    this.#finished.clear();
    this.#signals.close();
    this.#changed.notify();
  }
}

/**
 * One signal per request in flight, all aborted when the caller's signal aborts. The caller's signal gets a single
 * listener however many requests run at once: every request adds its own listeners (rate limiter, client, transport),
 * and on one shared signal they passed Node's limit of 10 at the default concurrency.
 */
class RequestSignals {
  readonly #source: AbortSignal | undefined;
  readonly #onAbort: () => void;
  readonly #open = new Map<AbortSignal, AbortController>();
  #listening = false;
  #closed = false;

  constructor(source: AbortSignal | undefined, onAbort: () => void) {
    this.#source = source;
    this.#onAbort = onAbort;
  }

  readonly #abortAll = (): void => {
    for (const controller of this.#open.values()) controller.abort(this.#source?.reason);
    this.#onAbort();
  };

  listen(): void {
    if (!this.#source || this.#listening) return;
    this.#listening = true;
    this.#source.addEventListener('abort', this.#abortAll, { once: true });
  }

  /** A signal for one request; undefined when the caller gave none. */
  open(): AbortSignal | undefined {
    if (!this.#source) return undefined;
    const controller = new AbortController();
    if (this.#source.aborted) controller.abort(this.#source.reason);
    this.#open.set(controller.signal, controller);
    return controller.signal;
  }

  release(signal: AbortSignal | undefined): void {
    if (signal) this.#open.delete(signal);
    this.#stopWhenIdle();
  }

  /** The run is over for the consumer; requests still in flight stay cancellable until they end. */
  close(): void {
    this.#closed = true;
    this.#stopWhenIdle();
  }

  #stopWhenIdle(): void {
    if (!this.#closed || this.#open.size > 0 || !this.#listening) return;
    this.#listening = false;
    this.#source?.removeEventListener('abort', this.#abortAll);
  }
}

function isIterable(value: unknown): value is BulkSendInput {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' ||
      typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function')
  );
}

type AnyIterator = Iterator<unknown> | AsyncIterator<unknown>;

function openIterator(source: BulkSendInput): AnyIterator {
  return Symbol.asyncIterator in source
    ? (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
    : (source as Iterable<unknown>)[Symbol.iterator]();
}

async function closeIterator(iterator: AnyIterator): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // The source's own cleanup failed; every input read already has its result.
  }
}
