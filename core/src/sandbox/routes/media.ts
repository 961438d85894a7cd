// `…/Media/`: the Media API — upload files for MMS (multipart, as the SDKs' `media.upload()` sends them), list them
// (newest first, with Plivo's paging) and get one. Uploaded media are what `media_ids` on a send refer to. Like Plivo,
// an upload takes at most 10 files of at most 2 MB, of the content types Plivo accepts for MMS (core's data module);
// the server gives this route a body limit large enough for that.
import { randomUUID } from 'node:crypto';
import { mediaContentType } from '../../plivo/media-files.js';
import { PLIVO_MEDIA_LIMITS, PLIVO_MMS_CONTENT_TYPES } from '../../plivo/media-limits.js';
import type { ApiRequest } from '../context.js';
import { isUploadedFile, plivoRequestError, type Reply, type UploadedFile } from '../http.js';
import { readPaging } from '../list-params.js';
import { accountPath, listMeta, newApiId } from '../shapes.js';
import type { SandboxMedia } from '../state.js';
import { recordTime } from '../time-format.js';

export function mediaPath(authId: string, mediaId: string): string {
  return `${accountPath(authId)}Media/${mediaId}/`;
}

function mediaRecord(request: ApiRequest, media: SandboxMedia): Record<string, unknown> {
  return {
    media_id: media.mediaId,
    file_name: media.fileName,
    content_type: media.contentType,
    size: media.size,
    upload_time: recordTime(media.uploadedAt),
    media_url: `${request.origin}${mediaPath(request.ctx.options.authId, media.mediaId)}`,
  };
}

export function uploadMedia(request: ApiRequest): Reply {
  const given = request.params.file;
  const files = (Array.isArray(given) ? given : given === undefined ? [] : [given]) as unknown[];
  if (files.length === 0) throw plivoRequestError(400, 'file is required: upload it as multipart/form-data', 'file');
  if (!files.every(isUploadedFile)) throw plivoRequestError(400, 'file should be a file part of a multipart/form-data body', 'file');
  const uploads = (files as UploadedFile[]).map(checkedUpload);
  if (uploads.length > PLIVO_MEDIA_LIMITS.maxFilesPerUpload) {
    throw plivoRequestError(400, `too many files: at most ${PLIVO_MEDIA_LIMITS.maxFilesPerUpload} files can be uploaded at once`, 'file');
  }
  const { state } = request.ctx;
  const objects = uploads.map((file) => {
    const media: SandboxMedia = { mediaId: randomUUID(), ...file, uploadedAt: Date.now() };
    state.media.set(media.mediaId, media);
    return { ...mediaRecord(request, media), status: 'success', status_code: 201 };
  });
  return { status: 202, body: { api_id: newApiId(), objects } };
}

/** A file as Plivo would store it, or the 400 Plivo gives a file it refuses (checked before anything is stored). */
function checkedUpload(file: UploadedFile): Omit<SandboxMedia, 'mediaId' | 'uploadedAt'> {
  const fileName = file.fileName || 'upload';
  const contentType = mediaContentType(file.contentType, fileName);
  if (file.size === 0) throw plivoRequestError(400, `file ${fileName} is empty`, 'file');
  if (!PLIVO_MMS_CONTENT_TYPES.includes(contentType)) {
    throw plivoRequestError(400, `file ${fileName}: content type ${contentType} is not supported for mms`, 'file');
  }
  if (file.size > PLIVO_MEDIA_LIMITS.maxFileBytes) {
    throw plivoRequestError(400, `file ${fileName} is larger than the maximum size of 2MB`, 'file');
  }
  return { fileName, contentType, size: file.size };
}

export function getMedia(request: ApiRequest): Reply {
  const media = request.ctx.state.media.get(request.pathParams[0] ?? '');
  if (!media) throw plivoRequestError(404, 'not found', 'media_id');
  return { status: 200, body: { api_id: newApiId(), ...mediaRecord(request, media) } };
}

export function listMedia(request: ApiRequest): Reply {
  const { limit, offset } = readPaging(request.params);
  const all = [...request.ctx.state.media.values()].reverse();
  return {
    status: 200,
    body: {
      api_id: newApiId(),
      meta: listMeta(`${accountPath(request.ctx.options.authId)}Media/`, {}, limit, offset, all.length),
      objects: all.slice(offset, offset + limit).map((media) => mediaRecord(request, media)),
    },
  };
}
