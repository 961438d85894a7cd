// Data module: Plivo's limits for MMS media and the content types it takes. Sources (Plivo docs, 2024–2026):
// Upload Media — "up to 10 attachments in an upload API/SDK call with a maximum of 2MB per attachment"; the support
// article on MMS file types — "up to 10 attachments (with a combination of media_urls and media_ids) … as long as the
// total size of the message body text and all attachments is less than 5MB" (error 120 otherwise). Plivo writes MB
// without saying which: decimal megabytes are used, the stricter reading, so nothing checked here fails at Plivo.
export const MEGABYTE = 1_000_000;

export const PLIVO_MEDIA_LIMITS = {
  /** media_urls and media_ids together, per message. */
  maxMediaPerMessage: 10,
  /** Files in one Media upload call. */
  maxFilesPerUpload: 10,
  maxFileBytes: 2 * MEGABYTE,
  /** Text and media of one message together must stay below this. */
  maxMessageBytes: 5 * MEGABYTE,
} as const;

/**
 * Content types by file extension, for files whose type is unknown (no type, or application/octet-stream, as file
 * stores often answer) and for the sandbox, which only sees media URLs. Each is a type Plivo accepts for MMS.
 */
export const MEDIA_TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  '3gp': 'video/3gpp',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  amr: 'audio/amr',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
  vcf: 'text/vcard',
  ics: 'text/calendar',
  txt: 'text/plain',
  csv: 'text/csv',
};

/**
 * Content types Plivo accepts for MMS media: the formats its docs name (JPEG, PNG, GIF, MP4, PDF, text) and the MIME
 * types in its MMS support article — every type of the table above, and these other spellings. JPEG, PNG and GIF are
 * the ones Plivo adapts to the receiving phone.
 */
export const PLIVO_MMS_CONTENT_TYPES: readonly string[] = [
  ...new Set(Object.values(MEDIA_TYPES_BY_EXTENSION)),
  'audio/mp3',
  'audio/x-wav',
  'audio/3gpp',
  'text/x-vcard',
];

/** Types that say "unknown": the extension decides instead. */
export const UNKNOWN_MEDIA_TYPES: readonly string[] = ['', 'application/octet-stream', 'binary/octet-stream'];

/** Other spellings seen in the wild, read as the type Plivo knows. */
export const MEDIA_TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/x-m4a': 'audio/mp4',
  'audio/wave': 'audio/wav',
};
