// Public shapes of the encoding module. Plain interfaces (no schema): the module is dependency-free and runs per
// message in bulk sends, so its few options are checked by hand in options.ts.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/**
 * Where a long message may be cut. `codeUnit`: anywhere except inside an escape pair or a surrogate pair (the 3GPP
 * minimum). `grapheme`: only between user-perceived characters, as Android and Twilio do.
 */
export type SegmentBoundary = 'codeUnit' | 'grapheme';

/**
 * `all-or-nothing` replaces look-alikes only when the whole text then fits GSM-7 (how carriers document smart
 * encoding); `always` replaces them even when other characters keep the message in UCS-2.
 */
export type SmartEncodingMode = 'all-or-nothing' | 'always';

export interface AnalyzeOptions {
  /** Analyse the text smart encoding would send: `true` = all-or-nothing, `'always'` = always. Default false. */
  smartEncoding?: boolean | 'always';
  /** Default `codeUnit`. */
  boundary?: SegmentBoundary;
  /** Octets of User Data Header per concatenated part: 6 (default, 8-bit reference) or 7 (16-bit reference). */
  udhOctets?: number;
}

export interface SmartEncodeOptions {
  /** Default `all-or-nothing`. */
  mode?: SmartEncodingMode;
}

export interface SmartReplacement {
  /** The original character(s), e.g. `“` or a letter with its combining accent. */
  from: string;
  /** What replaced them (`''` when removed, e.g. a zero-width space), with a space that keeps a replaced symbol
   * apart from letters or digits around it (`1½` -> `1 1/2`: `to` is `' 1/2'`). */
  to: string;
  /** Code-unit index of `from` in the original text. */
  index: number;
}

export interface SmartEncodeResult {
  /** The text to send: the replaced text, or the original when nothing was (or could usefully be) replaced. */
  text: string;
  /** True when `text` differs from the original. */
  applied: boolean;
  mode: SmartEncodingMode;
  /** Replacements present in `text`, in order (empty when not applied). */
  replacements: SmartReplacement[];
  /**
   * Look-alikes left as they were because replacing them would have added a segment (70 × … is one UCS-2 segment,
   * but 210 septets are two GSM-7 ones), with the replacement that was declined.
   */
  declined: SmartReplacement[];
  /** Encoding `text` needs. */
  encoding: SmsEncoding;
  /**
   * Distinct characters (code points, in order of first appearance) that have no GSM-7 form and stay in the text:
   * emoji, CJK, other scripts. In `all-or-nothing` mode they are why nothing was replaced.
   */
  unconvertible: string[];
}

export interface SmartEncodingReport {
  applied: boolean;
  mode: SmartEncodingMode;
  /** Indexes refer to the original text. */
  replacements: SmartReplacement[];
  /** Look-alikes left as they were because replacing them would have added a segment. */
  declined: SmartReplacement[];
  /** Segments of the original text minus segments of the text sent: 0 when not applied, never negative. */
  savedSegments: number;
  unconvertible: string[];
}

export interface MessageAnalysis {
  /** The text that would be sent (the smart-encoded text when smart encoding applied, else the input). */
  readonly text: string;
  readonly encoding: SmsEncoding;
  /** Number of SMS parts; always equal to `segments.length`; 0 for an empty text. */
  readonly segmentCount: number;
  /** Exact text of each part, in order; they concatenate back to `text`. */
  readonly segments: string[];
  /** User-perceived characters (extended grapheme clusters; CR LF counts once). */
  readonly characterCount: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly unitCount: number;
  /** Capacity of each part: 160 / 70 for a single message, 153 / 67 (6-octet header) for concatenated parts. */
  readonly unitsPerSegment: number;
  /** Units still free in the last part (the full single-message capacity for an empty text). */
  readonly remainingInLastSegment: number;
  /** Distinct code points that forced UCS-2, in order of first appearance (empty for GSM-7). */
  readonly nonGsmCharacters: string[];
  /** Code-unit indexes of unpaired surrogates (each is sent as one UCS-2 unit, but is not a valid character). */
  readonly loneSurrogates: number[];
  /** True when Plivo would reject the text as too long (see limits.ts for the rule). */
  readonly exceedsPlivoLimit: boolean;
  /** Present when the smartEncoding option was on. */
  readonly smartEncoding?: SmartEncodingReport;
}
