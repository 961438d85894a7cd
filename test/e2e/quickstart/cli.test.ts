// The README's quick start from a fresh clone, as a new user runs it: `git clone`, `npm install` (the system npm, no
// dist/ in the clone), then the workspace's own binaries through `npx`: `textbridge --help`, `textbridge-sandbox`
// and `textbridge send` against it. The install reads the npm cache (`--offline`): CI's own `npm ci` has filled it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/ports.js';
import { runCommand, spawnManaged, tail, type ManagedProcess } from '../../support/processes.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const INSTALL_TIMEOUT_MS = 15 * 60_000;

/** The user's shell: no npm_* variables of the npm running this test, and no project's node_modules/.bin on PATH. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST|NODE_ENV$|NODE_OPTIONS$)/i.test(key)) env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes('node_modules'))
    .join(delimiter);
  return { ...env, ...extra };
}

describe.sequential('quick start from a fresh clone: npx runs the workspace binaries', () => {
  let workDir: string;
  let clone: string;
  let sandbox: ManagedProcess | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'textbridge-clone-'));
    clone = join(workDir, 'textbridge');
    const cloned = await runCommand('git', ['clone', '--quiet', REPO_ROOT, clone], { env: userEnv(), timeoutMs: 120_000 });
    expect(cloned.code, cloned.stderr).toBe(0);
    const install = await runCommand('npm', ['install', '--offline', '--no-audit', '--no-fund'], {
      cwd: clone,
      env: userEnv(),
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    expect(install.code, tail(install.stdout + install.stderr)).toBe(0);
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await sandbox?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }, 60_000);

  it('npx textbridge --help prints the usage', async () => {
    const help = await runCommand('npx', ['textbridge', '--help'], { cwd: clone, env: userEnv(), timeoutMs: 60_000 });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: textbridge <command>/m);
  }, 60_000);

  it('npx textbridge-sandbox starts the local sandbox, and npx textbridge send sends through it', async () => {
    const port = await freePort();
    let banner = '';
    sandbox = spawnManaged('npx', ['textbridge-sandbox', '--port', String(port)], {
      cwd: clone,
      env: userEnv(),
      onLine: (line) => (banner += `${line}\n`),
    });
    const url = `http://127.0.0.1:${port}`;
    await expect
      .poll(() => fetch(`${url}/`).then((response) => response.ok, () => false), { timeout: 60_000, interval: 250 })
      .toBe(true);
    expect(banner).toContain(url);

    const send = await runCommand(
      'npx',
      ['textbridge', 'send', '--from', '+14155552671', '--to', '(202) 555-0143', '--country', 'US', '--text', 'Hi from a fresh clone', '--json'],
      {
        cwd: clone,
        env: userEnv({
          PLIVO_BASE_URL: url,
          PLIVO_AUTH_ID: 'MATEXTBRIDGESANDBOX1',
          PLIVO_AUTH_TOKEN: 'TextbridgeSandboxDemoAuthToken0000000000',
        }),
        timeoutMs: 60_000,
      },
    );
    expect(send.code, send.stderr).toBe(0);
    expect(send.stdout).toContain('+12025550143');
    expect(send.stdout).toMatch(/queued/);
  }, 120_000);
});
