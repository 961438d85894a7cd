// Runs a real n8n against a throw-away user folder: import credentials and workflows, execute a workflow headless
// (`n8n execute`), publish triggers and serve them (`n8n start`). Every command runs on Node 24 with a fixed
// environment (loopback only, no calls home) and in its own process group, so stopping it leaves nothing behind.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { installCommunityPackage, type PackedPackage } from './n8n-community-package.js';
import { ensureN8nInstalled, type N8nInstallation } from './n8n-install.js';
import { parseExecuteOutput, type N8nRun } from './n8n-run-data.js';
import { freePort } from './ports.js';
import { runCommand, spawnManaged, tail, type ManagedProcess } from './processes.js';

export { ensureN8nInstalled, type EnsureN8nOptions, type N8nInstallation } from './n8n-install.js';
export { nodeOutputItems, nodeTask, parseExecuteOutput, type N8nItem, type N8nRun, type N8nTaskData } from './n8n-run-data.js';
export { freePort, freePorts } from './ports.js';

/** Fixed so that credentials imported by one command can be decrypted by the next. Test-only: guards no real secret. */
const E2E_ENCRYPTION_KEY = 'textbridge-e2e-fixed-encryption-key';
/** Long enough for the benchmark's 10,000-item runs on a busy machine. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;
const START_TIMEOUT_MS = 3 * 60_000;
const POLL_MS = 250;

/** Variables of this process n8n may see; everything else (NODE_OPTIONS, vitest's and npm's variables) stays out. */
const INHERITED_ENV = ['HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'TMP', 'TEMP'] as const;

/** What every offline n8n of ours runs with (tests, benchmarks, the demo): loopback only, no calls home, sqlite. */
export const N8N_OFFLINE_ENV: Readonly<Record<string, string>> = {
  // At `warn`, `n8n execute` prints nothing, not even its result, and still exits 0.
  N8N_LOG_LEVEL: 'info',
  N8N_LOG_OUTPUT: 'console',
  N8N_DIAGNOSTICS_ENABLED: 'false',
  N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
  N8N_TEMPLATES_ENABLED: 'false',
  N8N_PERSONALIZATION_ENABLED: 'false',
  N8N_HIRING_BANNER_ENABLED: 'false',
  // Stops a periodic fetch to n8n's servers.
  N8N_DISABLED_MODULES: 'mcp-registry',
  N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
  N8N_LISTEN_ADDRESS: '127.0.0.1',
  N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
  N8N_HOST: '127.0.0.1',
  N8N_PROTOCOL: 'http',
  DB_TYPE: 'sqlite',
};

const N8N_ENV: Readonly<Record<string, string>> = { N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY, ...N8N_OFFLINE_ENV };

export interface N8nCredentialInput {
  /** n8n wants ids of its own shape; any short alphanumeric string works. */
  id: string;
  name: string;
  /** Credential type, e.g. `plivoSmsApi`. */
  type: string;
  /** Plain values; n8n encrypts them on import. */
  data: Record<string, unknown>;
}

export interface N8nWorkflowInput {
  /** At most 21 characters. */
  id: string;
  name: string;
  nodes: Record<string, unknown>[];
  connections: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

export interface N8nExecutionRow {
  id: string;
  workflowId: string;
  status: string;
  mode: string;
  finished: boolean;
}

export interface RunningN8n {
  /** e.g. `http://127.0.0.1:5678` */
  baseUrl: string;
  port: number;
  /** Everything n8n printed so far (for assertion messages). */
  logs(): string;
  stop(): Promise<void>;
}

export interface N8nInstance {
  userFolder: string;
  /** The port `start()` listens on, known up front so webhook URLs can be computed before starting. */
  port: number;
  baseUrl: string;
  installation: N8nInstallation;
  importCredentials(credentials: N8nCredentialInput[]): Promise<void>;
  importWorkflow(workflow: N8nWorkflowInput): Promise<void>;
  /** Activates a trigger workflow; do it before `start()` (a running n8n does not see it). */
  publishWorkflow(id: string): Promise<void>;
  /** Runs a workflow from its Manual Trigger in a fresh n8n process and returns the parsed run. */
  execute(id: string): Promise<N8nRun>;
  start(): Promise<RunningN8n>;
  /** Executions n8n stored (webhook and trigger runs of a started n8n), oldest first. */
  listExecutions(workflowId?: string): N8nExecutionRow[];
  /** Stops a started n8n and deletes the user folder. */
  dispose(): Promise<void>;
}

export interface N8nInstanceOptions {
  /** A packed community package (see packN8nPackage) installed into the user folder as Community Nodes does. */
  communityPackage?: PackedPackage;
  /** Live-edit loop only: folders n8n loads node and credential files from through N8N_CUSTOM_EXTENSIONS. */
  customExtensions?: string | string[];
  /** Extra or overriding environment for every n8n command. */
  env?: Record<string, string>;
  /** Reuse an installation (skips the install check). */
  installation?: N8nInstallation;
  onProgress?: (line: string) => void;
}

/** The few variables of this process n8n may see, and PATH with the pinned Node first. */
export function baseEnvironment(installation: N8nInstallation): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of INHERITED_ENV) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  env.PATH = [installation.nodeBinDir, process.env.PATH ?? ''].join(delimiter);
  return env;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export async function createN8nInstance(options: N8nInstanceOptions = {}): Promise<N8nInstance> {
  const installation = options.installation ?? (await ensureN8nInstalled({ onProgress: options.onProgress }));
  const userFolder = await mkdtemp(join(tmpdir(), 'textbridge-n8n-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const extensions = [options.customExtensions ?? []].flat().map((folder) => resolve(folder));
  for (const folder of extensions) {
    if (!existsSync(folder)) throw new Error(`Custom extension folder ${folder} does not exist (run \`npm run build\` first?).`);
  }
  const env = (brokerPort: number): Record<string, string> => ({
    ...baseEnvironment(installation),
    ...N8N_ENV,
    N8N_USER_FOLDER: userFolder,
    N8N_PORT: String(port),
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    // The URL n8n believes it is reachable at; webhook triggers register it and verify signatures against it.
    N8N_WEBHOOK_URL: `${baseUrl}/`,
    ...(extensions.length > 0 ? { N8N_CUSTOM_EXTENSIONS: extensions.join(';') } : {}),
    ...options.env,
  });
  let fileCounter = 0;
  let server: { process: ManagedProcess; running: RunningN8n } | undefined;
  if (options.communityPackage) {
    await installCommunityPackage(userFolder, options.communityPackage, env(0));
  }

  const cli = async (args: string[]): Promise<string> => {
    const result = await runCommand(installation.nodeBinary, [installation.n8nScript, ...args], {
      cwd: userFolder,
      env: env(await freePort()),
      timeoutMs: COMMAND_TIMEOUT_MS,
      // `n8n execute` exits right after printing its result: through a pipe, the end of a large one is lost.
      stdoutFile: join(userFolder, `command-${++fileCounter}.out`),
    });
    if (result.code !== 0) {
      throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code ?? result.signal}):\n${tail(result.stdout + result.stderr)}`);
    }
    return result.stdout;
  };

  const importFile = async (kind: 'credentials' | 'workflow', content: unknown): Promise<void> => {
    const file = join(userFolder, `import-${kind}-${++fileCounter}.json`);
    await writeFile(file, JSON.stringify(content, null, 2));
    await cli([`import:${kind}`, `--input=${file}`]);
  };

  const start = async (): Promise<RunningN8n> => {
    if (server) return server.running;
    const child = spawnManaged(installation.nodeBinary, [installation.n8nScript, 'start'], {
      cwd: userFolder,
      env: env(await freePort()),
    });
    const logs = (): string => child.stdout() + child.stderr();
    const running: RunningN8n = {
      baseUrl,
      port,
      logs,
      stop: async () => {
        await child.stop();
        server = undefined;
      },
    };
    server = { process: child, running };
    let exited = false;
    void child.exited.then(
      () => (exited = true),
      () => (exited = true),
    );
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (exited) {
        server = undefined;
        throw new Error(`n8n start exited before it was ready:\n${tail(logs())}`);
      }
      const ready = await fetch(`${baseUrl}/healthz/readiness`).then((response) => response.ok, () => false);
      if (ready) return running;
      if (Date.now() > deadline) {
        await running.stop();
        throw new Error(`n8n start was not ready within ${START_TIMEOUT_MS / 1000} s:\n${tail(logs())}`);
      }
      await sleep(POLL_MS);
    }
  };

  return {
    userFolder,
    port,
    baseUrl,
    installation,
    importCredentials: (credentials) => importFile('credentials', credentials),
    importWorkflow: (workflow) =>
      importFile('workflow', { active: false, settings: { executionOrder: 'v1' }, ...workflow }),
    publishWorkflow: async (id) => {
      await cli(['publish:workflow', `--id=${id}`]);
    },
    execute: async (id) => parseExecuteOutput(await cli(['execute', `--id=${id}`, '--rawOutput'])),
    start,
    listExecutions: (workflowId) => {
      const file = join(userFolder, '.n8n', 'database.sqlite');
      if (!existsSync(file)) return [];
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        const rows = db
          .prepare(
            'SELECT id, workflowId, status, mode, finished FROM execution_entity ' +
              (workflowId === undefined ? '' : 'WHERE workflowId = ? ') +
              'ORDER BY id',
          )
          .all(...(workflowId === undefined ? [] : [workflowId])) as { id: number | string; workflowId: string; status: string; mode: string; finished: number }[];
        return rows.map((row) => ({ ...row, id: String(row.id), finished: Boolean(row.finished) }));
      } finally {
        db.close();
      }
    },
    dispose: async () => {
      await server?.running.stop();
      await rm(userFolder, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until n8n serves the production webhook at `url`: its readiness check can pass before the webhooks of
 * published workflows are registered. A CORS preflight (OPTIONS with an Origin) answers 404 for an unregistered path
 * and 204 once registered, without running the workflow.
 */
export async function waitForWebhook(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    const status = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: new URL(url).origin, 'Access-Control-Request-Method': 'POST' },
    }).then(
      (response) => response.status,
      (error: unknown) => {
        last = String(error);
        return undefined;
      },
    );
    if (status !== undefined && status < 300) return;
    if (status !== undefined) last = `HTTP ${status}`;
    if (Date.now() > deadline) throw new Error(`The webhook ${url} was not registered within ${timeoutMs / 1000} s (last: ${last}).`);
    await sleep(POLL_MS);
  }
}
