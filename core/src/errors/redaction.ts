// Keeps credentials out of everything an error can show: its message, stack, cause chain (Errors, strings, objects),
// AggregateError members, details and request echoes — in every form a token takes on the wire (raw, URL- and
// form-encoded, JSON-escaped, base64 alone or inside a Basic `authId:authToken` value). One redactor, used by the
// Plivo client for every error it lets out and by the hosts as a last guard.

/** Secrets shorter than this are not redacted: they would match ordinary words and garble every message. */
const MIN_SECRET_LENGTH = 4;
/** A base64 fragment shorter than this could occur by chance in ordinary text. */
const MIN_BASE64_FRAGMENT = 8;
/** How deep and how many values one redaction walks; beyond, values are replaced rather than shown unchecked. */
const MAX_DEPTH = 64;
const MAX_VALUES = 20_000;

const PREFERRED_MARKERS = ['[redacted]', '<redacted>', '(redacted)', '{redacted}', '***'] as const;
const FALLBACK_MARKER_CHARS = '*#~^|_=!?%@XQZ0123456789';

export type SecretList = readonly (string | null | undefined)[];

/** The values to keep out of errors for a Plivo account: the token and the Basic credential built from it. */
export function credentialSecrets(authId: unknown, authToken: unknown): string[] {
  if (typeof authToken !== 'string' || authToken === '') return [];
  const ids = typeof authId === 'string' ? [...new Set([authId, authId.trim()])] : [''];
  return [authToken, ...ids.map((id) => base64(`${id}:${authToken}`))];
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function withLowercaseEscapes(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * The parts of base64 that only the secret's bytes decide, for each of the three byte alignments it can have inside a
 * longer encoded value (e.g. `id:token`): catches the token in a Basic value whatever the user part was.
 */
function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const fragments: string[] = [];
  for (const offset of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    // Leading characters mixing in the unknown prefix bytes, and a trailing one mixing in unknown suffix bytes.
    const skip = [0, 2, 3][offset] ?? 0;
    const partial = padded.length % 3 === 0 ? 0 : 1;
    const fragment = encoded.slice(skip, encoded.length - partial);
    if (offset === 0) fragments.push(encoded);
    if (fragment.length >= MIN_BASE64_FRAGMENT) fragments.push(fragment);
  }
  return fragments.flatMap((fragment) => [fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_'), fragment.replace(/\//g, '\\/')]);
}

/** JSON as encoders that escape every non-ASCII character (and `/`) write it. */
function asciiJsonEscaped(text: string): string {
  return jsonEscaped(text)
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

function htmlEscaped(text: string): string[] {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [escaped, escaped.replace(/'/g, '&#39;'), escaped.replace(/'/g, '&#x27;')];
}

/** Every form a secret takes in URLs, form bodies, JSON, markup and Basic credentials. */
function formsOf(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const strictUri = uri.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  const form = new URLSearchParams([['', secret]]).toString().slice(1);
  return [
    secret,
    uri,
    withLowercaseEscapes(uri),
    strictUri,
    withLowercaseEscapes(strictUri),
    encodeURIComponent(uri),
    encodeURI(secret),
    form,
    withLowercaseEscapes(form),
    jsonEscaped(secret),
    jsonEscaped(jsonEscaped(secret)),
    asciiJsonEscaped(secret),
    asciiJsonEscaped(asciiJsonEscaped(secret)),
    ...htmlEscaped(secret),
    ...base64Fragments(secret),
  ];
}

/** True when an occurrence of `form` could be made (partly) of marker characters. */
function overlaps(form: string, marker: string): boolean {
  if (form.includes(marker) || marker.includes(form)) return true;
  for (let length = 1; length < Math.min(form.length, marker.length); length++) {
    if (marker.endsWith(form.slice(0, length)) || marker.startsWith(form.slice(-length))) return true;
  }
  return false;
}

/**
 * A replacement that cannot combine with the text around it into a secret again, so one pass removes every
 * occurrence (a token such as `d]d]` would reappear around "[redacted]").
 */
function pickMarker(forms: readonly string[]): string {
  const safe = (marker: string): boolean => forms.every((form) => !overlaps(form, marker));
  const preferred = PREFERRED_MARKERS.find(safe);
  if (preferred) return preferred;
  const unused = [...FALLBACK_MARKER_CHARS].find((char) => forms.every((form) => !form.includes(char)));
  if (unused) return unused.repeat(3);
  for (let code = 0x2580; ; code++) {
    const char = String.fromCharCode(code);
    if (forms.every((form) => !form.includes(char))) return char.repeat(3);
  }
}

export interface Redactor {
  /** The text with every form of every secret replaced. */
  text(text: string): string;
  /** True when the text shows a secret in any form. */
  leaks(text: string): boolean;
  /**
   * A copy of any value — an Error (its class, message, stack, cause, AggregateError members and own properties
   * kept), an object, an array, a string — with every secret removed; the value itself when it holds none.
   */
  value<T>(value: T): T;
}

export function createRedactor(secrets: SecretList): Redactor {
  const bases = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))];
  const forms = [...new Set(bases.flatMap(formsOf))]
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  const marker = pickMarker(forms);
  const leaks = (text: string): boolean => forms.some((form) => text.includes(form));
  const text = (input: string): string => {
    let out = input;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(marker);
    return out;
  };
  const value = <T>(input: T): T => (forms.length === 0 ? input : (new ValueRedactor(text, leaks).clean(input, 0) as T));
  return { text, leaks, value };
}

/**
 * The same object with every method's failures redacted: sync throws, rejected promises, and errors thrown while
 * iterating a returned async generator. The one place a client's errors pass on their way out.
 */
export function withRedactedErrors<T extends object>(target: T, secrets: SecretList): T {
  const redactor = createRedactor(secrets);
  const wrapped: Record<PropertyKey, unknown> = {};
  for (const key of Reflect.ownKeys(target)) {
    const member = (target as Record<PropertyKey, unknown>)[key];
    wrapped[key] = typeof member === 'function' ? redactingMethod(member as (...args: unknown[]) => unknown, target, redactor) : member;
  }
  return wrapped as T;
}

function redactingMethod(method: (...args: unknown[]) => unknown, self: object, redactor: Redactor): (...args: unknown[]) => unknown {
  return function (...args: unknown[]): unknown {
    let result: unknown;
    try {
      result = method.apply(self, args);
    } catch (error) {
      throw redactor.value(error);
    }
    if (isAsyncGenerator(result)) return redactingGenerator(result, redactor);
    if (isThenable(result)) {
      return Promise.resolve(result).catch((error: unknown) => {
        throw redactor.value(error);
      });
    }
    return result;
  };
}

async function* redactingGenerator<T>(generator: AsyncGenerator<T, unknown, unknown>, redactor: Redactor): AsyncGenerator<T, unknown, unknown> {
  try {
    return yield* generator;
  } catch (error) {
    throw redactor.value(error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isAsyncGenerator(value: unknown): value is AsyncGenerator<unknown, unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { next?: unknown }).next === 'function' &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/** Removes every given secret (and the forms it takes on the wire) from a text. */
export function redactSecrets(text: string, secrets: SecretList): string {
  return createRedactor(secrets).text(text);
}

/** A copy of an error (or any value) with every given secret removed, wherever in it the secret was. */
export function redactError<T>(error: T, secrets: SecretList): T {
  return createRedactor(secrets).value(error);
}

const TRUNCATED = '[not shown: nested too deep]';

/**
 * Redacts one value in two passes: the first finds every object that shows a secret itself or reaches one that does
 * (through properties, causes, members, cycles included); the second copies exactly those, so clean values keep their
 * identity and no copy still points at an original that shows a secret.
 */
class ValueRedactor {
  /** Objects reached, with the objects they point to. */
  readonly #children = new Map<object, object[]>();
  readonly #parents = new Map<object, object[]>();
  readonly #tainted = new Set<object>();
  /** Reached beyond the depth or size budget: shown as a placeholder, never unchecked. */
  readonly #overBudget = new Set<object>();
  readonly #copies = new Map<object, unknown>();

  constructor(
    private readonly redactText: (text: string) => string,
    private readonly leaksText: (text: string) => boolean,
  ) {}

  clean(value: unknown, depth: number): unknown {
    if (typeof value === 'object' && value !== null && depth === 0) {
      this.explore(value, 0);
      this.spreadTaint();
    }
    return this.cleanValue(value, depth);
  }

  private leaksPrimitive(value: unknown): boolean {
    if (typeof value === 'string') return this.leaksText(value);
    if (typeof value === 'number' || typeof value === 'bigint') return this.leaksText(String(value));
    if (typeof value === 'symbol') return value.description !== undefined && this.leaksText(value.description);
    return false;
  }

  private explore(value: object, depth: number): void {
    if (this.#children.has(value)) return;
    const children: object[] = [];
    this.#children.set(value, children);
    if (depth >= MAX_DEPTH || this.#children.size > MAX_VALUES) {
      this.#overBudget.add(value);
      this.#tainted.add(value);
      return;
    }
    let leaks = false;
    const visit = (item: unknown): void => {
      if (typeof item === 'object' && item !== null) {
        children.push(item);
        const parents = this.#parents.get(item);
        if (parents) parents.push(value);
        else this.#parents.set(item, [value]);
        this.explore(item, depth + 1);
      } else if (this.leaksPrimitive(item)) {
        leaks = true;
      }
    };
    try {
      for (const item of this.parts(value)) visit(item);
      // What an error or a class instance shows of itself beyond its own properties.
      if (isError(value)) leaks ||= [value.name, value.message, value.stack].some((text) => this.leaksPrimitive(text));
      else if (!isPlainOrBuiltin(value)) leaks ||= textualForms(value).some((text) => this.leaksText(text));
    } catch {
      leaks = true; // unreadable: not shown as it is
    }
    if (leaks) this.#tainted.add(value);
  }

  /** Keys and values an object shows (own properties of any kind, entries of maps and sets, text of binary data). */
  private parts(value: object): unknown[] {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return [bytesText(value)];
    if (value instanceof Date) return [];
    if (value instanceof Map) return [...value].flat();
    if (value instanceof Set) return [...value];
    const own = Reflect.ownKeys(value).flatMap((key) => [key, readProperty(value, key)]);
    return Array.isArray(value) ? own : [...own, ...collectionEntries(value)];
  }

  /** Whatever reaches a tainted object is tainted too. */
  private spreadTaint(): void {
    const queue = [...this.#tainted];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const parent of this.#parents.get(next) ?? []) {
        if (this.#tainted.has(parent)) continue;
        this.#tainted.add(parent);
        queue.push(parent);
      }
    }
  }

  private cleanValue(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'symbol') {
      if (!this.leaksPrimitive(value)) return value;
      return typeof value === 'symbol' ? Symbol(this.redactText(value.description ?? '')) : this.redactText(String(value));
    }
    if (typeof value !== 'object' || value === null) return value;
    if (!this.#tainted.has(value)) return value;
    if (this.#copies.has(value)) return this.#copies.get(value);
    if (this.#overBudget.has(value) || depth >= MAX_DEPTH) return TRUNCATED;
    return this.copy(value, depth);
  }

  private copy(value: object, depth: number): unknown {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return this.redactText(bytesText(value));
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      this.#copies.set(value, copy);
      for (const item of value) copy.push(this.cleanValue(item, depth + 1));
      return copy;
    }
    if (value instanceof Map) {
      const copy = new Map<unknown, unknown>();
      this.#copies.set(value, copy);
      for (const [key, item] of value) copy.set(this.cleanValue(key, depth + 1), this.cleanValue(item, depth + 1));
      return copy;
    }
    if (value instanceof Set) {
      const copy = new Set<unknown>();
      this.#copies.set(value, copy);
      for (const item of value) copy.add(this.cleanValue(item, depth + 1));
      return copy;
    }
    if (isError(value)) return this.copyError(value, depth);
    const prototype = Object.getPrototypeOf(value) as object | null;
    const plain = prototype === Object.prototype || prototype === null;
    const ownKeys = Reflect.ownKeys(value);
    // A class instance showing the secret only through toString/toJSON (no own data to rebuild it from) becomes text.
    if (!plain && ownKeys.length === 0) {
      const entries = collectionEntries(value);
      if (entries.length > 0) return entries.map((entry) => this.cleanValue(entry, depth + 1));
      return this.redactText(textualForms(value)[0] ?? '');
    }
    // Class instances become plain objects: their own inspect/toString would read internals the copy lacks.
    const copy: Record<PropertyKey, unknown> = prototype === null ? Object.create(null) : {};
    this.#copies.set(value, copy);
    for (const key of ownKeys) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor?.enumerable) continue;
      copy[this.cleanKey(key)] = this.cleanValue(readProperty(value, key), depth + 1);
    }
    return copy;
  }

  /** Same class (instanceof still works) and the same own properties, each redacted; the stack is the original's. */
  private copyError(error: Error, depth: number): Error {
    const copy = new Error();
    Object.setPrototypeOf(copy, Object.getPrototypeOf(error) as object | null);
    this.#copies.set(error, copy);
    for (const key of Reflect.ownKeys(copy)) Reflect.deleteProperty(copy, key);
    for (const key of Reflect.ownKeys(error)) {
      const descriptor = Object.getOwnPropertyDescriptor(error, key);
      Object.defineProperty(copy, this.cleanKey(key), {
        value: this.cleanValue(readProperty(error, key), depth + 1),
        enumerable: descriptor?.enumerable ?? true,
        writable: true,
        configurable: true,
      });
    }
    // A name or message the class defines (not own) could still show a secret: shadow them with clean own values.
    for (const key of ['name', 'message'] as const) {
      if (Object.prototype.hasOwnProperty.call(error, key)) continue;
      const inherited = readProperty(error, key);
      if (typeof inherited === 'string' && this.leaksText(inherited)) {
        Object.defineProperty(copy, key, { value: this.redactText(inherited), enumerable: false, writable: true, configurable: true });
      }
    }
    return copy;
  }

  private cleanKey(key: string | symbol): string | symbol {
    return typeof key === 'string' && this.leaksText(key) ? this.redactText(key) : key;
  }
}

function isPlainOrBuiltin(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === Object.prototype || prototype === null || Array.isArray(value) || value instanceof Map || value instanceof Set;
}

function isError(value: object): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

function readProperty(value: object, key: PropertyKey): unknown {
  try {
    return Reflect.get(value, key);
  } catch {
    return undefined;
  }
}

function bytesText(value: ArrayBufferView | ArrayBuffer): string {
  const bytes =
    value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return Buffer.from(bytes).toString('latin1') + '\n' + Buffer.from(bytes).toString('utf8');
}

const MAX_COLLECTION_ENTRIES = 1_000;

/**
 * Entries of a collection class that keeps them out of its own properties (a Headers object): what its inspect
 * shows. Iterators themselves are left alone, since reading them would consume them.
 */
function collectionEntries(value: object): unknown[] {
  if (isPlainOrBuiltin(value) || isError(value)) return [];
  try {
    const iterate = (value as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof iterate !== 'function') return [];
    const iterator = iterate.call(value) as Iterator<unknown>;
    if (iterator === value || typeof iterator?.next !== 'function') return [];
    const entries: unknown[] = [];
    for (let step = iterator.next(); !step.done && entries.length < MAX_COLLECTION_ENTRIES; step = iterator.next()) {
      entries.push(step.value);
    }
    return entries;
  } catch {
    return [];
  }
}

/** Texts a class instance shows of itself (its own toString, its toJSON) beyond its own properties. */
function textualForms(value: object): string[] {
  const texts: string[] = [];
  try {
    const toString = (value as { toString?: unknown }).toString;
    if (typeof toString === 'function' && toString !== Object.prototype.toString) texts.push(String(value));
  } catch {
    // unreadable: nothing to show
  }
  try {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') texts.push(JSON.stringify(value) ?? '');
  } catch {
    // unreadable: nothing to show
  }
  return texts;
}
