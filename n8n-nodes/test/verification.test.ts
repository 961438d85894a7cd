// Plivo SMS > Verification through n8n's engine, with Plivo's Verify API on nock: Send Code (one session per item,
// options in Plivo's names), Check Code (verified true/false with the reason, so a workflow branches instead of
// failing), Get and Get Many; errors through continue-on-fail; the node stays usable as an AI-agent tool.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlivoSms } from '../nodes/PlivoSms/PlivoSms.node.js';
import { ACCOUNT_PATH, PLIVO, runPlivoSms } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const SESSIONS = `${ACCOUNT_PATH}/Verify/Session/`;
const SESSION_A = '8e712097-8090-4644-81e7-8f4265d8354e';
const SESSION_B = '60ea68db-b123-46d9-9eb2-1201d516dbbd';

const session = (uuid: string, extra: Record<string, unknown> = {}) => ({
  api_id: 'get',
  session_uuid: uuid,
  app_uuid: '3cdec449-a367-435e-b4f9-40d777a7cfcc',
  recipient: '14155550123',
  channel: 'sms',
  locale: 'en',
  status: 'in-progress',
  count: 1,
  requestor_ip: '',
  destination_country_iso2: 'US',
  destination_network: 'Example Wireless',
  attempt_details: [{ channel: 'sms', attempt_uuid: 'att-1', status: 'delivered', time: '2026-11-24T10:00:01.000000Z' }],
  charges: { total_charge: '0.00790', validation_charge: '0.00000', attempt_charges: [{ attempt_uuid: 'att-1', channel: 'sms', charge: '0.00790' }] },
  created_at: '2026-11-24T10:00:00.000000Z',
  updated_at: '2026-11-24T10:00:01.000000Z',
  ...extra,
});

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS > Verification', () => {
  it('is listed as a resource with its four operations, and the node stays usable as an AI tool', () => {
    const description = new PlivoSms().description;
    expect(description.usableAsTool).toBe(true);
    const resource = description.properties.find((property) => property.name === 'resource');
    expect(resource?.options).toContainEqual({ name: 'Verification', value: 'verification' });
    const operations = description.properties.find(
      (property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes('verification'),
    );
    expect(operations?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual([
      'sendCode',
      'checkCode',
      'get',
      'getAll',
    ]);
  });

  it('Send Code: one session per item, with the options in Plivo names and the recipient in E.164', async () => {
    const bodies: unknown[] = [];
    for (const [recipient, uuid] of [['+14155550123', SESSION_A], ['+14155550199', SESSION_B]] as const) {
      nock(PLIVO)
        .post(SESSIONS, (body: { recipient?: string }) => body.recipient === recipient && bodies.push(body) > 0)
        .reply(202, { api_id: 'send', message: 'Session initiated', session_uuid: uuid });
    }

    const { output, error } = await runPlivoSms(
      {
        resource: 'verification',
        operation: 'sendCode',
        recipient: '={{ $json.phone }}',
        channel: 'voice',
        options: { brandName: 'Acme', codeLength: 4, defaultCountry: 'US', locale: '', appUuid: '' },
      },
      [{ phone: '(415) 555-0123' }, { phone: '+1 415 555 0199' }],
    );

    expect(error).toBeUndefined();
    expect(bodies).toEqual([
      { recipient: '+14155550123', channel: 'voice', brand_name: 'Acme', code_length: 4 },
      { recipient: '+14155550199', channel: 'voice', brand_name: 'Acme', code_length: 4 },
    ]);
    expect(output!.map((item) => [item.json.sessionUuid, item.json.recipient, item.json.channel, item.pairedItem])).toEqual([
      [SESSION_A, '+14155550123', 'voice', { item: 0 }],
      [SESSION_B, '+14155550199', 'voice', { item: 1 }],
    ]);
  });

  it('Check Code: verified true for the right code, false with the reason for a wrong or expired one', async () => {
    nock(PLIVO).post(`${SESSIONS}${SESSION_A}/`, { otp: '123456' }).reply(200, { api_id: 'ok', message: 'session validated successfully.' });
    nock(PLIVO).post(`${SESSIONS}${SESSION_B}/`, { otp: '654321' }).reply(400, { api_id: 'no', error: 'invalid otp' });
    nock(PLIVO).post(`${SESSIONS}${SESSION_B}/`, { otp: '111111' }).reply(400, { api_id: 'no', error: 'session expired' });

    const { output, error } = await runPlivoSms(
      { resource: 'verification', operation: 'checkCode', sessionUuid: '={{ $json.session }}', code: '={{ $json.code }}' },
      [
        { session: SESSION_A, code: '123456' },
        { session: SESSION_B, code: '654321' },
        { session: SESSION_B, code: 111111 },
      ],
    );

    expect(error).toBeUndefined();
    expect(output!.map((item) => [item.json.verified, item.json.reason, item.pairedItem])).toEqual([
      [true, null, { item: 0 }],
      [false, 'VERIFICATION_CODE_WRONG', { item: 1 }],
      [false, 'VERIFICATION_EXPIRED', { item: 2 }],
    ]);
    expect(output![1]!.json.hint).toMatch(/check the code/i);
  });

  it('Check Code: a problem that is not about the code fails the item (continue-on-fail gives an error item)', async () => {
    nock(PLIVO).post(`${SESSIONS}${SESSION_A}/`).reply(404, { api_id: 'x', error: 'not found' });
    const { output, error } = await runPlivoSms(
      { resource: 'verification', operation: 'checkCode', sessionUuid: SESSION_A, code: '123456' },
      [{}],
      { continueOnFail: true },
    );
    expect(error).toBeUndefined();
    expect(output![0]).toMatchObject({ json: { error: { code: 'NOT_FOUND' } }, pairedItem: { item: 0 } });

    const failed = await runPlivoSms(
      { resource: 'verification', operation: 'checkCode', sessionUuid: SESSION_A, code: '={{ $json.code }}' },
      [{ code: '' }],
    );
    expect(failed.error?.message).toMatch(/code is empty/);
  });

  it('Send Code: a number it cannot read names the field, before anything is sent', async () => {
    const { output, error } = await runPlivoSms(
      { resource: 'verification', operation: 'sendCode', recipient: '12345', channel: 'sms', options: {} },
      [{}],
      { continueOnFail: true },
    );
    expect(error).toBeUndefined();
    expect(output![0]!.json.error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'recipient' });
  });

  it('Get: a session as a flat object (E.164 recipient, attempts, charge)', async () => {
    nock(PLIVO).get(`${SESSIONS}${SESSION_A}/`).reply(200, session(SESSION_A, { status: 'verified' }));
    const { output, error } = await runPlivoSms({ resource: 'verification', operation: 'get', sessionUuid: SESSION_A });
    expect(error).toBeUndefined();
    expect(output![0]!.json).toMatchObject({
      sessionUuid: SESSION_A,
      recipient: '+14155550123',
      status: 'verified',
      attempts: 1,
      totalCharge: '0.00790',
      attemptDetails: [{ attemptUuid: 'att-1', channel: 'sms', status: 'delivered' }],
    });
    expect(output![0]!.json).not.toHaveProperty('raw');
  });

  it('Get Many: pages through sessions with filters, up to the limit', async () => {
    const meta = (offset: number, next: string | null) => ({ limit: 20, offset, next, previous: null });
    nock(PLIVO)
      .get(SESSIONS)
      .query({ status: 'verified', recipient: '+14155550123', limit: '20', offset: '0' })
      .reply(200, { api_id: 'l', meta: meta(0, `${SESSIONS}?offset=20`), sessions: [session(SESSION_A), session(SESSION_B)] });
    const { output, error } = await runPlivoSms({
      resource: 'verification',
      operation: 'getAll',
      returnAll: false,
      limit: 1,
      filters: { status: 'verified', recipient: '+14155550123', appUuid: '' },
    });
    expect(error).toBeUndefined();
    expect(output!.map((item) => item.json.sessionUuid)).toEqual([SESSION_A]);
  });
});
