// Test oracle (see analyze-text.ts here): distinct-character collection as it was before the single-pass rewrite.
// Collects the distinct characters of one text in order of first appearance, cheaply enough for the analysis hot
// loop: a generation stamp per BMP code unit instead of a Set, code points buffered in a typed array, and a cache
// of one-character strings, so a CJK text costs one array allocation. One text at a time: begin(), add..., finish().
// The tables take 768 KB, so the one instance is created on the first UCS-2 text (see analyze.ts).
export class DistinctChars {
  // Allocated up front so the fields keep one type, which keeps add() cheap in the hot loop.
  private readonly stamps = new Uint32Array(0x10000);
  private readonly strings = new Array<string>(0x10000).fill('');
  private generation = 0;
  private order = new Uint32Array(256);
  private count = 0;
  private readonly astral = new Set<number>();

  begin(): void {
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.count = 0;
    if (this.astral.size > 0) this.astral.clear();
  }

  /** A BMP code unit (a lone surrogate included). */
  add(unit: number): void {
    const stamps = this.stamps;
    if (stamps[unit] === this.generation) return;
    stamps[unit] = this.generation;
    this.push(unit);
  }

  /** A supplementary-plane code point (emoji, rare CJK). */
  addAstral(codePoint: number): void {
    if (this.astral.has(codePoint)) return;
    this.astral.add(codePoint);
    this.push(codePoint);
  }

  finish(): string[] {
    const out = new Array<string>(this.count);
    const strings = this.strings;
    for (let k = 0; k < this.count; k++) {
      const codePoint = this.order[k]!;
      out[k] = codePoint > 0xffff ? String.fromCodePoint(codePoint) : strings[codePoint] || (strings[codePoint] = String.fromCharCode(codePoint));
    }
    return out;
  }

  private push(codePoint: number): void {
    if (this.count === this.order.length) {
      const grown = new Uint32Array(this.order.length * 2);
      grown.set(this.order);
      this.order = grown;
    }
    this.order[this.count++] = codePoint;
  }
}
