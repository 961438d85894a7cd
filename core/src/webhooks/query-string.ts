// Reads a URL query exactly as Node's `querystring.parse` does (Plivo's Node SDK signs with it), without importing
// it: n8n's community rules allow no Node module but crypto in node code. querystring's quirks, kept on purpose:
// `+` is a space; a key or value is decoded only once its "escape detector" has seen a valid `%XX` — and the key's
// characters after its own first escape feed the value's detector; bad escapes fall back to byte-wise decoding; empty
// pairs are skipped but count towards the first 1,000 pairs read (its default maxKeys).
const MAX_PAIRS = 1000;

const isHex = (char: string | undefined): boolean => char !== undefined && /^[0-9a-fA-F]$/.test(char);

/** Which parts of one `key=value` pair querystring would decode. */
function encodedParts(key: string, value: string): { key: boolean; value: boolean } {
  let keyEncoded = false;
  let valueEncoded = false;
  let check = 0;
  const feedValue = (char: string): void => {
    if (valueEncoded) return;
    if (char === '%') check = 1;
    else if (check > 0) check = isHex(char) ? check + 1 : 0;
    if (check === 3) valueEncoded = true;
  };
  for (const char of key) {
    if (!keyEncoded) {
      if (char === '%') {
        check = 1;
        continue;
      }
      if (check > 0) {
        if (isHex(char)) {
          check += 1;
          if (check === 3) keyEncoded = true;
          continue;
        }
        check = 0;
      }
    }
    if (char !== '+') feedValue(char);
  }
  check = 0;
  for (const char of value) if (char !== '+') feedValue(char);
  return { key: keyEncoded, value: valueEncoded };
}

/** Every key with its values, in the order they appear. */
export function parseQueryValues(query: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const pairs = query === '' ? [] : query.split('&');
  // A trailing `&` leaves an empty last piece that querystring never reads.
  const readable = Math.min(pairs.length - (pairs.at(-1) === '' ? 1 : 0), MAX_PAIRS);
  for (let index = 0; index < readable; index += 1) {
    const pair = pairs[index]!;
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const encoded = encodedParts(rawKey, rawValue);
    const key = decodeComponent(rawKey, encoded.key);
    const value = decodeComponent(rawValue, encoded.value);
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  return values;
}

function decodeComponent(text: string, encoded: boolean): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!encoded || spaced === '') return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return decodeBytes(spaced);
  }
}

/**
 * querystring's fallback for text decodeURIComponent refuses: valid escapes become bytes, every other UTF-16 unit
 * keeps only its low byte (as Node does), and the bytes are read as UTF-8 (bad sequences become U+FFFD).
 */
function decodeBytes(text: string): string {
  const bytes = new Uint8Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; ) {
    if (text[i] === '%' && isHex(text[i + 1]) && isHex(text[i + 2])) {
      bytes[length++] = Number.parseInt(text.slice(i + 1, i + 3), 16);
      i += 3;
    } else {
      bytes[length++] = text.charCodeAt(i) & 0xff;
      i += 1;
    }
  }
  return new TextDecoder().decode(bytes.subarray(0, length));
}
