// The virtual phones page in headless Chromium: an API send shows up in the phone's conversation (live, over SSE),
// and a reply typed on the page reaches the webhook receiver. Screenshots go to /tmp for a human look.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPlivoSignature, type Sandbox } from '../../src/index.js';
import { account, call, startReceiver, startTestSandbox, waitFor, type Receiver } from './helpers.js';


let sandbox: Sandbox;
let receiver: Receiver;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sandbox = await startTestSandbox({ deliveryDelayMs: 150 });
  receiver = await startReceiver();
  const app = await call(sandbox, 'POST', account(sandbox, 'Application/'), {
    json: { app_name: 'page-test', message_url: `${receiver.url}/inbound` },
  });
  await call(sandbox, 'POST', account(sandbox, 'Number/14155552671/'), { json: { app_id: app.body.app_id } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${sandbox.url}/`);
  await page.locator('#live-status[data-state="open"]').waitFor({ timeout: 10_000 });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  await receiver?.close();
});

describe('virtual phones page', () => {
  it('shows the account and an empty state', async () => {
    expect(await page.title()).toContain('Textbridge sandbox');
    expect(await page.locator('#auth-id').textContent()).toBe(sandbox.authId);
    expect(await page.locator('#number-list li').count()).toBe(sandbox.numbers.length);
    expect(await page.locator('#number-list').textContent()).toContain(`${receiver.url}/inbound`);
    // Who answers keywords: the carrier on the three US/CA numbers, the application on the British one.
    const rows = await page.locator('#number-list li').allTextContents();
    expect(rows.map((row) => (row.includes('answered and enforced by the carrier') ? 'carrier' : row.includes('passed to the application') ? 'application' : '?'))).toEqual(
      ['carrier', 'carrier', 'carrier', 'application'],
    );
  });

  it('shows a message sent through the API in the phone’s conversation, with badges and live status', async () => {
    const sent = await call(sandbox, 'POST', account(sandbox, 'Message/'), {
      json: { src: '+14155552671', dst: '+14155550123', text: 'Your order #1042 has shipped 📦 — reply STOP to opt out' },
    });
    const uuid = sent.body.message_uuid[0] as string;
    await call(sandbox, 'POST', account(sandbox, 'Message/'), {
      json: { src: '+14155552671', dst: '+14155550124', text: 'Appointment reminder: tomorrow at 10:00. Reply C to confirm.' },
    });
    const phone = page.locator('[data-phone="14155550123"]');
    await phone.waitFor();
    await phone.click();
    const bubble = page.locator(`[data-uuid="${uuid}"]`);
    await bubble.waitFor();
    expect(await bubble.locator('.bubble').textContent()).toBe('Your order #1042 has shipped 📦 — reply STOP to opt out');
    expect(await bubble.locator('.badge.enc-ucs').textContent()).toBe('UCS-2');
    expect(await bubble.locator('.badge.segments').textContent()).toBe('1 segment');
    // Status follows the lifecycle live (queued -> sent -> delivered over Server-Sent Events).
    await page.locator(`[data-uuid="${uuid}"][data-status="delivered"]`).waitFor({ timeout: 5000 });
    expect(await bubble.locator('.badge.st-delivered').textContent()).toBe('Delivered');
  });

  it('sends a reply typed on the phone to the webhook receiver, signed', async () => {
    await page.locator('[data-phone="14155550123"]').click();
    await page.locator('[data-testid="composer-text"]').fill('Thanks! Where is it now?');
    await page.locator('[data-testid="composer-send"]').click();
    const request = await waitFor(() => receiver.requests.find((r) => r.params.Text === 'Thanks! Where is it now?'), 5000, 'the inbound webhook');
    expect(request.params).toMatchObject({ From: '14155550123', To: '14155552671', Type: 'sms' });
    expect(
      verifyPlivoSignature({ method: request.method, url: request.url, params: request.params, headers: request.headers, authToken: sandbox.authToken }),
    ).toEqual({ valid: true, version: 'v3' });
    const reply = page.locator('.msg.sent', { hasText: 'Thanks! Where is it now?' });
    await reply.waitFor();
    await page.locator('.msg.sent[data-status="delivered"]', { hasText: 'Thanks! Where is it now?' }).waitFor();
  });

  it('shows the opt-out state after the phone texts STOP', async () => {
    await page.locator('[data-testid="composer-text"]').fill('STOP');
    await page.locator('[data-testid="composer-text"]').press('Enter');
    await page.locator('#optout-badge:not([hidden])').waitFor();
    await page.locator('.msg.sent .badge.intent').first().waitFor();
    expect(sandbox.state.isOptedOut('14155550123', '14155552671')).toBe(true);
    await page.locator('#event-log li', { hasText: 'opted out' }).first().waitFor();
    await page.locator('.msg.received', { hasText: 'You have been unsubscribed' }).waitFor();
    await page.screenshot({ path: '/tmp/sandbox-page.png', fullPage: true });
  });

  it('adds a new phone and texts HELP from it, showing the auto-reply', async () => {
    await page.locator('#new-phone-number').fill('+1 415 555 0177');
    await page.locator('#new-phone button').click();
    await page.locator('[data-phone="14155550177"][aria-selected="true"]').waitFor();
    await page.locator('[data-testid="composer-text"]').fill('HELP');
    await page.locator('[data-testid="composer-send"]').click();
    await page.locator('.msg.received', { hasText: 'Text STOP to stop receiving messages' }).waitFor();
  });

  it('stays usable on a phone-sized screen', async () => {
    const small = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await small.goto(`${sandbox.url}/#/14155550123`);
      await small.locator('#live-status[data-state="open"]').waitFor();
      await small.locator('.msg').first().waitFor();
      const width = await small.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await small.screenshot({ path: '/tmp/sandbox-page-mobile.png', fullPage: true });
    } finally {
      await small.close();
    }
  });
});
