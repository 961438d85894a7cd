// Groups prepared messages into Plivo bulk requests: same sender, text and options; at most `batchSize` destinations;
// never the same destination twice in one request (Plivo would deduplicate it and one input would get no UUID).
// A request leaves as soon as it is full; the bulk sender decides when partly filled ones must leave (see bulk.ts).
// Given an array, every input may wait here until the array's end (a personalised send: 100,000 groups of one), so an
// open request costs a few small objects and no copy of its text.
import type { PreparedMessage } from './prepare.js';
import type { SendMessageRequest } from '../plivo/send-request.js';

export interface Batch {
  /** The request of the group's first input; sent with this batch's destinations. */
  params: SendMessageRequest;
  /** Never the same destination twice, so its length is the request's number of destinations. */
  entries: PreparedMessage[];
  /** How often this request was put back in the queue after Plivo answered 429. */
  rateLimitRetries: number;
}

/**
 * The open requests of one group (same options, same text), oldest first. A destination goes into the first request
 * that lacks it, so the requests holding a given destination are always the first `holders.get(dst)` ones (removing
 * a request keeps that true): finding a place costs one lookup, however often a number repeats. A group that has only
 * ever had one input has no `holders` (the one input is `open[0].entries[0]`).
 */
interface Group {
  open: Batch[];
  holders: Map<string, number> | undefined;
}

export class BatchGrouper {
  readonly #batchSize: number;
  readonly #onFull: (batch: Batch) => void;
  /** By options key, then by text: a key containing the text would be a copy of it. */
  #groups = new Map<string, Map<string, Group>>();
  /** Every open request in the order it was opened, which is the order of their first inputs. */
  #byAge = new Set<Batch>();

  constructor(batchSize: number, onFull: (batch: Batch) => void) {
    this.#batchSize = batchSize;
    this.#onFull = onFull;
  }

  /** Open requests (each holds at least one input). */
  get openCount(): number {
    return this.#byAge.size;
  }

  add(message: PreparedMessage): void {
    let byText = this.#groups.get(message.optionsKey);
    if (!byText) this.#groups.set(message.optionsKey, (byText = new Map()));
    const text = message.params.text ?? '';
    const group = byText.get(text);
    if (!group) {
      const batch = this.#openBatch(message);
      byText.set(text, { open: [batch], holders: undefined });
      this.#leaveIfFull(batch);
      return;
    }
    const holders = (group.holders ??= new Map([[group.open[0]!.entries[0]!.dst, 1]]));
    const position = holders.get(message.dst) ?? 0;
    holders.set(message.dst, position + 1);
    let batch = group.open[position];
    if (batch) {
      batch.entries.push(message);
    } else {
      batch = this.#openBatch(message);
      group.open.push(batch);
    }
    this.#leaveIfFull(batch);
  }

  /** The input index the oldest open request starts with; undefined when none is open. */
  oldestOpenIndex(): number | undefined {
    for (const batch of this.#byAge) return batch.entries[0]!.index;
    return undefined;
  }

  /** Removes and returns the open requests whose first input comes before `index`, oldest first. */
  takeOlderThan(index: number): Batch[] {
    const taken: Batch[] = [];
    for (const batch of this.#byAge) {
      if (batch.entries[0]!.index >= index) break;
      taken.push(batch);
    }
    for (const batch of taken) this.#remove(batch);
    return taken;
  }

  /** Removes and returns every open request, oldest first input first, so the input results wait on goes out first. */
  takeAll(): Batch[] {
    const all = [...this.#byAge];
    this.#byAge.clear();
    this.#groups.clear();
    return all;
  }

  #openBatch(message: PreparedMessage): Batch {
    const batch: Batch = { params: message.params, entries: [message], rateLimitRetries: 0 };
    this.#byAge.add(batch);
    return batch;
  }

  #leaveIfFull(batch: Batch): void {
    if (batch.entries.length < this.#batchSize) return;
    this.#remove(batch);
    this.#onFull(batch);
  }

  #remove(batch: Batch): void {
    this.#byAge.delete(batch);
    const first = batch.entries[0]!;
    const byText = this.#groups.get(first.optionsKey)!;
    const text = batch.params.text ?? '';
    const group = byText.get(text)!;
    group.open.splice(group.open.indexOf(batch), 1);
    if (group.open.length === 0) {
      byText.delete(text);
      if (byText.size === 0) this.#groups.delete(first.optionsKey);
      return;
    }
    for (const entry of batch.entries) {
      const held = group.holders!.get(entry.dst)! - 1;
      if (held === 0) group.holders!.delete(entry.dst);
      else group.holders!.set(entry.dst, held);
    }
  }
}
