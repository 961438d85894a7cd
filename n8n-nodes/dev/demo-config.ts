// Settings of the demo (`npm start`), all from the environment, and the up-front check that its ports are free.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { textbridgeCacheDir } from '../../test/support/n8n-install.js';

export interface DemoConfig {
  sandboxPort: number;
  n8nPort: number;
  /** n8n's task broker (its Code node runner talks to it). */
  brokerPort: number;
  /**
   * Holds n8n's user folder (database, settings) and its log, and the sandbox's data folder (`sandbox/`); kept
   * between runs so edits, wiring and opt-outs survive.
   */
  demoDir: string;
  /** Where n8n itself is installed (shared with the e2e tests). */
  cacheDir: string;
  /** Skip `npm run build` (the caller already built). */
  skipBuild: boolean;
  /**
   * Live-edit loop for developers (TEXTBRIDGE_DEMO_LIVE=1): n8n loads n8n-nodes/dist through N8N_CUSTOM_EXTENSIONS
   * instead of the packed package installed as Community Nodes installs it (what users get, the default).
   */
  liveEdit: boolean;
}

/** A demo failure with a message meant for the user as is (no stack trace). */
export class DemoError extends Error {
  override name = 'DemoError';
}

/** Ports the demo listens on, the variable that moves each one, and what it is for. */
export const PORT_SETTINGS = [
  { key: 'sandboxPort', variable: 'TEXTBRIDGE_SANDBOX_PORT', what: 'the Plivo sandbox' },
  { key: 'n8nPort', variable: 'N8N_PORT', what: 'n8n' },
  { key: 'brokerPort', variable: 'N8N_RUNNERS_BROKER_PORT', what: "n8n's task broker" },
] as const;

function readPort(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DemoError(`${variable} must be a port number from 1 to 65535; got "${raw}".`);
  }
  return port;
}

export function readDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const sandboxPort = readPort(env, 'TEXTBRIDGE_SANDBOX_PORT', 4010);
  const n8nPort = readPort(env, 'N8N_PORT', 5678);
  // n8n's own default broker port is 5679, next to its default port; follow N8N_PORT so two demos can coexist.
  const brokerPort = readPort(env, 'N8N_RUNNERS_BROKER_PORT', n8nPort === 65535 ? 65534 : n8nPort + 1);
  const ports = new Set([sandboxPort, n8nPort, brokerPort]);
  if (ports.size !== 3) {
    throw new DemoError(
      `TEXTBRIDGE_SANDBOX_PORT (${sandboxPort}), N8N_PORT (${n8nPort}) and N8N_RUNNERS_BROKER_PORT (${brokerPort}) must all differ.`,
    );
  }
  const cacheDir = env.TEXTBRIDGE_CACHE_DIR || textbridgeCacheDir();
  return {
    sandboxPort,
    n8nPort,
    brokerPort,
    cacheDir,
    demoDir: env.TEXTBRIDGE_DEMO_DIR || join(cacheDir, 'demo'),
    skipBuild: env.TEXTBRIDGE_DEMO_SKIP_BUILD === '1',
    liveEdit: env.TEXTBRIDGE_DEMO_LIVE === '1',
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails with a message naming the taken port and the variable that changes it. */
export async function assertPortsFree(config: DemoConfig): Promise<void> {
  for (const setting of PORT_SETTINGS) {
    const port = config[setting.key];
    if (await portIsFree(port)) continue;
    throw new DemoError(
      `Port ${port} (${setting.what}) is already in use on 127.0.0.1. Stop what uses it, or pick another port with ` +
        `${setting.variable}, e.g. \`${setting.variable}=${port + 10} npm start\`.`,
    );
  }
}
