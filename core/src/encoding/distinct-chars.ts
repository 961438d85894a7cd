// Collects the distinct characters of one text in order of first appearance, cheaply enough for the analysis hot
// loop. A text has few distinct non-GSM characters (a dozen is typical, a CJK text has some dozens), so they go in a
// small open-addressing hash set that stays in the L1 cache. A slot is taken when its stamp equals the current
// text's generation, so starting a text clears nothing. Code points are kept in a typed array in order of first
// appearance; finish() turns them into the result's strings. One text at a time: begin(), add..., finish().
const INITIAL_BITS = 7;
/** Golden-ratio multiplier: spreads code points of one script block (consecutive values) over the table. */
const HASH_MULTIPLIER = 0x9e3779b1;

export class DistinctChars {
  private bits = INITIAL_BITS;
  private keys = new Int32Array(1 << INITIAL_BITS);
  private stamps = new Uint32Array(1 << INITIAL_BITS);
  private generation = 0;
  private order = new Int32Array(1 << (INITIAL_BITS - 1));
  private count = 0;

  begin(): void {
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.count = 0;
  }

  /** A code point, or a lone surrogate's code unit. */
  add(codePoint: number): void {
    const keys = this.keys;
    const stamps = this.stamps;
    const generation = this.generation;
    const mask = keys.length - 1;
    let slot = Math.imul(codePoint, HASH_MULTIPLIER) >>> (32 - this.bits);
    while (stamps[slot] === generation) {
      if (keys[slot] === codePoint) return;
      slot = (slot + 1) & mask;
    }
    stamps[slot] = generation;
    keys[slot] = codePoint;
    this.order[this.count++] = codePoint;
    // At most half full, so probes stay short; `order` holds as many code points as the table may.
    if (this.count === this.order.length) this.grow();
  }

  finish(): string[] {
    const out = new Array<string>(this.count);
    const order = this.order;
    for (let k = 0; k < this.count; k++) {
      const codePoint = order[k]!;
      out[k] = codePoint > 0xffff ? String.fromCodePoint(codePoint) : String.fromCharCode(codePoint);
    }
    return out;
  }

  /** Doubles the table and re-adds this text's code points under a fresh generation. */
  private grow(): void {
    this.bits++;
    this.keys = new Int32Array(1 << this.bits);
    this.stamps = new Uint32Array(1 << this.bits);
    const kept = this.order.subarray(0, this.count);
    this.order = new Int32Array(1 << (this.bits - 1));
    this.generation = 1;
    this.count = 0;
    for (const codePoint of kept) this.add(codePoint);
  }
}
