// Checks one input of a bulk send and turns it into what grouping needs: the normalised destination, the request
// parameters it shares with other inputs, and the key that tells which inputs can share one Plivo request.
import { TextbridgeError } from '../errors.js';
import { analyzeMessage, type MessageAnalysis } from '../encoding/index.js';
import { normalizePhoneNumber, validateSender } from '../phone.js';
import { parseInput, type FieldErrorOverrides } from '../plivo/validate.js';
import type { SendMessageParams } from '../plivo/params.js';
import { sendRequestSchema, type BulkSendOptions } from './schemas.js';

/**
 * Kept for every input until its request leaves (for an array: possibly the whole run), so it holds no copy of the
 * text: `params.text` is the caller's string, and inputs with the same text and options share one `params`.
 */
export interface PreparedMessage {
  index: number;
  /** E.164. */
  dst: string;
  /** Everything but `dst`: identical for all inputs that may share a request. */
  params: Omit<SendMessageParams, 'dst'>;
  /**
   * `params` without the text, as a string: inputs may share a request when this and `params.text` are equal. The
   * text stays out of the key so that no input's text is copied into one.
   */
  optionsKey: string;
  /** Shared by every input with the same text. */
  figures: TextFigures;
}

/** What a result reports of the text sent. */
export interface TextFigures {
  /** Undefined for an MMS without text. */
  readonly encoding: MessageAnalysis['encoding'] | undefined;
  readonly segmentCount: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) of the text sent; 0 without text. */
  readonly unitCount: number;
  readonly characterCount: number;
  /** True when smart encoding changed the text before it was sent. */
  readonly smartEncodingApplied: boolean;
}

/**
 * The part of a text's analysis a send needs, remembered per text. Not the analysis itself: with every part's text it
 * is many times bigger, and with 100,000 different texts each one would outlive a few garbage collections in the
 * cache and pile up in the old generation before it is dropped.
 */
interface CheckedText extends TextFigures {
  /** As sent (after smart encoding). */
  readonly text: string;
  readonly loneSurrogates: readonly number[];
  readonly exceedsPlivoLimit: boolean;
}

const NO_TEXT: TextFigures = { encoding: undefined, segmentCount: 0, unitCount: 0, characterCount: 0, smartEncodingApplied: false };
const NONE: readonly number[] = Object.freeze([]);

export interface RejectedMessage {
  index: number;
  /** Normalised when the destination itself was fine, else as given (when it was text). */
  dst: string | undefined;
  error: TextbridgeError;
}

const KNOWN_FIELDS = new Set(Object.keys(sendRequestSchema.shape));
/** Error codes for shape problems of the fields that have their own code. */
const FIELD_ERROR_CODES: FieldErrorOverrides = {
  dst: { code: 'INVALID_PHONE_NUMBER' },
  src: { code: 'INVALID_SENDER' },
  powerpackUuid: { code: 'INVALID_SENDER' },
  text: { code: 'INVALID_TEXT' },
};

export function messageField(index: number, name?: string): string {
  return name === undefined ? `messages[${index}]` : `messages[${index}].${name}`;
}

export type MessagePreparer = (raw: unknown, index: number) => PreparedMessage | RejectedMessage;

/** Bulk sends repeat one sender and one text many times: their checks are remembered (bounded) per run. */
const CACHE_LIMIT = 256;
const MAX_CACHED_TEXT_LENGTH = 2000;

/**
 * Makes the per-run checker. It never throws: a bad input becomes a RejectedMessage whose error names the field,
 * e.g. `messages[3].dst`.
 */
export function createMessagePreparer(options: Pick<BulkSendOptions, 'defaultCountry' | 'smartEncoding'>): MessagePreparer {
  const senders = new Map<string, string>();
  const checkedTexts = new Map<string, CheckedText>();
  /** Inputs with the same options share one key string, and those with the same text too one params object. */
  const optionKeys = new Map<string, string>();
  const paramsByText = new Map<string, { optionsKey: string; params: Omit<SendMessageParams, 'dst'> }>();
  const remember = <T>(cache: Map<string, T>, key: string, value: T): void => {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  };
  const cached = <T>(cache: Map<string, T>, key: string, compute: () => T): T => {
    let value = cache.get(key);
    if (value === undefined) remember(cache, key, (value = compute()));
    return value;
  };
  const checkSrc = (src: unknown, index: number) =>
    typeof src === 'string' || typeof src === 'number'
      ? cached(senders, `${typeof src}:${src}`, () => validateSender(src, messageField(index, 'src')).value)
      : validateSender(src, messageField(index, 'src')).value;
  const analyzeOptions = options.smartEncoding === undefined ? {} : { smartEncoding: options.smartEncoding };
  const check = (text: string): CheckedText => {
    const analysis = analyzeMessage(text, analyzeOptions);
    return {
      text: analysis.text,
      encoding: analysis.encoding,
      segmentCount: analysis.segmentCount,
      unitCount: analysis.unitCount,
      characterCount: analysis.characterCount,
      smartEncodingApplied: analysis.smartEncoding?.applied ?? false,
      loneSurrogates: analysis.loneSurrogates.length === 0 ? NONE : analysis.loneSurrogates,
      exceedsPlivoLimit: analysis.exceedsPlivoLimit,
    };
  };
  // Texts longer than any Plivo accepts are checked but not kept: the cache must stay small.
  const analyze = (text: string) =>
    text.length <= MAX_CACHED_TEXT_LENGTH ? cached(checkedTexts, text, () => check(text)) : check(text);

  return (raw, index) => {
    let dst: string | undefined;
    try {
      const message = checkShape(raw, index);
      if (typeof message.dst === 'string') dst = message.dst;
      dst = normalizePhoneNumber(message.dst, options.defaultCountry, messageField(index, 'dst'));
      const sender = checkSender(message, index, checkSrc);
      const request = parseInput(sendRequestSchema, message, messageField(index), FIELD_ERROR_CODES);
      const media = request.mediaUrls ?? [];
      if (media.length > 0 && request.type === 'sms') {
        throw invalidInput(index, 'mediaUrls', 'can only be sent in an MMS', "Set type to 'mms' (or leave it empty), or remove mediaUrls.");
      }
      // As the client does: media without a type make an MMS.
      const isMms = request.type === 'mms' || (request.type === undefined && media.length > 0);
      if (isMms && media.length === 0 && !request.text?.trim()) {
        throw invalidInput(index, 'mediaUrls', 'is empty: an MMS needs text or at least one media URL', 'Add a media URL or text.');
      }
      const checked = checkText(request.text, !isMms, index, analyze);
      const extras = pickDefined({
        type: request.type,
        mediaUrls: request.mediaUrls,
        url: request.url,
        method: request.method,
        log: request.log,
        trackable: request.trackable,
        messageExpiry: request.messageExpiry,
      });
      const serialized = JSON.stringify({ ...sender, ...extras });
      const optionsKey = cached(optionKeys, serialized, () => serialized);
      const text = checked?.text;
      let shared = paramsByText.get(text ?? '');
      if (shared?.optionsKey !== optionsKey) {
        shared = { optionsKey, params: text === undefined ? { ...sender, ...extras } : { ...sender, text, ...extras } };
        remember(paramsByText, text ?? '', shared);
      }
      const params = shared.params;
      return {
        index,
        dst,
        params,
        optionsKey,
        figures: checked ?? NO_TEXT,
      };
    } catch (error) {
      return { index, dst, error: asFieldError(error, index) };
    }
  };
}

function checkShape(raw: unknown, index: number): Record<string, unknown> & { dst?: unknown; text?: unknown } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TextbridgeError('INVALID_INPUT', `${messageField(index)} must be an object with src, dst and text.`, {
      field: messageField(index),
    });
  }
  const unknown = Object.keys(raw).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) {
    throw new TextbridgeError(
      'INVALID_INPUT',
      `${messageField(index)} has unknown field(s) ${unknown.join(', ')}.`,
      { field: messageField(index, unknown[0]), hint: `Check the spelling; known fields: ${[...KNOWN_FIELDS].join(', ')}.` },
    );
  }
  return raw as Record<string, unknown>;
}

/** Exactly one of `src` and `powerpackUuid` (Plivo refuses both); `src` is validated and normalised. */
function checkSender(
  message: Record<string, unknown>,
  index: number,
  checkSrc: (src: unknown, index: number) => string,
): { src: string } | { powerpackUuid: string } {
  const hasSrc = message.src !== undefined && message.src !== '';
  const hasPowerpack = message.powerpackUuid !== undefined && message.powerpackUuid !== '';
  if (hasSrc && hasPowerpack) {
    throw new TextbridgeError('INVALID_SENDER', `${messageField(index)} has both src and powerpackUuid: give only one.`, {
      field: messageField(index, 'powerpackUuid'),
    });
  }
  if (hasPowerpack) {
    if (typeof message.powerpackUuid !== 'string' || message.powerpackUuid.trim() === '') {
      throw new TextbridgeError('INVALID_SENDER', `${messageField(index, 'powerpackUuid')} must be a Powerpack UUID.`, {
        field: messageField(index, 'powerpackUuid'),
      });
    }
    return { powerpackUuid: message.powerpackUuid.trim() };
  }
  if (!hasSrc) {
    throw new TextbridgeError('INVALID_SENDER', `${messageField(index, 'src')} is missing: give a sender or a powerpackUuid.`, {
      field: messageField(index, 'src'),
    });
  }
  return { src: checkSrc(message.src, index) };
}

/** SMS text is required and limited by Plivo; MMS text is optional and not split into SMS segments by Plivo. */
function checkText(
  text: string | undefined,
  isSms: boolean,
  index: number,
  analyze: (text: string) => CheckedText,
): CheckedText | undefined {
  const field = messageField(index, 'text');
  if (text === undefined || text.trim() === '') {
    if (!isSms) return undefined;
    throw new TextbridgeError('INVALID_TEXT', `${field} is ${text === undefined ? 'missing' : 'empty'}: an SMS needs text.`, {
      field,
    });
  }
  const checked = analyze(text);
  // An unpaired surrogate is no character: it cannot be written as UTF-8, and Plivo's answer to one is unknown.
  const [brokenAt] = checked.loneSurrogates;
  if (brokenAt !== undefined) {
    throw new TextbridgeError(
      'INVALID_TEXT',
      `${field} has a broken character at position ${brokenAt}: an unpaired UTF-16 surrogate (half of an emoji or other symbol).`,
      { field, details: { positions: checked.loneSurrogates.slice(0, 10) } },
    );
  }
  // Control characters other than tab, line breaks and form feed are no text a phone shows: almost always debris from
  // a CRM export (NUL, BEL, ESC…). Checked on the text that would be sent, after smart encoding.
  const controls = controlCharacterPositions(checked.text);
  if (controls.length > 0) {
    const shown = controls
      .slice(0, 5)
      .map((at) => `U+${checked.text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} at position ${at}`)
      .join(', ');
    throw new TextbridgeError('INVALID_TEXT', `${field} contains control characters that phones cannot show: ${shown}.`, {
      field,
      hint: 'Remove the control characters (often left over from a spreadsheet or CRM export), then send again.',
      details: { positions: controls.slice(0, 10) },
    });
  }
  if (isSms && checked.exceedsPlivoLimit) {
    throw new TextbridgeError(
      'MESSAGE_TOO_LONG',
      `${field} is too long for Plivo: ${checked.characterCount} characters in ${checked.encoding} make ${checked.segmentCount} parts.`,
      { field, details: { encoding: checked.encoding, characterCount: checked.characterCount, segmentCount: checked.segmentCount } },
    );
  }
  return checked;
}

/** C0 controls except TAB, LF, FF and CR; DEL; C1 controls. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;

function controlCharacterPositions(text: string): number[] {
  return [...text.matchAll(CONTROL_CHARACTER)].map((match) => match.index);
}

function invalidInput(index: number, name: string, problem: string, hint: string): TextbridgeError {
  return new TextbridgeError('INVALID_INPUT', `${messageField(index, name)} ${problem}.`, {
    field: messageField(index, name),
    hint,
  });
}

/** Errors from shared validators name the field relative to the message; make it `messages[i].<field>`. */
function asFieldError(error: unknown, index: number): TextbridgeError {
  if (!(error instanceof TextbridgeError)) {
    return new TextbridgeError('INVALID_INPUT', `${messageField(index)} could not be checked: ${String(error)}.`, {
      field: messageField(index),
      cause: error,
    });
  }
  if (error.field?.startsWith(messageField(index))) return error;
  const field = error.field ? messageField(index, error.field) : messageField(index);
  const message = error.message.startsWith(`${messageField(index)}:`) ? error.message : `${field}: ${error.message}`;
  return new TextbridgeError(error.code, message, { field, hint: error.hint, details: error.details, cause: error });
}

function pickDefined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
