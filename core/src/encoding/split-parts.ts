// Where a long message is cut into concatenated parts. Every splitter is greedy (fills a part, then opens the next)
// and never cuts an escape pair or a surrogate pair, so each part is valid on its own. Each one pushes the part texts
// straight into the caller's array and returns the units of the last part: no list of cut positions in between.

/**
 * Positions of the two-septet characters of a GSM-7 text, noted by the analysis scan: `index << 1`, plus 1 for a
 * CR LF pair (two units wide). One instance is reused for every text (begin() per text), so noting costs no
 * allocation once it has grown to the most such characters a text has had.
 */
export class WideMarks {
  marks = new Int32Array(64);
  count = 0;

  begin(): void {
    this.count = 0;
  }

  add(index: number, pair: boolean): void {
    if (this.count === this.marks.length) {
      const grown = new Int32Array(this.marks.length * 2);
      grown.set(this.marks);
      this.marks = grown;
    }
    this.marks[this.count++] = (index << 1) | (pair ? 1 : 0);
  }
}

/**
 * GSM-7 text into parts of at most `capacity` septets, from the wide characters the analysis scan noted: everything
 * between them costs one septet per unit, so parts are filled by arithmetic, without walking the text again. A wide
 * character (an extension character, ESC + char, or with grapheme boundaries a CR LF pair) costs 2 septets and
 * moves whole to the next part.
 */
export function cutGsm7(text: string, capacity: number, wide: WideMarks, parts: string[]): number {
  const n = text.length;
  const marks = wide.marks;
  let partStart = 0;
  let used = 0;
  let i = 0;
  for (let k = 0; k <= wide.count; k++) {
    const mark = k < wide.count ? marks[k]! : -1;
    const at = mark < 0 ? n : mark >>> 1;
    // The one-septet run [i, at): open a new part each time the current one is full and the run goes on.
    let run = at - i;
    while (run > capacity - used) {
      const take = capacity - used;
      i += take;
      run -= take;
      parts.push(text.slice(partStart, i));
      partStart = i;
      used = 0;
    }
    used += run;
    i = at;
    if (mark < 0) break;
    if (used + 2 > capacity) {
      parts.push(text.slice(partStart, i));
      partStart = i;
      used = 0;
    }
    used += 2;
    i += 1 + (mark & 1);
  }
  parts.push(text.slice(partStart, n));
  return used;
}

/**
 * UCS-2 text into parts of at most `capacity` UTF-16 units. A part never ends with a high surrogate nor starts with
 * a low one: a surrogate pair moves whole to the next part, and so does a lone surrogate's neighbour when possible.
 * The unit count is the text length, so only the units around each cut are read.
 */
export function cutUcs2(text: string, capacity: number, parts: string[]): number {
  const n = text.length;
  let start = 0;
  while (n - start > capacity) {
    const end = safeCut(text, start, start + capacity);
    parts.push(text.slice(start, end));
    start = end;
  }
  parts.push(text.slice(start, n));
  return n - start;
}

/**
 * UCS-2 text cut only between clusters (`starts` from graphemes.ts), as Android and Twilio do. A cluster larger than
 * a part (a long emoji sequence, stacked marks) cannot stay whole: it fills parts unit by unit, cut as cutUcs2 cuts.
 */
export function cutUcs2Clusters(text: string, capacity: number, starts: readonly number[], parts: string[]): number {
  const n = text.length;
  let partStart = 0;
  let used = 0;
  for (let k = 0; k < starts.length; ) {
    const start = starts[k]!;
    // A cluster boundary next to a lone surrogate is not a safe cut: merge the clusters around it.
    let next = k + 1;
    while (next < starts.length && !canCutAt(text, starts[next]!)) next++;
    const end = next < starts.length ? starts[next]! : n;
    k = next;
    const size = end - start;
    if (used + size <= capacity) {
      used += size;
    } else if (size <= capacity) {
      parts.push(text.slice(partStart, start));
      partStart = start;
      used = size;
    } else {
      for (let i = start; i < end; i++) {
        if (used === capacity) {
          const cut = safeCut(text, partStart, i);
          parts.push(text.slice(partStart, cut));
          used = i - cut;
          partStart = cut;
        }
        used++;
      }
    }
  }
  parts.push(text.slice(partStart, n));
  return used;
}

/** The latest safe cut at or before `cut` that leaves at least one unit in the part starting at `from`. */
function safeCut(text: string, from: number, cut: number): number {
  let safe = cut;
  while (safe > from + 1 && !canCutAt(text, safe)) safe--;
  return canCutAt(text, safe) ? safe : cut;
}

/** A cut at `index` keeps every surrogate (paired or not) next to its partner side. */
function canCutAt(text: string, index: number): boolean {
  return !isHigh(text.charCodeAt(index - 1)) && !isLow(text.charCodeAt(index));
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
