import { describe, expect, it } from 'vitest';
import { DELIVERY_ERROR_CODES, describeDeliveryError, isDeliveryError } from '../../src/index.js';

describe('describeDeliveryError', () => {
  it.each([
    ['10', /invalid message/i, true],
    ['20', /network error/i, false],
    ['30', /spam/i, true],
    ['40', /invalid source/i, true],
    ['50', /invalid destination/i, true],
    ['60', /loop/i, true],
    ['70', /permanently unavailable/i, true],
    ['80', /temporarily unavailable/i, false],
    ['90', /no route/i, true],
    ['100', /prohibited by carrier/i, true],
    ['110', /too long/i, true],
    ['200', /opted out.*STOP/i, true],
    ['420', /expired/i, false],
    ['450', /country barred/i, true],
    ['900', /insufficient credit/i, false],
    ['1000', /unknown error/i, false],
  ])('code %s', (code, reason, permanent) => {
    const info = describeDeliveryError(code);
    expect(info.code).toBe(code);
    expect(info.reason).toMatch(reason);
    expect(info.permanent).toBe(permanent);
    expect(describeDeliveryError(Number(code))).toEqual(info);
    expect(isDeliveryError(code)).toBe(true);
  });

  it('covers exactly the published table', () => {
    expect(Object.keys(DELIVERY_ERROR_CODES).sort((a, b) => Number(a) - Number(b))).toEqual([
      '10',
      '20',
      '30',
      '40',
      '50',
      '60',
      '70',
      '80',
      '90',
      '100',
      '110',
      '200',
      '420',
      '450',
      '900',
      '1000',
    ]);
  });

  it.each(['000', '0', '', '  ', null, undefined, 0])('reads %j as no error', (code) => {
    expect(isDeliveryError(code)).toBe(false);
    expect(describeDeliveryError(code)).toMatchObject({ code: '000', permanent: false });
  });

  it('normalises spacing and leading zeros', () => {
    expect(describeDeliveryError(' 0200 ')).toEqual(describeDeliveryError('200'));
  });

  it('still explains codes it does not know', () => {
    const info = describeDeliveryError('7777');
    expect(info).toMatchObject({ code: '7777', permanent: false });
    expect(info.reason).toContain('7777');
    const odd = describeDeliveryError('E-TIMEOUT');
    expect(odd.reason).toContain('E-TIMEOUT');
    expect(describeDeliveryError('9'.repeat(500)).reason.length).toBeLessThan(200);
  });
});
