// `npm run screenshots`: starts the demo headless (fresh n8n data, free ports), runs "Appointment reminders" and a
// few replies so the phones have conversations, then photographs the virtual phones page and the n8n canvas of
// example 1 (editor and finished execution) in headless Chromium, and stops everything. PNGs go to ./screenshots/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium.js';
import { freePorts } from '../../test/support/ports.js';
import { readDemoConfig } from './demo-config.js';
import { DEMO_OWNER, login, runWorkflowManually, waitForExecution } from './demo-n8n.js';
import { startDemo, type RunningDemo } from './demo.js';
import { EXAMPLE_SENDER, EXAMPLE_STAFF_PHONE, readExample } from './examples.js';

const OUT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const VIEWPORT = { width: 1440, height: 900 };
/** The contact whose conversation the phones page shows: reminder, HELP, and the carrier's one answer. */
const SHOWN_CONTACT = '+13125550102';

const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function sandboxMessageCount(demo: RunningDemo, to: string): Promise<number> {
  return demo.sandbox.state.messages.filter((message) => message.origin === 'api' && message.dst === to.slice(1)).length;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Example 1 as the editor's button runs it, plus replies from two contacts through the sandbox. */
async function playScenario(demo: RunningDemo, cookie: string): Promise<string> {
  const reminders = readExample('reminders');
  const trigger = reminders.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
  log('screenshots: running "Appointment reminders"');
  const executionId = await runWorkflowManually(demo.n8n.baseUrl, cookie, reminders.id, trigger.name);
  const execution = await waitForExecution(demo.n8n.baseUrl, cookie, executionId);
  if (execution.status !== 'success') throw new Error(`"Appointment reminders" ended with status ${execution.status}.`);
  await until('the two delivery alerts', async () => (await sandboxMessageCount(demo, EXAMPLE_STAFF_PHONE)) >= 2);
  demo.sandbox.inbound({ from: SHOWN_CONTACT, to: EXAMPLE_SENDER, text: 'HELP' });
  demo.sandbox.inbound({ from: '+12125550101', to: EXAMPLE_SENDER, text: 'C - see you Monday 👍' });
  await until('the carrier’s help answer', () =>
    demo.sandbox.state.messages.some((message) => message.origin === 'auto-reply' && message.dst === SHOWN_CONTACT.slice(1) && message.status === 'delivered'),
  );
  await until('the forwarded reply', async () => (await sandboxMessageCount(demo, EXAMPLE_STAFF_PHONE)) >= 3);
  return executionId;
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT_DIR, name);
  await page.screenshot({ path });
  log(`screenshots: wrote ${path}`);
}

async function phonesPage(browser: Browser, demo: RunningDemo): Promise<void> {
  // Taller than the n8n shots, so the whole conversation (reminder, HELP, the answer) fits the phone.
  const page = await browser.newPage({ viewport: { width: VIEWPORT.width, height: 1060 }, deviceScaleFactor: 1 });
  await page.goto(`${demo.sandbox.url}/`);
  const contact = page.locator(`li[data-phone="${SHOWN_CONTACT.slice(1)}"]`);
  await contact.click();
  await page.locator('[data-testid="conversation"] .msg').nth(2).waitFor();
  await page.waitForTimeout(500);
  await shoot(page, 'virtual-phones.png');
  await page.close();
}

async function n8nCanvas(browser: Browser, demo: RunningDemo, executionId: string): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const response = await context.request.post(`${demo.n8n.baseUrl}/rest/login`, {
    data: { emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password },
  });
  if (!response.ok()) throw new Error(`Browser login to n8n failed: HTTP ${response.status()}`);
  const page = await context.newPage();
  const workflowId = readExample('reminders').id;
  const settle = async (): Promise<void> => {
    await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
  };
  await page.goto(`${demo.n8n.baseUrl}/workflow/${workflowId}`);
  await settle();
  await shoot(page, 'n8n-appointment-reminders.png');
  await page.goto(`${demo.n8n.baseUrl}/workflow/${workflowId}/executions/${executionId}`);
  await page.waitForTimeout(1000);
  await page.frameLocator('iframe').first().locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(1500);
  await shoot(page, 'n8n-appointment-reminders-execution.png');
  await context.close();
}

async function main(): Promise<void> {
  const demoDir = await mkdtemp(join(tmpdir(), 'textbridge-screenshots-'));
  const [sandboxPort, n8nPort, brokerPort] = await freePorts(3);
  const config = {
    ...readDemoConfig(),
    sandboxPort: sandboxPort!,
    n8nPort: n8nPort!,
    brokerPort: brokerPort!,
    demoDir,
  };
  await mkdir(OUT_DIR, { recursive: true });
  const demo = await startDemo(config, log);
  let browser: Browser | undefined;
  try {
    const executionId = await playScenario(demo, await login(demo.n8n.baseUrl));
    browser = await launchChromium();
    await phonesPage(browser, demo);
    await n8nCanvas(browser, demo, executionId);
  } finally {
    await browser?.close();
    await demo.stop();
    await rm(demoDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
