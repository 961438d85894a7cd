// Bundles the app into dist/index.js with @textbridge/core and its dependencies (zod, libphonenumber-js) inlined.
// `zapier-platform push` copies this folder alone and runs `npm install --production`: core is not on any registry,
// so the app's only runtime dependency is zapier-platform-core, which Zapier's wrapper needs installed (external).
// undici is never loaded: every Plivo call goes through `z.request`, so it is replaced by a module that refuses use.
import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const noUndici = {
  name: 'no-undici',
  setup(builder) {
    builder.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici', namespace: 'no-undici' }));
    builder.onLoad({ filter: /.*/, namespace: 'no-undici' }, () => ({
      loader: 'js',
      contents: [
        'export class Pool {',
        '  constructor() {',
        "    throw new Error('The Zapier app sends through z.request; the undici transport is not bundled.');",
        '  }',
        '}',
      ].join('\n'),
    }));
  },
};

// tsc -b (type-check, declarations only) owns dist/types; everything else in dist/ is this script's.
for (const entry of await readdir(dist).catch(() => [])) {
  if (entry !== 'types') await rm(join(dist, entry), { recursive: true, force: true });
}

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  outfile: join(dist, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['zapier-platform-core'],
  plugins: [noUndici],
  metafile: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});

const bytes = result.metafile.outputs['dist/index.js']?.bytes ?? 0;
console.log(`zapier-app: dist/index.js ${(bytes / 1024).toFixed(0)} KB (core bundled; runtime dependency: zapier-platform-core)`);
