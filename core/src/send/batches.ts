// Groups prepared messages into Plivo bulk requests: same sender, text and options; at most `batchSize` destinations;
// never the same destination twice in one request (Plivo would deduplicate it and one input would get no UUID).
// A request leaves as soon as it is full; the bulk sender decides when partly filled ones must leave (see bulk.ts).
import type { PreparedMessage } from './prepare.js';
import type { SendMessageRequest } from '../plivo/send-request.js';

export interface Batch {
  key: string;
  params: SendMessageRequest;
  entries: PreparedMessage[];
  dsts: Set<string>;
  /** How often this request was put back in the queue after Plivo answered 429. */
  rateLimitRetries: number;
}

/**
 * The open requests of one group key, oldest first. A destination goes into the first request that lacks it, so the
 * requests holding a given destination are always the first `holders.get(dst)` ones (removing a request keeps that
 * true): finding a place costs one lookup, however often a number repeats.
 */
interface Group {
  open: Batch[];
  holders: Map<string, number>;
}

export class BatchGrouper {
  readonly #batchSize: number;
  readonly #onFull: (batch: Batch) => void;
  #groups = new Map<string, Group>();
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
    let group = this.#groups.get(message.groupKey);
    if (!group) {
      group = { open: [], holders: new Map() };
      this.#groups.set(message.groupKey, group);
    }
    const position = group.holders.get(message.dst) ?? 0;
    let batch = group.open[position];
    if (!batch) {
      batch = { key: message.groupKey, params: message.params, entries: [], dsts: new Set(), rateLimitRetries: 0 };
      group.open.push(batch);
      this.#byAge.add(batch);
    }
    batch.entries.push(message);
    batch.dsts.add(message.dst);
    group.holders.set(message.dst, position + 1);
    if (batch.dsts.size >= this.#batchSize) {
      this.#remove(batch);
      this.#onFull(batch);
    }
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

  #remove(batch: Batch): void {
    this.#byAge.delete(batch);
    const group = this.#groups.get(batch.key)!;
    group.open.splice(group.open.indexOf(batch), 1);
    if (group.open.length === 0) {
      this.#groups.delete(batch.key);
      return;
    }
    for (const dst of batch.dsts) {
      const held = group.holders.get(dst)! - 1;
      if (held === 0) group.holders.delete(dst);
      else group.holders.set(dst, held);
    }
  }
}
