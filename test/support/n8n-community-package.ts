// Our n8n package the way users get it: `npm pack` makes the tarball a publish would upload, and it is installed into
// an n8n user folder exactly as n8n 2.41's Community Nodes installer does (CommunityPackagesService.downloadPackage):
// extracted into `<user folder>/.n8n/nodes/node_modules/<name>`, dev/peer/optional dependencies dropped from its
// package.json, `npm install` with n8n's flags inside it, and the `installed-nodes` ledger updated. n8n then loads
// it at start-up from that folder — no N8N_CUSTOM_EXTENSIONS, no symlink into the repository.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const N8N_NODES_DIR = fileURLToPath(new URL('../../n8n-nodes/', import.meta.url));

export interface PackedPackage {
  tarball: string;
  name: string;
  version: string;
}

let packed: Promise<PackedPackage> | undefined;

/** `npm pack` of n8n-nodes/ (its dist must be built), once per process. */
export function packN8nPackage(): Promise<PackedPackage> {
  packed ??= (async () => {
    const destination = await mkdtemp(join(tmpdir(), 'textbridge-tarball-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: N8N_NODES_DIR });
    const [info] = JSON.parse(stdout) as { filename: string; name: string; version: string }[];
    if (!info) throw new Error('npm pack printed no package.');
    return { tarball: join(destination, info.filename), name: info.name, version: info.version };
  })();
  return packed;
}

/** The type names n8n gives the nodes of an installed community package: `<package name>.<node name>`. */
export function communityNodeType(packageName: string, nodeName: string): string {
  return `${packageName}.${nodeName}`;
}

/**
 * Installs `pkg` into the n8n user folder `userFolder` (N8N_USER_FOLDER) as Settings → Community Nodes does.
 * `env` runs npm (put the Node n8n runs on first on PATH).
 */
export async function installCommunityPackage(userFolder: string, pkg: PackedPackage, env: NodeJS.ProcessEnv): Promise<string> {
  const nodesFolder = join(userFolder, '.n8n', 'nodes');
  const packageDir = join(nodesFolder, 'node_modules', ...pkg.name.split('/'));
  // A reinstall replaces the package (n8n swaps the folder too): no file of an older version may linger.
  await rm(packageDir, { recursive: true, force: true });
  await mkdir(packageDir, { recursive: true });
  await run('tar', ['-xzf', pkg.tarball, '-C', packageDir, '--strip-components=1']);

  const manifestPath = join(packageDir, 'package.json');
  const { devDependencies: _dev, peerDependencies: _peer, optionalDependencies: _optional, ...manifest } = JSON.parse(
    await readFile(manifestPath, 'utf8'),
  ) as Record<string, unknown>;
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  // n8n's own flags; --offline on top: the package has no dependencies, so nothing may be fetched.
  await run(
    'npm',
    ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--offline'],
    { cwd: packageDir, env },
  );

  const ledgerPath = join(nodesFolder, 'package.json');
  const ledger = await readFile(ledgerPath, 'utf8').then(
    (text) => JSON.parse(text) as { dependencies: Record<string, string> },
    () => ({ name: 'installed-nodes', private: true, dependencies: {} as Record<string, string> }),
  );
  ledger.dependencies[pkg.name] = pkg.version;
  await writeFile(ledgerPath, JSON.stringify(ledger, null, 2));
  return packageDir;
}
