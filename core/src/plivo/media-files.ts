// Files for an MMS, checked against Plivo's limits before anything is uploaded or sent: how many, which content
// types, how big each one is and all of them together. Errors name the host's field and the file the way the user
// knows it (an n8n binary property, a Zapier file input), say what is wrong and what to do.
import { TextbridgeError } from '../errors/index.js';
import {
  MEDIA_TYPE_ALIASES,
  MEDIA_TYPES_BY_EXTENSION,
  MEGABYTE,
  PLIVO_MEDIA_LIMITS,
  PLIVO_MMS_CONTENT_TYPES,
  UNKNOWN_MEDIA_TYPES,
} from './media-limits.js';

/** A file to attach: its bytes and what the host knows about it. */
export interface MediaFile {
  /** The name the receiving phone may show; a missing one becomes `file1`, `file2`… */
  fileName?: string | undefined;
  /** MIME type (parameters such as `; charset=…` are ignored); unknown types are told from the file name. */
  contentType?: string | undefined;
  data: Uint8Array;
}

/** A file that passed the checks: its name and its content type as Plivo takes it. */
export interface CheckedMediaFile {
  fileName: string;
  contentType: string;
  data: Uint8Array;
}

export interface MediaFileLabels {
  /** The host field that holds the files, e.g. `options.mediaFromBinary` or `media_files`. */
  field: string;
  /** Names the file at `index` as the user knows it (default `field[index]`), e.g. the binary property `data`. */
  file?: (index: number) => string;
}

/** The message the files go with, as a host gives it (e.g. the send input): only its text and media URLs count. */
export interface MediaCheckOptions {
  /** Media URLs of the same message: Plivo counts them with the files. */
  mediaUrls?: unknown;
  /** The message text: Plivo's size limit covers text and media together. */
  text?: unknown;
}

const ACCEPTED = new Set(PLIVO_MMS_CONTENT_TYPES);

/** Bytes as the user reads them: `2.35 MB (2345678 bytes)`. */
export function describeSize(bytes: number): string {
  return `${(bytes / MEGABYTE).toFixed(2)} MB (${bytes} bytes)`;
}

/** The type Plivo would read: lower case, no parameters, known aliases resolved, unknown types told by extension. */
export function mediaContentType(contentType: string | undefined, fileName: string): string {
  const bare = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const type = MEDIA_TYPE_ALIASES[bare] ?? bare;
  if (!UNKNOWN_MEDIA_TYPES.includes(type)) return type;
  return MEDIA_TYPES_BY_EXTENSION[/\.([^.]*)$/.exec(fileName)?.[1]!.toLowerCase() ?? ''] ?? type;
}

function fail(message: string, field: string, hint: string): never {
  throw new TextbridgeError('INVALID_INPUT', message, { field, hint });
}

/**
 * Checks MMS files against Plivo's limits — at most 10 media per message (with media URLs), accepted content types,
 * 2 MB per file, under 5 MB with the text — and returns them with the content type Plivo takes. Throws an
 * INVALID_INPUT TextbridgeError naming the field and the file (also for an empty list). Sends nothing: hosts call it
 * before uploading.
 */
export function checkMediaFiles(
  files: readonly MediaFile[],
  labels: MediaFileLabels,
  options: MediaCheckOptions = {},
): CheckedMediaFile[] {
  const { field } = labels;
  const nameOf = labels.file ?? ((index: number) => `${field}[${index}]`);
  const { maxMediaPerMessage: maxCount, maxFileBytes, maxMessageBytes } = PLIVO_MEDIA_LIMITS;
  if (!Array.isArray(files) || files.length === 0) fail(`${field} lists no files.`, field, 'Attach at least one file.');
  const count = files.length + (Array.isArray(options.mediaUrls) ? options.mediaUrls.length : 0);
  const text = typeof options.text === 'string' ? options.text : '';
  if (count > maxCount) {
    fail(
      `${field}: ${count} files and media URLs; Plivo takes at most ${maxCount} per MMS.`,
      field,
      'Attach fewer files, or send the rest in another message.',
    );
  }
  let total = new TextEncoder().encode(text).byteLength;
  const checked = files.map((file, index): CheckedMediaFile => {
    const name = nameOf(index);
    if (!(file?.data instanceof Uint8Array)) fail(`${name} is not a file.`, name, 'Attach the file itself, not its name.');
    const fileName = file.fileName?.trim() || `file${index + 1}`;
    const which = `${name} ("${fileName}")`;
    const size = file.data.byteLength;
    if (size === 0) fail(`${which} is empty.`, name, 'Check the step that produced the file.');
    const contentType = mediaContentType(file.contentType, fileName);
    if (!ACCEPTED.has(contentType)) {
      fail(
        `${which} is of type ${contentType || 'unknown'}, which Plivo does not accept for MMS.`,
        name,
        `Send one of: ${PLIVO_MMS_CONTENT_TYPES.join(', ')}.`,
      );
    }
    if (size > maxFileBytes) {
      fail(`${which} is ${describeSize(size)}; Plivo accepts at most ${maxFileBytes / MEGABYTE} MB per file.`, name, 'Compress or resize the file.');
    }
    total += size;
    return { fileName, contentType, data: file.data };
  });
  if (total >= maxMessageBytes) {
    fail(
      `${field}: the files${text ? ' and text' : ''} come to ${describeSize(total)}; an MMS must stay under ${maxMessageBytes / MEGABYTE} MB.`,
      field,
      'Attach fewer or smaller files, or split them over several messages.',
    );
  }
  return checked;
}
