// The package a user installs, judged by n8n's own rules: `npm pack` the way a publish would, then run what
// `@n8n/scan-community-package` runs on it (its CLI only fetches published packages, so its exported analysis is
// called on the unpacked tarball and on the sources), plus the verification rules the scanner leaves to reviewers:
// publishable metadata, no runtime dependencies, no forbidden globals or modules, no credentials, a size budget.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULT_AUTH_TOKEN } from '@textbridge/core/sandbox';

const packageDir = join(import.meta.dirname, '..');
const JS_BUDGET_BYTES = 400 * 1024;
const ALLOWED_RUNTIME_MODULES = ['n8n-workflow', 'lodash', 'moment', 'p-limit', 'luxon', 'zod', 'crypto', 'node:crypto'];

let workDir: string;
let unpacked: string;

/** n8n's scanner, in its own process (as its CLI runs): exit code and findings. */
function scan(mode: '--dist' | '--source', dir: string): { status: number | null; output: string } {
  // eslint-plugin-n8n-nodes-base reads fixture file names when NODE_ENV is "test" (as vitest sets it).
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const result = spawnSync(process.execPath, [join(packageDir, 'scripts/scan.mjs'), mode, dir], { encoding: 'utf8', env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'textbridge-pack-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: packageDir, encoding: 'utf8' }),
  ) as { filename: string }[];
  execFileSync('tar', ['-xzf', join(workDir, packed[0]!.filename), '-C', workDir]);
  unpacked = join(workDir, 'package');
}, 120_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed n8n package', () => {
  it("passes @n8n/scan-community-package's analysis of the tarball (its compiled JS and package.json)", () => {
    const { status, output } = scan('--dist', unpacked);
    expect(output).toMatch(/passed/);
    expect(status).toBe(0);
  }, 120_000);

  it("passes the scanner's analysis of the sources it would fetch from the provenance commit", () => {
    const { status, output } = scan('--source', packageDir);
    expect(output).toMatch(/passed/);
    expect(status).toBe(0);
  }, 120_000);

  it('is publishable and installable by n8n: name, version, licence, files, n8n section, peer n8n-workflow only', () => {
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.private).toBeUndefined();
    expect(pkg.name).toMatch(/^(@[a-z0-9-]+\/)?n8n-nodes-[a-z0-9-]+$/);
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.license).toBe('MIT');
    expect(pkg.keywords).toContain('n8n-community-node-package');
    expect(pkg.repository).toMatchObject({ url: expect.stringContaining('github.com') });
    expect(pkg.homepage).toEqual(expect.any(String));
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
    for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'overrides']) expect(pkg[field], field).toBeUndefined();
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook], hook).toBeUndefined();
    const n8n = pkg.n8n as { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
    expect(n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
    for (const file of [...n8n.nodes, ...n8n.credentials]) expect(statSync(join(unpacked, file)).isFile(), file).toBe(true);
    expect(readFileSync(join(unpacked, 'README.md'), 'utf8')).toMatch(/Community Nodes/);
    expect(statSync(join(unpacked, 'LICENSE')).isFile()).toBe(true);
  });

  it(`ships at most ${JS_BUDGET_BYTES / 1024} KB of JavaScript, with core in one shared file`, () => {
    const js = filesUnder(unpacked).filter((file) => file.endsWith('.js'));
    const total = js.reduce((sum, file) => sum + statSync(file).size, 0);
    expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
    // The phone metadata marks a copy of core: exactly one file may carry it.
    const withCore = js.filter((file) => readFileSync(file, 'utf8').includes('country_calling_codes'));
    expect(withCore.map((file) => relative(unpacked, file))).toEqual(['dist/lib/textbridge-core.js']);
  });

  // Forbidden globals (timers, process, globalThis…) are the scanner's `no-restricted-globals` rule, run above.
  it("requires at runtime only n8n's allowed modules and its own files", () => {
    for (const file of filesUnder(unpacked).filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!);
      const outside = required.filter((name) => !name.startsWith('.') && !ALLOWED_RUNTIME_MODULES.includes(name.split('/')[0]!));
      expect(outside, relative(unpacked, file)).toEqual([]);
    }
  });

  it("carries no sandbox credentials, sandbox, CLI or undici", () => {
    for (const file of filesUnder(unpacked).filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      expect(code.includes(SANDBOX_DEFAULT_AUTH_TOKEN), relative(unpacked, file)).toBe(false);
      expect(code, relative(unpacked, file)).not.toMatch(/require\("undici"\)|Virtual phones|startSandbox|TEXTBRIDGE_USAGE/);
    }
  });
});
