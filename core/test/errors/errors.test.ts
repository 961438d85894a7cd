import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_HINTS, TextbridgeError, isTextbridgeError, redactSecrets } from '../../src/index.js';

describe('TextbridgeError', () => {
  it('carries a stable code, the default hint and structured detail', () => {
    const error = new TextbridgeError('RATE_LIMITED', 'Plivo answered 429', { status: 429, retryAfterMs: 2000, apiId: 'a1' });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.hint).toBe(ERROR_HINTS.RATE_LIMITED);
    expect(error.toJSON()).toEqual({
      name: 'TextbridgeError',
      code: 'RATE_LIMITED',
      message: 'Plivo answered 429',
      hint: ERROR_HINTS.RATE_LIMITED,
      status: 429,
      apiId: 'a1',
      retryAfterMs: 2000,
    });
    expect(isTextbridgeError(error, 'RATE_LIMITED')).toBe(true);
    expect(isTextbridgeError(error, 'NETWORK')).toBe(false);
    expect(isTextbridgeError(new Error('x'))).toBe(false);
  });

  it('has a hint for every code', () => {
    for (const code of ERROR_CODES) expect(ERROR_HINTS[code].length).toBeGreaterThan(10);
  });

  it('redacts secrets from text', () => {
    expect(redactSecrets('token=SECRET123 and SECRET123', ['SECRET123', undefined])).toBe('token=[redacted] and [redacted]');
  });
});
