// Data module: the signature headers Plivo sends, and how host platforms rename them.
export const PLIVO_SIGNATURE_HEADERS = {
  v2: 'X-Plivo-Signature-V2',
  v2Nonce: 'X-Plivo-Signature-V2-Nonce',
  maV2: 'X-Plivo-Signature-Ma-V2',
  v3: 'X-Plivo-Signature-V3',
  v3Nonce: 'X-Plivo-Signature-V3-Nonce',
  maV3: 'X-Plivo-Signature-Ma-V3',
} as const;

/**
 * Prefixes some hosts put before forwarded header names: Zapier (`Http-X-Plivo-Signature-V3`) and CGI-style
 * servers (`HTTP_X_PLIVO_SIGNATURE_V3`). Compared after lower-casing and turning `_` into `-`.
 */
export const FORWARDED_HEADER_PREFIXES = ['http-'] as const;
