// The app definition checked by Zapier's own tools: the CLI's offline validation (on the built dist) and core's
// schema tools (on the source), each also shown failing on a deliberately broken definition.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { App } from './helpers.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const appDir = resolve(here, '..');
const require = createRequire(import.meta.url);
const cli = require.resolve('zapier-platform-cli/src/bin/run');
const rootModules = resolve(appDir, '..', 'node_modules');
/** The CLI insists on an exact zapier-platform-core version; the app's own manifest has it. */
const appManifest = require('../package.json') as { dependencies: Record<string, string> };

interface SchemaTools {
  prepareApp(app: unknown): unknown;
  validateApp(app: unknown): unknown[];
}
const schemaTools = require('zapier-platform-core/src/tools/schema') as SchemaTools;

/**
 * The environment of a real CLI run. vitest sets NODE_ENV=test, which makes oclif register tsx (installed at the
 * root), whose CommonJS resolver cannot load packages that only export an `import` condition.
 */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_COLOR: '1' };
  delete env.NODE_ENV;
  return env;
}

/** `zapier-platform validate` offline (no style checks: those call zapier.com); never throws. */
async function zapierValidate(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'validate', '--without-style', '--skip-build'], {
      cwd,
      env: cliEnv(),
      timeout: 60_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

type Operation = { key: string; display: { hidden?: boolean }; operation: Record<string, unknown> };

function operations(): [string, Operation][] {
  return (['triggers', 'creates', 'searches'] as const).flatMap((kind) =>
    Object.entries((App as unknown as Record<string, Record<string, Operation>>)[kind] ?? {}).map(
      ([key, op]): [string, Operation] => [`${kind}.${key}`, op],
    ),
  );
}

const temporaryDirs: string[] = [];
afterAll(async () => {
  await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('app definition', () => {
  it('has the operations the spec names, each keyed by its own key', () => {
    expect(operations().map(([path]) => path).sort()).toEqual([
      'creates.send_sms',
      'creates.send_verification_code',
      'searches.check_verification_code',
      'searches.delivery_report',
      'searches.find_message',
      'searches.find_number_wiring',
      'searches.lookup_number',
      'triggers.delivery_status',
      'triggers.delivery_status_instant',
      'triggers.new_inbound_sms',
      'triggers.new_inbound_sms_polling',
      'triggers.sender_number',
    ]);
    for (const [path, op] of operations()) expect(path.endsWith(`.${op.key}`)).toBe(true);
  });

  it.each(operations())('%s has a sample and output fields that describe it', (_path, op) => {
    const sample = op.operation.sample as Record<string, unknown> | undefined;
    const fields = op.operation.outputFields as { key: string; label?: string }[] | undefined;
    expect(sample).toBeTypeOf('object');
    expect(Array.isArray(fields) && fields.length > 0).toBe(true);
    for (const field of fields!) {
      expect(field.label, `${field.key} needs a label`).toBeTruthy();
      const topKey = field.key.split('[]')[0]!;
      expect(Object.keys(sample!), `sample lacks ${topKey}`).toContain(topKey);
    }
  });

  it.each(operations().filter(([, op]) => !op.display.hidden))('%s explains every input to non-technical users', (_path, op) => {
    for (const field of (op.operation.inputFields ?? []) as { key: string; helpText?: string }[]) {
      expect(field.helpText?.length ?? 0, `${field.key} needs help text`).toBeGreaterThan(20);
    }
  });

  it('passes the schema checks of zapier-platform-core', () => {
    expect(schemaTools.validateApp(schemaTools.prepareApp(App))).toEqual([]);
  });

  it('fails the schema checks when the definition is broken', () => {
    const creates = App.creates as Record<string, unknown>;
    const broken = { ...App, creates: { ...creates, 'send sms': { ...App.creates.send_sms, key: 'send sms' } } };
    const errors = schemaTools.validateApp(schemaTools.prepareApp(broken));
    expect(errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(errors)).toMatch(/send sms/);
  });

  it('is structurally sound for `zapier-platform validate` (built dist)', async () => {
    expect(existsSync(join(appDir, 'dist', 'index.js')), 'build the workspace first (npm run build)').toBe(true);
    const result = await zapierValidate(appDir);
    expect(result.output).toMatch(/structurally sound/);
    expect(result.code).toBe(0);
  });

  it('makes `zapier-platform validate` fail on a deliberately broken copy of the app', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'textbridge-zapier-broken-'));
    temporaryDirs.push(dir);
    await symlink(rootModules, join(dir, 'node_modules'), 'dir');
    const manifest = {
      name: 'textbridge-zapier-broken',
      version: '1.0.0',
      type: 'module',
      exports: './index.js',
      dependencies: { 'zapier-platform-core': appManifest.dependencies['zapier-platform-core'] },
    };
    await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
    await writeFile(
      join(dir, 'index.js'),
      [
        "import app from '@textbridge/zapier-app';",
        "export default { ...app, creates: { ...app.creates, 'send sms': { ...app.creates.send_sms, key: 'send sms' } } };",
      ].join('\n'),
    );
    const result = await zapierValidate(dir);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/send sms/);
  });
});
