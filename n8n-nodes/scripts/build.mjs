// Bundles the credential and each node into one CommonJS file (what n8n `require()`s), with @textbridge/core and
// its dependencies inlined, so the package ships with no runtime dependencies. `n8n-workflow` is provided by n8n.
// undici is never loaded: the nodes always hand core a transport over n8n's own HTTP helper, so the bundle gets a
// placeholder module whose Pool refuses to be used instead of a `require('undici')`.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const entries = [
  'credentials/PlivoSmsApi.credentials.ts',
  'nodes/PlivoSms/PlivoSms.node.ts',
  'nodes/PlivoSmsTrigger/PlivoSmsTrigger.node.ts',
  'nodes/PlivoSmsPollTrigger/PlivoSmsPollTrigger.node.ts',
];
const assets = [
  ['icons', 'icons'],
  ['nodes/PlivoSms/PlivoSms.node.json', 'nodes/PlivoSms/PlivoSms.node.json'],
  ['nodes/PlivoSmsTrigger/PlivoSmsTrigger.node.json', 'nodes/PlivoSmsTrigger/PlivoSmsTrigger.node.json'],
  ['nodes/PlivoSmsPollTrigger/PlivoSmsPollTrigger.node.json', 'nodes/PlivoSmsPollTrigger/PlivoSmsPollTrigger.node.json'],
];

const noUndici = {
  name: 'no-undici',
  setup(builder) {
    builder.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici', namespace: 'no-undici' }));
    builder.onLoad({ filter: /.*/, namespace: 'no-undici' }, () => ({
      loader: 'js',
      contents: [
        'export class Pool {',
        '  constructor() {',
        "    throw new Error('The n8n Plivo nodes send through n8n; the undici transport is not bundled.');",
        '  }',
        '}',
      ].join('\n'),
    }));
  },
};

await rm(dist, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: dist,
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['n8n-workflow'],
  plugins: [noUndici],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const [from, to] of assets) {
  await mkdir(dirname(join(dist, to)), { recursive: true });
  await cp(join(root, from), join(dist, to), { recursive: true });
}
