// A multipart/form-data body (RFC 7578) built from bytes, the way Plivo's SDKs upload media: one `file` part per
// file, with its file name and content type. Built here, without a form-data dependency and without Buffer, so it runs
// inside any host (n8n, Zapier) and the transport only carries bytes.
import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  /** The form field name (Plivo's Media API: `file`, repeated). */
  name: string;
  fileName: string;
  contentType: string;
  data: Uint8Array;
}

export interface MultipartBody {
  body: Uint8Array;
  /** The Content-Type header, with the boundary. */
  contentType: string;
}

/**
 * Quotes a header parameter as browsers and undici's FormData do (WHATWG HTML "multipart/form-data encoding"):
 * line breaks and double quotes percent-encoded, everything else as UTF-8.
 */
function quoted(value: string): string {
  return `"${value.replace(/[\r\n"]/g, encodeURIComponent)}"`;
}

/** Dashes and 96 random bits, as hex: never found in a file by chance in practice. */
export function newBoundary(): string {
  return `----textbridge${Array.from(randomBytes(12), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export function buildMultipartBody(files: readonly MultipartFile[], boundary: string = newBoundary()): MultipartBody {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const file of files) {
    chunks.push(
      encoder.encode(
        `--${boundary}\r\n` +
          `Content-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.fileName)}\r\n` +
          `Content-Type: ${file.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
      ),
      file.data,
      encoder.encode('\r\n'),
    );
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
