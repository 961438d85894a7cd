import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IGNORED_OPT_IN_KEYWORDS,
  OPT_KEYWORDS,
  TextbridgeError,
  matchOptKeyword,
  parseDeliveryStatus,
  parseInboundMessage,
  plivoTimeToIso,
} from '../../src/index.js';

// Shapes as Plivo posts them (form fields, all strings).
const inboundSms = {
  From: '14156887916',
  To: '16287327914',
  Text: 'Your code is 123456',
  Type: 'sms',
  MessageUUID: '40329027-aaaa-bbbb-cccc-435716750197',
  Units: '1',
  TotalRate: '0.00000',
  TotalAmount: '0.00000',
  MessageIntent: '',
  PowerpackUUID: '',
};

const inboundMms = {
  From: '14156887916',
  To: '16287327914',
  Body: 'Look at this',
  Type: 'mms',
  MessageUUID: 'b1c2d3e4-aaaa-bbbb-cccc-000000000001',
  Units: '1',
  TotalRate: '0.01500',
  TotalAmount: '0.01500',
  MessageIntent: '',
  PowerpackUUID: '',
  MediaCount: '2',
  Media2: 'https://media.plivo.com/Account/MA0000/Message/b1c2/Media/2',
  Media1: 'https://media.plivo.com/Account/MA0000/Message/b1c2/Media/1',
};

const statusBase = {
  MessageUUID: '63941295-aaaa-bbbb-cccc-414106715783',
  From: '14156854793',
  To: '447700900123',
  Type: 'sms',
  Units: '1',
  TotalRate: '0.0050',
  TotalAmount: '0.0050',
  MCC: '234',
  MNC: '015',
  PartInfo: '1 of 1',
  ParentMessageUUID: '63941295-aaaa-bbbb-cccc-414106715783',
  Sequence: '3',
  PowerpackUUID: '',
  MessageTime: '2024-03-05 17:04:05',
  QueuedTime: '2024-03-05 17:04:05.123456',
  SentTime: '2024-03-05 17:04:06.5',
  DeliveryReportTime: '2024-03-05 17:04:09.999999',
};

function inbound(params: unknown) {
  const result = parseInboundMessage(params);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.message}`);
  return result.event;
}

function status(params: unknown) {
  const result = parseDeliveryStatus(params);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.message}`);
  return result.event;
}

describe('parseInboundMessage', () => {
  it('reads a plain SMS', () => {
    expect(inbound(inboundSms)).toEqual({
      kind: 'inbound',
      messageUuid: '40329027-aaaa-bbbb-cccc-435716750197',
      from: '+14156887916',
      fromRaw: '14156887916',
      to: '+16287327914',
      toRaw: '16287327914',
      text: 'Your code is 123456',
      type: 'sms',
      units: 1,
      intent: null,
      intentSource: null,
      keyword: null,
      media: [],
      mediaCount: 0,
      powerpackUuid: null,
      totalRate: 0,
      totalAmount: 0,
      raw: inboundSms,
    });
  });

  it('reads an MMS: Body as the text, media in index order', () => {
    const event = inbound(inboundMms);
    expect(event.text).toBe('Look at this');
    expect(event.type).toBe('mms');
    expect(event.mediaCount).toBe(2);
    expect(event.media).toEqual([
      { index: 1, url: inboundMms.Media1 },
      { index: 2, url: inboundMms.Media2 },
    ]);
    expect(event.totalRate).toBe(0.015);
    const untyped = inbound({ ...inboundMms, Type: undefined, MediaCount: undefined });
    expect(untyped.type).toBe('mms');
    expect(untyped.mediaCount).toBe(2);
  });

  it('keeps short codes and odd senders raw, next to E.164 numbers', () => {
    const event = inbound({ ...inboundSms, To: '12345', From: '+44 7700 900123' });
    expect(event.to).toBe('12345');
    expect(event.toRaw).toBe('12345');
    expect(event.from).toBe('+447700900123');
  });

  it('uses Plivo’s MessageIntent when present', () => {
    expect(inbound({ ...inboundSms, Text: 'STOP', MessageIntent: 'optout' })).toMatchObject({
      intent: 'optout',
      intentSource: 'plivo',
      keyword: 'STOP',
    });
    expect(inbound({ ...inboundSms, Text: 'Yes', MessageIntent: 'optin' })).toMatchObject({
      intent: 'optin',
      intentSource: 'plivo',
      keyword: 'YES',
    });
    expect(inbound({ ...inboundSms, Text: 'info please', MessageIntent: 'HELP' })).toMatchObject({
      intent: 'help',
      intentSource: 'plivo',
      keyword: null,
    });
  });

  it.each([
    ['STOP', 'optout', 'STOP'],
    ['  stop \n', 'optout', 'STOP'],
    ['Stop All', 'optout', 'STOP ALL'],
    ['stop   all', 'optout', 'STOP ALL'],
    ['end', 'optout', 'END'],
    ['Quit', 'optout', 'QUIT'],
    ['cancel', 'optout', 'CANCEL'],
    ['unsub', 'optout', 'UNSUB'],
    ['UNSUBSCRIBE', 'optout', 'UNSUBSCRIBE'],
    ['help', 'help', 'HELP'],
    ['Info ', 'help', 'INFO'],
    ['START', 'optin', 'START'],
    ['unstop', 'optin', 'UNSTOP'],
    ['resume', 'optin', 'RESUME'],
  ])('falls back to keywords without MessageIntent: %j', (text, intent, keyword) => {
    expect(inbound({ ...inboundSms, Text: text, MessageIntent: '' })).toMatchObject({
      intent,
      intentSource: 'keyword',
      keyword,
    });
    const { MessageIntent: _absent, ...withoutIntent } = inboundSms;
    expect(inbound({ ...withoutIntent, Text: text })).toMatchObject({ intent, keyword });
  });

  it.each(['yes', 'GO', 'please stop', 'stop.', 'STOP!', 'ſtop', 'ＳＴＯＰ', 'stopp', 'help me', '', '   '])(
    'finds no intent in %j',
    (text) => {
      expect(inbound({ ...inboundSms, Text: text })).toMatchObject({ intent: null, intentSource: null, keyword: null });
    },
  );

  it('keyword table is data, and YES/GO are deliberately not opt-ins', () => {
    expect(OPT_KEYWORDS.optout).toEqual(
      expect.arrayContaining(['STOP', 'END', 'QUIT', 'CANCEL', 'UNSUB', 'UNSUBSCRIBE', 'STOP ALL']),
    );
    expect(OPT_KEYWORDS.help).toEqual(['HELP', 'INFO']);
    expect(IGNORED_OPT_IN_KEYWORDS).toEqual(['YES', 'GO']);
    for (const keyword of IGNORED_OPT_IN_KEYWORDS) expect(matchOptKeyword(keyword)).toBeNull();
    for (const [intent, keywords] of Object.entries(OPT_KEYWORDS)) {
      for (const keyword of keywords) expect(matchOptKeyword(keyword.toLowerCase())).toEqual({ keyword, intent });
    }
  });

  it('accepts JSON-style values: numbers, one-item arrays', () => {
    const event = inbound({ ...inboundSms, From: 14156887916, To: ['16287327914'], Units: 2, TotalRate: 0.005 });
    expect(event).toMatchObject({ from: '+14156887916', to: '+16287327914', units: 2, totalRate: 0.005 });
  });

  it.each([
    [{ ...inboundSms, MessageUUID: undefined }, 'MessageUUID', /MessageUUID is missing/],
    [{ ...inboundSms, MessageUUID: '  ' }, 'MessageUUID', /missing/],
    [{ ...inboundSms, From: '' }, 'From', /From is missing/],
    [{ ...inboundSms, To: ['1', '2'] }, 'To', /2 values/],
    [{ ...inboundSms, Text: { nested: true } }, 'Text', /must be text/],
    [{ ...inboundSms, Units: 'one' }, 'Units', /whole number/],
    [{ ...inboundSms, TotalRate: '1,5' }, 'TotalRate', /decimal/],
    [{ ...inboundMms, Media1: ['a', 'b'] }, 'Media1', /2 values/],
    ['From=1&To=2', 'params', /object/],
    [null, 'params', /null/],
    [[inboundSms], 'params', /array/],
  ])('refuses invalid payload %#, naming the field', (params, field, message) => {
    const result = parseInboundMessage(params);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(TextbridgeError);
    expect(result.error.code).toBe('INVALID_WEBHOOK');
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(message);
  });
});

describe('parseDeliveryStatus', () => {
  it('reads a delivered report with timestamps in ISO and no error for 000', () => {
    expect(status({ ...statusBase, Status: 'delivered', ErrorCode: '000' })).toEqual({
      kind: 'status',
      messageUuid: statusBase.MessageUUID,
      status: 'delivered',
      errorCode: null,
      errorReason: null,
      errorPermanent: null,
      from: '+14156854793',
      fromRaw: '14156854793',
      to: '+447700900123',
      toRaw: '447700900123',
      type: 'sms',
      units: 1,
      totalRate: 0.005,
      totalAmount: 0.005,
      mcc: '234',
      mnc: '015',
      partInfo: { part: 1, total: 1 },
      parentMessageUuid: statusBase.ParentMessageUUID,
      sequence: 3,
      messageTime: '2024-03-05T17:04:05.000Z',
      queuedTime: '2024-03-05T17:04:05.123Z',
      sentTime: '2024-03-05T17:04:06.500Z',
      deliveryReportTime: '2024-03-05T17:04:09.999Z',
      powerpackUuid: null,
      raw: { ...statusBase, Status: 'delivered', ErrorCode: '000' },
    });
    expect(status({ ...statusBase, Status: 'delivered', ErrorCode: '' }).errorCode).toBeNull();
  });

  it('explains an undelivered report with ErrorCode 200 (opted out)', () => {
    const event = status({ ...statusBase, Status: 'undelivered', ErrorCode: '200' });
    expect(event.status).toBe('undelivered');
    expect(event.errorCode).toBe('200');
    expect(event.errorReason).toMatch(/opted out/i);
    expect(event.errorPermanent).toBe(true);
  });

  it('explains a failed report with ErrorCode 420 (expired) as retryable', () => {
    const event = status({
      ...statusBase,
      Status: 'failed',
      ErrorCode: '420',
      SentTime: undefined,
      DeliveryReportTime: '',
    });
    expect(event).toMatchObject({
      status: 'failed',
      errorCode: '420',
      errorPermanent: false,
      sentTime: null,
      deliveryReportTime: null,
    });
    expect(event.errorReason).toMatch(/expired/i);
  });

  it('still explains a code that is not in the table', () => {
    const event = status({ ...statusBase, Status: 'undelivered', ErrorCode: '7777' });
    expect(event.errorCode).toBe('7777');
    expect(event.errorReason).toContain('7777');
    expect(event.errorPermanent).toBe(false);
  });

  it('lower-cases the status, keeps unknown states, and keeps alphanumeric senders raw', () => {
    expect(status({ MessageUUID: 'u', Status: 'QUEUED' }).status).toBe('queued');
    expect(status({ MessageUUID: 'u', Status: 'read' }).status).toBe('read');
    const event = status({ MessageUUID: 'u', Status: 'sent', From: 'MyBrand', To: '14155550100', PartInfo: '2 of 3' });
    expect(event).toMatchObject({
      from: 'MyBrand',
      fromRaw: 'MyBrand',
      to: '+14155550100',
      partInfo: { part: 2, total: 3 },
    });
    expect(status({ MessageUUID: 'u', Status: 'sent' })).toMatchObject({
      from: null,
      to: null,
      units: null,
      mcc: null,
    });
  });

  it.each([
    [{ Status: 'delivered' }, 'MessageUUID'],
    [{ MessageUUID: 'u' }, 'Status'],
    [{ MessageUUID: 'u', Status: 'not a word!' }, 'Status'],
    [{ MessageUUID: 'u', Status: 'sent', MessageTime: 'yesterday' }, 'MessageTime'],
    [{ MessageUUID: 'u', Status: 'sent', SentTime: '2024-02-30 10:00:00' }, 'SentTime'],
    [{ MessageUUID: 'u', Status: 'sent', PartInfo: 'first' }, 'PartInfo'],
    [{ MessageUUID: 'u', Status: 'sent', MCC: 'abc' }, 'MCC'],
    [{ MessageUUID: 'u', Status: 'sent', Sequence: '-1' }, 'Sequence'],
  ])('refuses invalid payload %#, naming the field', (params, field) => {
    const result = parseDeliveryStatus(params);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_WEBHOOK', field } });
    if (!result.ok) expect(result.error.message).toContain(field);
  });
});

describe('plivoTimeToIso', () => {
  it.each([
    ['2024-03-05 17:04:09.123456', '2024-03-05T17:04:09.123Z'],
    ['2024-03-05 17:04:09', '2024-03-05T17:04:09.000Z'],
    ['2024-03-05 17:04', '2024-03-05T17:04:00.000Z'],
    ['2017-05-22 21:36:14+05:30', '2017-05-22T16:06:14.000Z'],
    ['2024-03-05T17:04:09Z', '2024-03-05T17:04:09.000Z'],
    ['2024-02-29 00:00:00', '2024-02-29T00:00:00.000Z'],
  ])('%s -> %s (UTC)', (text, iso) => {
    expect(plivoTimeToIso(text)).toBe(iso);
  });

  it.each(['2023-02-29 00:00:00', '2024-13-01 00:00:00', '2024-01-01 24:00:00', '0099-01-01 00:00:00', 'now', ''])(
    'refuses %j',
    (text) => expect(plivoTimeToIso(text)).toBeNull(),
  );
});

describe('parsers never throw (fast-check)', () => {
  const fields = [
    'MessageUUID',
    'From',
    'To',
    'Text',
    'Body',
    'Type',
    'Units',
    'TotalRate',
    'TotalAmount',
    'MessageIntent',
    'MediaCount',
    'Media1',
    'Media0',
    'Status',
    'ErrorCode',
    'MCC',
    'MNC',
    'PartInfo',
    'Sequence',
    'MessageTime',
    'SentTime',
    'DeliveryReportTime',
    '__proto__',
    'constructor',
  ];
  const value = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.integer().map(String),
    fc.double(),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.constantFrom('', ' ', '000', '200', '2024-03-05 17:04:09', '1 of 2', 'stop', 'optout', null, undefined),
    fc.anything(),
  );
  const params = fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string()), value, { maxKeys: 25 }),
    fc.anything(),
  );

  it('returns ok or an INVALID_WEBHOOK error for any params', () => {
    fc.assert(
      fc.property(params, (p) => {
        for (const result of [parseInboundMessage(p), parseDeliveryStatus(p)]) {
          if (result.ok) continue;
          expect(result.error).toBeInstanceOf(TextbridgeError);
          expect(result.error.code).toBe('INVALID_WEBHOOK');
          expect(typeof result.error.field).toBe('string');
        }
      }),
      { numRuns: 1_500 },
    );
  });

  it('accepts any message text, keeping it as sent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const event = inbound({ ...inboundSms, Text: text });
        expect(event.text).toBe(text);
      }),
      { numRuns: 1_000 },
    );
  });

  it('survives hostile objects', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    expect(parseInboundMessage(hostile)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_WEBHOOK', field: 'params' },
    });
    const getter = Object.defineProperty({ ...inboundSms }, 'From', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(parseInboundMessage(getter).ok).toBe(false);
  });
});
