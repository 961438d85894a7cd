// Groups prepared messages into Plivo bulk requests: same sender, text and options; at most `batchSize` destinations;
// never the same destination twice in one request (Plivo would deduplicate it and one input would get no UUID).
import type { PreparedMessage } from './prepare.js';
import type { SendMessageParams } from '../plivo/params.js';

export interface Batch {
  params: Omit<SendMessageParams, 'dst'>;
  entries: PreparedMessage[];
  dsts: Set<string>;
  /** How often this request was put back in the queue after Plivo answered 429. */
  rateLimitRetries: number;
}

export class BatchGrouper {
  readonly #batchSize: number;
  readonly #onFull: (batch: Batch) => void;
  /** Open (not yet full) batches per group key; several when a destination repeats. */
  #open = new Map<string, Batch[]>();

  constructor(batchSize: number, onFull: (batch: Batch) => void) {
    this.#batchSize = batchSize;
    this.#onFull = onFull;
  }

  add(message: PreparedMessage): void {
    let batches = this.#open.get(message.groupKey);
    if (!batches) {
      batches = [];
      this.#open.set(message.groupKey, batches);
    }
    let batch = batches.find((candidate) => !candidate.dsts.has(message.dst));
    if (!batch) {
      batch = { params: message.params, entries: [], dsts: new Set(), rateLimitRetries: 0 };
      batches.push(batch);
    }
    batch.entries.push(message);
    batch.dsts.add(message.dst);
    if (batch.dsts.size >= this.#batchSize) {
      batches.splice(batches.indexOf(batch), 1);
      if (batches.length === 0) this.#open.delete(message.groupKey);
      this.#onFull(batch);
    }
  }

  /** Removes and returns every open batch, oldest input first, so the input results wait on goes out first. */
  takeAll(): Batch[] {
    const all = [...this.#open.values()].flat();
    this.#open.clear();
    return all.sort((a, b) => a.entries[0]!.index - b.entries[0]!.index);
  }
}
