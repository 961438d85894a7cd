// `…/Media/`: the Media API — upload files for MMS (multipart, as the SDKs' `media.upload()` sends them), list them
// (newest first, with Plivo's paging) and get one. Uploaded media are what `media_ids` on a send refer to. An upload
// is bounded by the sandbox's request body limit (2 MiB), below Plivo's 5 MB per file.
import { randomUUID } from 'node:crypto';
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
  const { state } = request.ctx;
  const objects = (files as UploadedFile[]).map((file) => {
    const media: SandboxMedia = {
      mediaId: randomUUID(),
      fileName: file.fileName || 'upload',
      contentType: file.contentType,
      size: file.size,
      uploadedAt: Date.now(),
    };
    state.media.set(media.mediaId, media);
    return { ...mediaRecord(request, media), status: 'success', status_code: 201 };
  });
  return { status: 202, body: { api_id: newApiId(), objects } };
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
