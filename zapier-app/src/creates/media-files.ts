// Send SMS's "Media Files" input: Zapier hands files as URLs (hydrated); each is downloaded, the lot checked by core
// against Plivo's MMS limits (nothing is uploaded when one is wrong), uploaded with Plivo's Media API, and sent as
// media ids.
import { TextbridgeError } from '@textbridge/core/errors';
import { checkMediaFiles, type MediaCheckOptions, type MediaFile, type PlivoClient } from '@textbridge/core/plivo';
import type { ZObject } from 'zapier-platform-core';

export const MEDIA_FILES_KEY = 'media_files';

/** The file URLs of the input: a list, one URL, or nothing. */
function fileUrls(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** `filename="a.png"` (or RFC 5987 `filename*=UTF-8''a.png`) of a Content-Disposition header. */
function dispositionName(header: string | null): string | undefined {
  const extended = header?.match(/filename\*=(?:UTF-8'')?([^;]+)/i)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  return header?.match(/filename="?([^";]+)"?/i)?.[1]?.trim();
}

function urlName(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last === undefined ? undefined : decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

async function download(z: ZObject, url: string, index: number): Promise<MediaFile> {
  const field = `${MEDIA_FILES_KEY}[${index}]`;
  const response = await z.request({ url, method: 'GET', raw: true, skipThrowForStatus: true });
  if (response.status < 200 || response.status >= 300) {
    throw new TextbridgeError('INVALID_INPUT', `${field}: the file could not be downloaded (HTTP ${response.status}).`, {
      field,
      hint: 'Map a file (or a public link to one) from an earlier step.',
    });
  }
  const data = await response.buffer();
  return {
    fileName: dispositionName(response.headers.get('content-disposition')) ?? urlName(url),
    contentType: response.headers.get('content-type') ?? undefined,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

/** Downloads, checks and uploads the step's files; their media ids (none when the input is empty). */
export async function uploadMediaFiles(
  z: ZObject,
  client: PlivoClient,
  inputData: Record<string, unknown>,
  message: MediaCheckOptions,
): Promise<string[]> {
  const urls = fileUrls(inputData[MEDIA_FILES_KEY]);
  if (urls.length === 0) return [];
  const files: MediaFile[] = [];
  for (const [index, url] of urls.entries()) files.push(await download(z, url, index));
  const checked = checkMediaFiles(files, { field: MEDIA_FILES_KEY }, message);
  return client.uploadMedia(checked);
}
