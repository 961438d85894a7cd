// The demo's n8n: a persistent user folder, a fixed port, our package installed as Community Nodes installs it (or,
// for the live-edit loop, loaded from N8N_CUSTOM_EXTENSIONS), loopback only and no calls home. CLI commands (import, publish) run before the server starts: a running n8n does not see them.
// Processes run in their own process group (test/support/processes.ts), so stopping n8n stops its task runner too.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { N8nCredentialInput, N8nInstallation, N8nWorkflowInput } from '../../test/support/n8n-runner.js';
import { N8N_OFFLINE_ENV, baseEnvironment } from '../../test/support/n8n-runner.js';
import { runCommand, spawnManaged, tail, type ManagedProcess } from '../../test/support/processes.js';
import { DemoError } from './demo-config.js';

const COMMAND_TIMEOUT_MS = 5 * 60_000;
const START_TIMEOUT_MS = 3 * 60_000;
const POLL_MS = 250;

/** The demo's local owner account, printed for the user; it guards nothing but a local n8n on 127.0.0.1. */
export const DEMO_OWNER = {
  email: 'demo@textbridge.dev',
  firstName: 'Textbridge',
  lastName: 'Demo',
  password: 'Textbridge-demo-1',
} as const;

export interface DemoN8nOptions {
  installation: N8nInstallation;
  userFolder: string;
  port: number;
  brokerPort: number;
  /** Live-edit loop only: the folder n8n loads our node files from (n8n-nodes/dist); else the installed package. */
  customExtensions?: string;
}

function n8nEnv(options: DemoN8nOptions): NodeJS.ProcessEnv {
  const origin = `http://127.0.0.1:${options.port}`;
  return {
    ...baseEnvironment(options.installation),
    ...N8N_OFFLINE_ENV,
    N8N_USER_FOLDER: options.userFolder,
    N8N_PORT: String(options.port),
    // What the Plivo trigger registers with the sandbox and verifies signatures against.
    N8N_WEBHOOK_URL: `${origin}/`,
    N8N_EDITOR_BASE_URL: `${origin}/`,
    N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
    ...(options.customExtensions ? { N8N_CUSTOM_EXTENSIONS: options.customExtensions } : {}),
    // Plain http on loopback: a secure-only cookie would keep the browser from logging in.
    N8N_SECURE_COOKIE: 'false',
  };
}

async function n8nCommand(options: DemoN8nOptions, args: string[]): Promise<string> {
  const { nodeBinary, n8nScript } = options.installation;
  const result = await runCommand(nodeBinary, [n8nScript, ...args], {
    cwd: options.userFolder,
    env: n8nEnv(options),
    timeoutMs: COMMAND_TIMEOUT_MS,
  });
  if (result.code !== 0) {
    throw new DemoError(`n8n ${args[0]} failed (exit ${result.code ?? result.signal}):\n${tail(result.stdout + result.stderr)}`);
  }
  return result.stdout;
}

async function importFile(options: DemoN8nOptions, kind: 'credentials' | 'workflow', content: unknown): Promise<void> {
  const folder = join(options.userFolder, 'imports');
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${kind}.json`);
  await writeFile(file, JSON.stringify(content, null, 2));
  await n8nCommand(options, [`import:${kind}`, `--input=${file}`]);
}

/** Creates or updates the credentials (same id: updated in place, so workflows keep pointing at them). */
export function importCredentials(options: DemoN8nOptions, credentials: N8nCredentialInput[]): Promise<void> {
  return importFile(options, 'credentials', credentials);
}

export function importWorkflow(options: DemoN8nOptions, workflow: N8nWorkflowInput): Promise<void> {
  return importFile(options, 'workflow', { active: false, ...workflow });
}

export async function publishWorkflow(options: DemoN8nOptions, id: string): Promise<void> {
  await n8nCommand(options, ['publish:workflow', `--id=${id}`]);
}

/** Ids of the workflows n8n has stored (none before its first command created the database). */
export function storedWorkflowIds(userFolder: string): Set<string> {
  const file = join(userFolder, '.n8n', 'database.sqlite');
  if (!existsSync(file)) return new Set();
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db.prepare('SELECT id FROM workflow_entity').all() as { id: string }[];
    return new Set(rows.map((row) => row.id));
  } finally {
    db.close();
  }
}

export interface DemoN8nServer {
  process: ManagedProcess;
  baseUrl: string;
}

/**
 * Starts `n8n start` and waits until it answers its readiness check; every line of its output goes to `onLine`.
 * Fails with the end of its log if it exits first.
 */
export async function startN8nServer(options: DemoN8nOptions, onLine: (line: string) => void): Promise<DemoN8nServer> {
  const { nodeBinary, n8nScript } = options.installation;
  const child = spawnManaged(nodeBinary, [n8nScript, 'start'], { cwd: options.userFolder, env: n8nEnv(options), onLine });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let exited = false;
  void child.exited.then(
    () => (exited = true),
    () => (exited = true),
  );
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new DemoError(`n8n exited while starting:\n${tail(child.stdout() + child.stderr())}`);
    const ready = await fetch(`${baseUrl}/healthz/readiness`).then((response) => response.ok, () => false);
    if (ready) return { process: child, baseUrl };
    if (Date.now() > deadline) {
      await child.stop();
      throw new DemoError(`n8n was not ready within ${START_TIMEOUT_MS / 1000} s:\n${tail(child.stdout() + child.stderr())}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

interface RestSettings {
  data?: { userManagement?: { showSetupOnFirstLoad?: boolean } };
}

/**
 * Creates the owner account on a fresh n8n (REST `POST /rest/owner/setup`), so the editor opens on a login page
 * instead of a sign-up form; does nothing when the owner exists (a later run on the same user folder).
 */
export async function ensureOwner(baseUrl: string): Promise<'created' | 'existing'> {
  const settings = (await (await fetch(`${baseUrl}/rest/settings`)).json()) as RestSettings;
  if (settings.data?.userManagement?.showSetupOnFirstLoad === false) return 'existing';
  const response = await fetch(`${baseUrl}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(DEMO_OWNER),
  });
  if (!response.ok) throw new DemoError(`n8n refused the owner setup (HTTP ${response.status}): ${await response.text()}`);
  return 'created';
}

/** Logs in as the demo owner; returns the `Cookie` header value for further REST calls. */
export async function login(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/rest/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password }),
  });
  if (!response.ok) throw new DemoError(`Logging in to n8n as ${DEMO_OWNER.email} failed (HTTP ${response.status}): ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  return cookies.join('; ');
}

/**
 * Runs a workflow as the editor's "Execute workflow" button does (REST `POST /rest/workflows/:id/run` from its
 * manual trigger); returns the execution id.
 */
export async function runWorkflowManually(baseUrl: string, cookie: string, workflowId: string, triggerName: string): Promise<string> {
  const response = await fetch(`${baseUrl}/rest/workflows/${workflowId}/run`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ triggerToStartFrom: { name: triggerName } }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { executionId?: string } };
  if (!response.ok || body.data?.executionId === undefined) {
    throw new DemoError(`n8n did not run workflow ${workflowId} (HTTP ${response.status}): ${JSON.stringify(body)}`);
  }
  return body.data.executionId;
}

export interface ExecutionSummary {
  id: string;
  status: string;
  finished: boolean;
}

/**
 * Waits until the execution has ended (n8n's REST `GET /rest/executions/:id`) — or, with `waitingEnds`, until it is
 * parked at a Wait node (status `waiting`) that resumes later.
 */
export async function waitForExecution(
  baseUrl: string,
  cookie: string,
  executionId: string,
  timeoutMs = 60_000,
  { waitingEnds = false }: { waitingEnds?: boolean } = {},
): Promise<ExecutionSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseUrl}/rest/executions/${executionId}`, { headers: { Cookie: cookie } });
    if (response.ok) {
      const body = (await response.json()) as { data?: ExecutionSummary };
      const status = body.data?.status;
      if (status !== undefined && !['new', 'running', ...(waitingEnds ? [] : ['waiting'])].includes(status)) return body.data!;
    }
    if (Date.now() > deadline) throw new DemoError(`Execution ${executionId} did not end within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The workflow's saved executions, newest first (n8n's REST `GET /rest/executions`, up to 100). */
export async function workflowExecutions(baseUrl: string, cookie: string, workflowId: string): Promise<ExecutionSummary[]> {
  const query = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '100' });
  const response = await fetch(`${baseUrl}/rest/executions?${query.toString()}`, { headers: { Cookie: cookie } });
  const body = (await response.json().catch(() => ({}))) as { data?: { results?: ExecutionSummary[] } };
  if (!response.ok || !Array.isArray(body.data?.results)) {
    throw new DemoError(`n8n did not list the executions of workflow ${workflowId} (HTTP ${response.status}): ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.data.results;
}

/**
 * Decodes n8n's stored execution data (the `flatted` format: a JSON array whose first entry is the root, where every
 * string inside an object or array is the index of the entry holding the value).
 */
function unflatten(text: string): unknown {
  const list = JSON.parse(text) as unknown[];
  const revived = new Map<number, unknown>();
  const resolve = (index: number): unknown => {
    const entry = list[index];
    if (typeof entry !== 'object' || entry === null) return entry;
    if (revived.has(index)) return revived.get(index);
    const copy: Record<string, unknown> = Array.isArray(entry) ? ([] as unknown as Record<string, unknown>) : {};
    revived.set(index, copy);
    for (const [key, value] of Object.entries(entry)) copy[key] = typeof value === 'string' ? resolve(Number(value)) : value;
    return copy;
  };
  return resolve(0);
}

interface StoredRunData {
  resultData?: { runData?: Record<string, { data?: { main?: ({ json: Record<string, unknown> }[] | null)[] } }[]> };
}

/** The items a node output (first output, first run) in a finished execution. */
export async function executionNodeOutput(baseUrl: string, cookie: string, executionId: string, nodeName: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${baseUrl}/rest/executions/${executionId}`, { headers: { Cookie: cookie } });
  if (!response.ok) throw new DemoError(`n8n did not return execution ${executionId} (HTTP ${response.status}).`);
  const body = (await response.json()) as { data?: { data?: string } };
  const data = unflatten(body.data?.data ?? '[{}]') as StoredRunData;
  const items = data.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0];
  if (!items) throw new DemoError(`Execution ${executionId} has no output of node "${nodeName}".`);
  return items.map((item) => item.json);
}
