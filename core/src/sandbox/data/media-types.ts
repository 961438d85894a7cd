// Data module: content types the sandbox reports for MMS media, by the file extension of the media URL (the sandbox
// never downloads media, so the URL is all it knows). The table is core's (plivo/media-limits.ts): one list of the
// types Plivo accepts for MMS.
export { MEDIA_TYPES_BY_EXTENSION } from '../../plivo/media-limits.js';

export const FALLBACK_MEDIA_TYPE = 'application/octet-stream';
