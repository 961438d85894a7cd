// A real n8n for e2e tests, benchmarks and the demo: Node 24 (with headers, for native modules) and n8n pinned by
// test/e2e/n8n-harness/package-lock.json, installed once into a cache folder outside the repository (~2.9 GB, 2–4 min
// cold). A marker file written only after a complete install makes later runs skip it; a lock folder keeps two test
// workers from installing at the same time.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isProcessAlive, runCommand, tail } from './processes.js';

/** The Node version n8n runs on: n8n 2.x needs Node 22+, and its expression engine needs isolated-vm built for it. */
export const N8N_NODE_VERSION = '24.21.0';

const HARNESS_DIR = fileURLToPath(new URL('../e2e/n8n-harness/', import.meta.url));
const MARKER_FILE = '.textbridge-install.json';
const LOCK_STALE_MS = 60_000;
const LOCK_POLL_MS = 1000;
const INSTALL_TIMEOUT_MS = 20 * 60_000;

export interface N8nInstallation {
  /** n8n version, from the harness package.json. */
  version: string;
  /** Folder holding node_modules/n8n. */
  n8nDir: string;
  /** n8n's CLI script, run as `<nodeBinary> <n8nScript> <command>`. */
  n8nScript: string;
  /** The Node 24 binary n8n runs on. */
  nodeBinary: string;
  /** Its bin folder, put first on PATH so n8n's own children use the same Node. */
  nodeBinDir: string;
}

export interface EnsureN8nOptions {
  /** One line per step, so a user knows why the first run is slow. */
  onProgress?: (line: string) => void;
  /** Default: $TEXTBRIDGE_CACHE_DIR, else ~/.cache/textbridge. */
  cacheDir?: string;
}

interface NodeTools {
  packageDir: string;
  binary: string;
  binDir: string;
}

export function textbridgeCacheDir(): string {
  return process.env.TEXTBRIDGE_CACHE_DIR || join(homedir(), '.cache', 'textbridge');
}

function nodePackageName(): string {
  return `node-${process.platform}-${process.arch}`;
}

/** This process's environment without the calling npm's settings (npx and npm scripts pass npm_* variables down). */
function envWithoutNpmSettings(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  return env;
}

/** Environment for npm and n8n's CLI: Node 24 first on PATH, native modules built against its headers. */
function npmEnv(tools: NodeTools): NodeJS.ProcessEnv {
  const env = envWithoutNpmSettings();
  env.PATH = [tools.binDir, process.env.PATH ?? ''].join(delimiter);
  // ~/.npmrc may point nodedir at another Node's headers; native modules must build against Node 24's.
  env.npm_config_nodedir = tools.packageDir;
  return env;
}

async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, what: string): Promise<string> {
  const result = await runCommand(command, args, { cwd, env, timeoutMs: INSTALL_TIMEOUT_MS });
  if (result.code !== 0) {
    throw new Error(
      `${what} failed (exit ${result.code ?? result.signal}) in ${cwd}:\n${tail(result.stderr || result.stdout)}`,
    );
  }
  return result.stdout;
}

async function withInstallLock<T>(lockDir: string, onProgress: (line: string) => void, task: () => Promise<T>): Promise<T> {
  let announced = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => ''));
    const age = Date.now() - (await stat(lockDir).then((s) => s.mtimeMs, () => Date.now()));
    // A lock whose owner died (or that never got a pid within a minute) is stale.
    if ((owner > 0 && !isProcessAlive(owner)) || (!(owner > 0) && age > LOCK_STALE_MS)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      onProgress(`n8n install: another process (pid ${owner || '?'}) is installing; waiting for it (${lockDir})`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  try {
    await writeFile(join(lockDir, 'pid'), String(process.pid));
    return await task();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function nodeToolsReady(tools: NodeTools): Promise<boolean> {
  if (!existsSync(tools.binary) || !existsSync(join(tools.packageDir, 'include', 'node', 'node.h'))) return false;
  const result = await runCommand(tools.binary, ['--version'], { env: {}, timeoutMs: 30_000 }).catch(() => undefined);
  return result?.stdout.trim() === `v${N8N_NODE_VERSION}`;
}

async function ensureNodeTools(cacheDir: string, onProgress: (line: string) => void): Promise<NodeTools> {
  const toolsDir = join(cacheDir, 'tools');
  const packageDir = join(toolsDir, 'node_modules', nodePackageName());
  const tools = { packageDir, binary: join(packageDir, 'bin', 'node'), binDir: join(packageDir, 'bin') };
  if (await nodeToolsReady(tools)) return tools;
  onProgress(`n8n install: fetching Node ${N8N_NODE_VERSION} with headers (${nodePackageName()}) into ${toolsDir}`);
  await mkdir(toolsDir, { recursive: true });
  await run(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${nodePackageName()}@${N8N_NODE_VERSION}`],
    toolsDir,
    envWithoutNpmSettings(),
    `npm install ${nodePackageName()}@${N8N_NODE_VERSION}`,
  );
  if (!(await nodeToolsReady(tools))) throw new Error(`Node ${N8N_NODE_VERSION} is not usable at ${tools.binary} after installing it.`);
  return tools;
}

interface InstallMarker {
  version: string;
  lockSha256: string;
  node: string;
}

async function readMarker(path: string): Promise<InstallMarker | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as InstallMarker;
  } catch {
    return undefined;
  }
}

async function n8nVersion(installation: N8nInstallation, tools: NodeTools): Promise<string | undefined> {
  if (!existsSync(installation.n8nScript)) return undefined;
  const result = await runCommand(installation.nodeBinary, [installation.n8nScript, '--version'], {
    env: npmEnv(tools),
    timeoutMs: 60_000,
  }).catch(() => undefined);
  return result?.code === 0 ? result.stdout.trim().split('\n').pop()?.trim() : undefined;
}

/** Copies a harness file over a possibly read-only copy (npm ci leaves the lock file read-only on some setups). */
async function replaceFile(from: string, to: string): Promise<void> {
  if (existsSync(to)) await chmod(to, 0o644);
  await copyFile(from, to);
}

export async function ensureN8nInstalled(options: EnsureN8nOptions = {}): Promise<N8nInstallation> {
  const onProgress = options.onProgress ?? (() => undefined);
  const cacheDir = options.cacheDir ?? textbridgeCacheDir();
  const harnessPackage = JSON.parse(await readFile(join(HARNESS_DIR, 'package.json'), 'utf8')) as {
    dependencies: { n8n: string };
  };
  const version = harnessPackage.dependencies.n8n;
  const lock = await readFile(join(HARNESS_DIR, 'package-lock.json'));
  const expected: InstallMarker = {
    version,
    lockSha256: createHash('sha256').update(lock).digest('hex'),
    node: N8N_NODE_VERSION,
  };
  const n8nDir = join(cacheDir, `n8n-${version}`);
  const markerPath = join(n8nDir, MARKER_FILE);
  const installed = async (): Promise<boolean> => {
    const marker = await readMarker(markerPath);
    return marker?.lockSha256 === expected.lockSha256 && marker.node === expected.node && marker.version === version;
  };

  await mkdir(cacheDir, { recursive: true });
  return withInstallLock(join(cacheDir, `n8n-${version}.lock`), onProgress, async () => {
    const tools = await ensureNodeTools(cacheDir, onProgress);
    const installation: N8nInstallation = {
      version,
      n8nDir,
      n8nScript: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
      nodeBinary: tools.binary,
      nodeBinDir: tools.binDir,
    };
    if (await installed()) return installation;

    // A complete install made from the same lock file before markers existed is adopted, not redone.
    const sameLock = await readFile(join(n8nDir, 'package-lock.json')).then((copy) => copy.equals(lock), () => false);
    const sqliteBuilt = existsSync(join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'));
    if (sameLock && sqliteBuilt && (await n8nVersion(installation, tools)) === version) {
      onProgress(`n8n install: found a complete n8n ${version} in ${n8nDir}; reusing it`);
      await writeFile(markerPath, JSON.stringify(expected, null, 2));
      return installation;
    }

    const started = Date.now();
    const env = npmEnv(tools);
    onProgress(`n8n install: first run — installing n8n ${version} into ${n8nDir} (about 2–4 minutes, ~2.9 GB; later runs skip this)`);
    await rm(markerPath, { force: true });
    await rm(join(n8nDir, 'node_modules'), { recursive: true, force: true });
    await mkdir(n8nDir, { recursive: true });
    await replaceFile(join(HARNESS_DIR, 'package.json'), join(n8nDir, 'package.json'));
    await replaceFile(join(HARNESS_DIR, 'package-lock.json'), join(n8nDir, 'package-lock.json'));
    onProgress('n8n install: step 1/3 npm ci --ignore-scripts (downloads ~1,100 packages)');
    await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], n8nDir, env, 'npm ci (n8n)');
    onProgress('n8n install: step 2/3 npm rebuild isolated-vm sqlite3 (sqlite3 compiles from source, ~70 s)');
    await run('npm', ['rebuild', 'isolated-vm', 'sqlite3'], n8nDir, env, 'npm rebuild isolated-vm sqlite3');
    onProgress('n8n install: step 3/3 checking `n8n --version`');
    const found = await n8nVersion(installation, tools);
    if (found !== version) throw new Error(`n8n in ${n8nDir} reports version ${found ?? '(none)'} after installing, not ${version}.`);
    await writeFile(markerPath, JSON.stringify(expected, null, 2));
    onProgress(`n8n install: done in ${Math.round((Date.now() - started) / 1000)} s`);
    return installation;
  });
}
