// The Node version Zapier runs apps on, as zapier-platform-cli states it (`NODE_VERSION`, a major version: "22"),
// fetched from the npm registry (`node-<platform>-<arch>`, the binary the `node` package installs) into the shared
// cache folder once. Later runs, and runs without the registry, reuse it.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { textbridgeCacheDir } from '../../support/n8n-install.js';
import { runCommand, tail } from '../../support/processes.js';
import { envForNpm } from './npm-env.js';

const INSTALL_TIMEOUT_MS = 5 * 60_000;

/** Zapier's runtime Node major version, from the CLI that builds the app (its constants follow Zapier's Lambda). */
export function zapierRuntimeNodeMajor(): string {
  const constants = createRequire(import.meta.url)('zapier-platform-cli/src/constants') as { NODE_VERSION: string };
  const major = /^(\d+)/.exec(constants.NODE_VERSION)?.[1];
  if (major === undefined) throw new Error(`zapier-platform-cli states no usable NODE_VERSION: ${constants.NODE_VERSION}`);
  return major;
}

async function versionOf(binary: string): Promise<string | undefined> {
  if (!existsSync(binary)) return undefined;
  const result = await runCommand(binary, ['--version'], { env: {}, timeoutMs: 30_000 }).catch(() => undefined);
  return result?.code === 0 ? result.stdout.trim() : undefined;
}

export interface RuntimeNode {
  binary: string;
  /** e.g. "v22.23.5". */
  version: string;
}

/**
 * The Node binary of Zapier's runtime major version. The newest release of that major is installed, as Zapier's
 * runtime takes patch releases; it lands in a temporary folder first and is renamed into place once it runs, so an
 * interrupted install is never picked up.
 */
export async function ensureZapierRuntimeNode(onProgress: (line: string) => void = () => undefined): Promise<RuntimeNode> {
  const major = zapierRuntimeNodeMajor();
  const packageName = `node-${process.platform}-${process.arch}`;
  const dir = join(textbridgeCacheDir(), `zapier-node-${major}`);
  const binaryIn = (folder: string) => join(folder, 'node_modules', packageName, 'bin', 'node');
  const ready = async (folder: string) => {
    const version = await versionOf(binaryIn(folder));
    return version?.startsWith(`v${major}.`) ? { binary: binaryIn(folder), version } : undefined;
  };

  const installed = await ready(dir);
  if (installed) return installed;

  onProgress(`Zapier runtime: fetching Node ${major} (${packageName}@${major}) into ${dir}`);
  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const result = await runCommand(
      'npm',
      ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${packageName}@${major}`],
      { cwd: staging, env: envForNpm(), timeoutMs: INSTALL_TIMEOUT_MS },
    );
    if (result.code !== 0) {
      throw new Error(`npm install ${packageName}@${major} failed (exit ${result.code ?? result.signal}):\n${tail(result.stderr || result.stdout)}`);
    }
    if (!(await ready(staging))) throw new Error(`Node ${major} does not run from ${binaryIn(staging)} after installing it.`);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const fresh = await ready(dir);
  if (!fresh) throw new Error(`Node ${major} does not run from ${binaryIn(dir)}.`);
  return fresh;
}
