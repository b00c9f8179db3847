import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackages, root, unresolvableRanges } from '../../../scripts/pack.mjs';
import { childEnv, runCommand } from './processes.js';

/** A package as packed: its name and the package.json inside its tarball. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Its folder in the workspace. */
  dir: string;
  file: string;
  manifest: PackageManifest;
}

/** The parts of a package.json the consumer test reads. */
export interface PackageManifest {
  name: string;
  version: string;
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  main?: string;
  typesVersions?: Record<string, Record<string, string[]>>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** A project outside the workspace with every package's tarball installed by npm. */
export interface ConsumerProject {
  dir: string;
  packed: PackedPackage[];
  /** Every public import specifier of every package: `@paramkit/parameters`, `@paramkit/parameters/ssm`, ... */
  specifiers: string[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** The import specifiers a package's `exports` offers (no patterns, no `./package.json`). */
export function publicSpecifiers(manifest: PackageManifest): string[] {
  if (manifest.exports === undefined) return manifest.main === undefined ? [] : [manifest.name];
  return Object.keys(manifest.exports)
    .filter((key) => key !== './package.json' && !key.includes('*'))
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

/**
 * The peer dependencies of every package (the AWS SDK clients, ...) at the versions the workspace develops against:
 * the declaring package's devDependencies, else the root's, else the peer range itself.
 */
function peerVersions(packed: PackedPackage[]): Record<string, string> {
  const own = new Set(packed.map(({ name }) => name));
  const rootDev = readJson<PackageManifest>(join(root, 'package.json')).devDependencies ?? {};
  const versions: Record<string, string> = {};
  for (const { dir, manifest } of packed) {
    const workspaceDev = readJson<PackageManifest>(join(dir, 'package.json')).devDependencies ?? {};
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
      if (own.has(name)) continue;
      versions[name] ??= workspaceDev[name] ?? rootDev[name] ?? range;
    }
  }
  return versions;
}

/** The exact @types/node the workspace has installed, so the temp project types Node.js as the workspace does. */
function nodeTypesVersion(): string {
  return readJson<{ version: string }>(join(root, 'node_modules', '@types', 'node', 'package.json')).version;
}

/**
 * Packs every package with pnpm (built beforehand by the test command), refuses a tarball that npm could not
 * install, and installs all of them with their peers into a fresh project under the OS temp dir: one `npm install`.
 */
export async function createConsumerProject(): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), 'paramkit-consumer-'));
  try {
    const packed = await packInto(join(dir, 'packs'));
    const dependencies: Record<string, string> = {
      ...peerVersions(packed),
      '@types/node': nodeTypesVersion(),
      ...Object.fromEntries(packed.map(({ name, file }) => [name, `file:${file}`])),
    };
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'paramkit-consumer', private: true, type: 'module', dependencies }, null, 2)}\n`,
    );
    await runCommand(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: dir, env: childEnv(), timeoutMs: 120_000 },
    );
    return { dir, packed, specifiers: packed.flatMap(({ manifest }) => publicSpecifiers(manifest)) };
  } catch (error) {
    throw new Error(`consumer project not set up (kept for a look: ${dir}): ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** `packPackages` into `packsDir`, refusing tarballs with a range npm cannot install. */
async function packInto(packsDir: string): Promise<PackedPackage[]> {
  mkdirSync(packsDir);
  const packed = (await packPackages(packsDir)) as PackedPackage[];
  const problems = packed.flatMap(({ manifest }) => unresolvableRanges(manifest));
  if (problems.length > 0) throw new Error(`tarballs keep ranges npm cannot install:\n  ${problems.join('\n  ')}`);
  return packed;
}
