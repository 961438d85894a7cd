// Proves the real-n8n harness with n8n's own nodes only: a headless execution whose output is parsed back, and a
// published webhook served by `n8n start` whose executions are read from n8n's database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createN8nInstance, nodeOutputItems, waitForWebhook, type N8nInstance } from '../../support/n8n-runner.js';

const COLD_INSTALL_TIMEOUT_MS = 15 * 60_000;

describe.sequential('real n8n harness (n8n built-in nodes)', () => {
  let n8n: N8nInstance;

  beforeAll(async () => {
    n8n = await createN8nInstance({ onProgress: (line) => console.log(line) });
  }, COLD_INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await n8n?.dispose();
  }, 60_000);

  it('executes a Manual Trigger -> Code workflow and returns every item of the last node', async () => {
    await n8n.importWorkflow({
      id: 'harnessExecute01',
      name: 'harness execute',
      nodes: [
        { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        {
          id: randomUUID(),
          name: 'Numbers',
          type: 'n8n-nodes-base.code',
          typeVersion: 2,
          position: [220, 0],
          parameters: { jsCode: 'return Array.from({ length: 200 }, (_, i) => ({ json: { index: i, square: i * i } }));' },
        },
      ],
      connections: { Start: { main: [[{ node: 'Numbers', type: 'main', index: 0 }]] } },
    });

    const run = await n8n.execute('harnessExecute01');

    const items = nodeOutputItems(run, 'Numbers');
    expect(items).toHaveLength(200);
    expect(items[199]?.json).toEqual({ index: 199, square: 199 * 199 });
    expect(run.data.resultData.lastNodeExecuted).toBe('Numbers');
  }, 120_000);

  it('serves a published webhook workflow and records each call as one execution', async () => {
    const path = 'harness-ping';
    await n8n.importWorkflow({
      id: 'harnessWebhook01',
      name: 'harness webhook',
      nodes: [
        {
          id: randomUUID(),
          name: 'Webhook',
          type: 'n8n-nodes-base.webhook',
          typeVersion: 2,
          position: [0, 0],
          webhookId: randomUUID(),
          parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
        },
        {
          id: randomUUID(),
          name: 'Echo',
          type: 'n8n-nodes-base.code',
          typeVersion: 2,
          position: [220, 0],
          parameters: { jsCode: 'return [{ json: { echoed: $input.first().json.body.word.toUpperCase() } }];' },
        },
      ],
      connections: { Webhook: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
    });
    await n8n.publishWorkflow('harnessWebhook01');
    const server = await n8n.start();
    const url = `${server.baseUrl}/webhook/${path}`;
    await waitForWebhook(url);
    expect(n8n.listExecutions('harnessWebhook01')).toHaveLength(0);

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ word: 'hello' }),
    });

    expect(response.status, server.logs()).toBe(200);
    expect(await response.json()).toEqual({ echoed: 'HELLO' });
    await expect.poll(() => n8n.listExecutions('harnessWebhook01'), { timeout: 10_000 }).toMatchObject([
      { status: 'success', mode: 'webhook', finished: true },
    ]);
  }, 180_000);
});
