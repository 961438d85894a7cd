// Builds what n8n `require()`s: CommonJS files with no runtime dependencies, within n8n's community-package rules.
// - Core is bundled ONCE into dist/lib/textbridge-core.js (with libphonenumber-js, minified);
//   each node requires it by relative path, so the package carries one copy of it.
// - Nodes import only core's runtime-neutral subpaths (`@textbridge/core/plivo`, `/send`, …): no sandbox, CLI,
//   undici or Node timers end up here; n8n injects its HTTP helper and `sleep`.
// - `zod` stays external (`require("zod/v4")`): n8n ships zod and lets community packages resolve it, and its
//   `zod/v4` entry exists in every zod n8n has shipped since 3.25.
// - `n8n-workflow` is external: n8n provides it.
// - Node files are minified too (their descriptions are most of their size); text stays UTF-8, not \u escapes.
// The build prints the size of the JavaScript it wrote (the package must stay small: goal ≤ 400 KB).
import { build } from 'esbuild';
import { cp, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const SHARED_CORE = 'lib/textbridge-core.js';
export const JS_BUDGET_BYTES = 400 * 1024;

/** Everything the nodes use from core; each subpath is runtime-neutral (no timers, no Node modules but crypto). */
const CORE_SUBPATHS = ['clock', 'errors', 'phone', 'transport', 'encoding', 'plivo', 'send', 'webhooks', 'integration'];

/**
 * Exported by the shared core file although no node imports them: the plug for a shared nonce store, which an n8n
 * external hook file calls in each n8n process (queue mode; see README "Replay protection").
 */
const PUBLIC_CORE_EXPORTS = { webhooks: ['setDefaultNonceStore'] };

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

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['n8n-workflow', 'zod', 'zod/*'],
  sourcemap: false,
  legalComments: 'none',
  // Smart-encoding tables and descriptions hold many non-ASCII characters: as UTF-8 each takes 2-3 bytes, not 6.
  charset: 'utf8',
  logLevel: 'warning',
};

/** Core's root, `/node` and `/sandbox` carry Node timers, undici and the sandbox: never in the n8n package. */
function refusedCoreImport(path) {
  const subpath = path.slice('@textbridge/core/'.length);
  if (CORE_SUBPATHS.includes(subpath)) return undefined;
  return { errors: [{ text: `${path} is not allowed in the n8n package; import one of core's neutral subpaths (${CORE_SUBPATHS.join(', ')}).` }] };
}

const neutralSubpathsOnly = {
  name: 'neutral-core-subpaths',
  setup(builder) {
    builder.onResolve({ filter: /^@textbridge\/core(\/.*)?$/ }, (args) => refusedCoreImport(args.path));
  },
};

/** In a node bundle, every core import becomes a require of the one shared core file. */
function sharedCore(outFile) {
  const target = relative(dirname(outFile), join(dist, SHARED_CORE)).split('\\').join('/');
  return {
    name: 'shared-core',
    setup(builder) {
      builder.onResolve({ filter: /^@textbridge\/core(\/.*)?$/ }, (args) =>
        refusedCoreImport(args.path) ?? { path: target.startsWith('.') ? target : `./${target}`, external: true },
      );
    },
  };
}

/** The core names the node sources import (values only), by subpath: the shared file exports exactly those. */
async function importedCoreNames() {
  const names = new Map();
  const sources = (await Promise.all(['nodes', 'credentials'].map((folder) => tsFiles(join(root, folder))))).flat();
  for (const file of sources) {
    const code = await readFile(file, 'utf8');
    for (const [, typeOnly, list, subpath] of code.matchAll(/import (type )?\{([^}]*)\} from '@textbridge\/core\/([a-z-]+)'/g)) {
      if (typeOnly) continue;
      const values = list.split(',').map((name) => name.trim()).filter((name) => name && !name.startsWith('type '));
      if (!names.has(subpath)) names.set(subpath, new Set());
      for (const name of values) names.get(subpath).add(name.split(/\s+as\s+/)[0]);
    }
  }
  for (const [subpath, values] of Object.entries(PUBLIC_CORE_EXPORTS)) {
    if (!names.has(subpath)) names.set(subpath, new Set());
    for (const name of values) names.get(subpath).add(name);
  }
  return names;
}

async function tsFiles(folder) {
  return (await filesIn(folder)).filter((file) => file.endsWith('.ts'));
}

async function filesIn(folder) {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await filesIn(path)));
    else found.push(path);
  }
  return found;
}

async function jsFiles(folder) {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await jsFiles(path)));
    else if (entry.name.endsWith('.js')) found.push(path);
  }
  return found;
}

await rm(dist, { recursive: true, force: true });
await build({
  ...common,
  stdin: {
    contents: [...(await importedCoreNames())]
      .map(([subpath, names]) => `export { ${[...names].sort().join(', ')} } from '@textbridge/core/${subpath}';`)
      .join('\n'),
    resolveDir: root,
    sourcefile: 'textbridge-core-entry.js',
  },
  outfile: join(dist, SHARED_CORE),
  plugins: [neutralSubpathsOnly],
  // Over a third of it is libphonenumber-js's phone metadata. Minified without keeping names (that costs 14 KB of
  // the budget): errors are read by their code and message, and TextbridgeError sets its own name.
  minify: true,
});
for (const entry of entries) {
  const outFile = join(dist, entry.replace(/\.ts$/, '.js'));
  // Minified like the shared core: n8n finds the node classes by their export names, which minifying keeps; errors
  // are read by code and message. Keeping names would cost the budget 2.4 KB.
  await build({ ...common, entryPoints: [entry], outfile: outFile, plugins: [sharedCore(outFile)], minify: true });
}
for (const [from, to] of assets) {
  await mkdir(dirname(join(dist, to)), { recursive: true });
  await cp(join(root, from), join(dist, to), { recursive: true });
}

const files = await jsFiles(dist);
const sizes = await Promise.all(files.map(async (file) => [relative(root, file), (await stat(file)).size]));
const total = sizes.reduce((sum, [, size]) => sum + size, 0);
for (const [file, size] of sizes.sort((a, b) => b[1] - a[1])) console.log(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
console.log(`n8n package JavaScript: ${(total / 1024).toFixed(1)} KB (budget ${JS_BUDGET_BYTES / 1024} KB)`);
if (total > JS_BUDGET_BYTES) {
  console.error(`The n8n package's JavaScript is over budget by ${((total - JS_BUDGET_BYTES) / 1024).toFixed(1)} KB.`);
  process.exit(1);
}
