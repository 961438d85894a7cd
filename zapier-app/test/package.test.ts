// `zapier-platform push` builds from a copy of this folder alone and runs `npm install --production` there: it can only
// install what a registry has, and it installs what zapier-app/package-lock.json pins.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
interface LockEntry extends Manifest {
  version?: string;
  integrity?: string;
  link?: boolean;
}
interface Lockfile {
  packages: Record<string, LockEntry>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
const manifest = readJson<Manifest>('../package.json');
const appLock = readJson<Lockfile>('../package-lock.json');
const rootLock = readJson<Lockfile>('../../package-lock.json');
const FIX = 'after changing zapier-app’s dependencies, run `npm install` at the root, then `npm run lock -w @textbridge/zapier-app`';

/** "node_modules/a/node_modules/@s/b" -> "@s/b". */
const packageName = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('zapier-app’s package, as zapier push installs it', () => {
  it('needs nothing at run time but zapier-platform-core, pinned: @textbridge/core is bundled into dist/index.js', () => {
    expect(manifest.dependencies).toEqual({ 'zapier-platform-core': expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(manifest.peerDependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toBeUndefined();
    // npm resolves devDependencies too before it omits them: a workspace package there breaks the install as well.
    expect(Object.keys(manifest.devDependencies ?? {}).filter((name) => name.startsWith('@textbridge/'))).toEqual([]);
  });

  it('has a lockfile that matches package.json, so npm installs from it instead of resolving anew', () => {
    const root = appLock.packages[''];
    expect({ dependencies: root?.dependencies, devDependencies: root?.devDependencies }, FIX).toEqual({
      dependencies: manifest.dependencies,
      devDependencies: manifest.devDependencies,
    });
    expect(Object.keys(appLock.packages).filter((path) => path !== '' && !path.startsWith('node_modules/'))).toEqual([]);
  });

  it('pins exactly the versions the workspace installs and tests (so `npm ci`’s cache serves an offline build)', () => {
    const workspace = new Set(
      Object.entries(rootLock.packages)
        .filter(([path, entry]) => path.includes('node_modules/') && !entry.link)
        .map(([path, entry]) => `${packageName(path)}@${entry.version} ${entry.integrity}`),
    );
    const strays = Object.entries(appLock.packages)
      .filter(([path]) => path !== '')
      .map(([path, entry]) => `${packageName(path)}@${entry.version} ${entry.integrity}`)
      .filter((pinned) => !workspace.has(pinned));
    expect(strays, FIX).toEqual([]);
    expect(appLock.packages['node_modules/zapier-platform-core']?.version).toBe(manifest.dependencies?.['zapier-platform-core']);
  });
});
