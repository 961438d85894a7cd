import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { ACCOUNT_PATH, PLIVO, pollOnce, replyTo } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const message = (uuid: string, state: string, direction = 'outbound') => ({
  message_uuid: uuid,
  from_number: '14155550100',
  to_number: '14155550101',
  message_direction: direction,
  message_state: state,
  message_type: 'sms',
  message_time: '2026-11-24 10:00:00+00:00',
  units: 1,
  error_code: state === 'failed' ? '30' : '',
});
const page = (objects: unknown[]) => ({
  api_id: 'list',
  meta: { limit: 20, offset: 0, next: null, previous: null, total_count: objects.length },
  objects,
});

/** Answers the next message list with these messages, recording the query Plivo was asked. */
function listReturns(objects: unknown[], queries: URLSearchParams[] = []) {
  nock(PLIVO)
    .get(`${ACCOUNT_PATH}/Message/`)
    .query(true)
    .reply(
      replyTo(({ url }) => {
        queries.push(new URL(url).searchParams);
        return [200, page(objects)];
      }),
    );
}

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS Poll Trigger', () => {
  it('emits each delivery state once: history before activation is skipped, later changes are new events', async () => {
    const queries: URLSearchParams[] = [];
    listReturns([], queries);
    const first = await pollOnce({ event: 'status', options: {} }, {});
    expect(first.items).toBeNull();
    expect(typeof first.staticData.activatedAt).toBe('number');
    expect(queries[0]!.get('message_direction')).toBe('outbound');
    expect(queries[0]!.get('message_time__gte')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);

    listReturns([message('m2', 'delivered'), message('m1', 'queued')]);
    const second = await pollOnce({ event: 'status', options: {} }, first.staticData);
    expect(second.items!.map((item) => [item.json.messageUuid, item.json.status])).toEqual([
      ['m1', 'queued'],
      ['m2', 'delivered'],
    ]);

    listReturns([message('m2', 'delivered'), message('m1', 'delivered')]);
    const third = await pollOnce({ event: 'status', options: {} }, second.staticData);
    expect(third.items!.map((item) => [item.json.messageUuid, item.json.status])).toEqual([['m1', 'delivered']]);

    listReturns([message('m2', 'delivered'), message('m1', 'delivered')]);
    expect((await pollOnce({ event: 'status', options: {} }, third.staticData)).items).toBeNull();
  });

  it('keeps only the chosen statuses, still remembering the others', async () => {
    const state: IDataObject = { activatedAt: Date.now() - 60_000, seen: {} };
    listReturns([message('a', 'delivered'), message('b', 'failed')]);
    const result = await pollOnce({ event: 'status', options: { statuses: ['failed', 'undelivered'] } }, state);
    expect(result.items!.map((item) => item.json.messageUuid)).toEqual(['b']);
    expect(Object.keys(result.staticData.seen as object).sort()).toEqual(['a:delivered', 'b:failed']);
  });

  it('polls inbound messages, and shows the latest one when tested in the editor without remembering it', async () => {
    const queries: URLSearchParams[] = [];
    listReturns([message('in-2', 'received', 'inbound'), message('in-1', 'received', 'inbound')], queries);
    const manual = await pollOnce({ event: 'inbound', options: {} }, {}, 'manual');
    expect(queries[0]!.get('message_direction')).toBe('inbound');
    expect(manual.items!.map((item) => item.json.messageUuid)).toEqual(['in-2']);
    expect(manual.staticData).toEqual({});
  });
});
