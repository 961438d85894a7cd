// Writes zapier-app/package-lock.json: the lockfile `zapier-platform push` uses when it copies this folder alone and
// runs `npm install --production`. It is cut from the workspace's root lockfile (same versions, same integrity), so
// the build installs exactly what the tests ran against, and works offline from the cache `npm ci` filled.
// Run it after changing this package's dependencies: `npm run lock -w @textbridge/zapier-app`.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = join(appDir, '..');
const manifest = JSON.parse(await readFile(join(appDir, 'package.json'), 'utf8'));
const rootLock = JSON.parse(await readFile(join(rootDir, 'package-lock.json'), 'utf8'));

const { name, version, license, dependencies, devDependencies } = manifest;
const packages = { '': { name, version, license, dependencies, devDependencies } };
for (const [path, entry] of Object.entries(rootLock.packages)) {
  // Registry packages only: the workspaces' own folders and their links stay behind.
  if (path.startsWith('node_modules/') && !entry.link) packages[path] = entry;
}
// What npm nested under this workspace wins over the hoisted copy of the same name.
for (const [path, entry] of Object.entries(rootLock.packages)) {
  if (path.startsWith('zapier-app/node_modules/')) packages[path.slice('zapier-app/'.length)] = entry;
}

const work = await mkdtemp(join(tmpdir(), 'zapier-app-lock-'));
try {
  await writeFile(join(work, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(work, 'package-lock.json'), JSON.stringify({ ...rootLock, name, version, packages }, null, 2));
  // npm prunes everything the app does not need and keeps the locked versions of the rest; --offline proves that
  // nothing had to be resolved anew.
  execFileSync('npm', ['install', '--package-lock-only', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await writeFile(join(appDir, 'package-lock.json'), await readFile(join(work, 'package-lock.json'), 'utf8'));
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log('zapier-app: wrote package-lock.json from the root lockfile');
