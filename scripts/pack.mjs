#!/usr/bin/env node
// `npm run pack [outDir]`: builds every package under packages/ and packs each with pnpm, which rewrites
// `workspace:*` ranges into the version of the package they point at (npm pack keeps them, and npm install of such
// a tarball fails). The tarballs are what `pnpm publish -r` would upload; the consumer test installs them with npm.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';

const run = promisify(execFile);
const PNPM = ['-y', 'pnpm@12.4.2'];
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const shell = process.platform === 'win32';

/** The repository root. */
export const root = fileURLToPath(new URL('..', import.meta.url));

/** Dependency fields of a manifest; a consumer's install reads the first and the last two. */
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** Range protocols only a workspace understands: a tarball carrying one cannot be installed from a registry. */
const WORKSPACE_PROTOCOLS = /^(workspace|catalog|link|file):/;

/**
 * Every publishable package, read from `packages/*` at run time (a new folder is picked up without a change here).
 * @returns `{ dir, manifest }` for each folder holding a package.json without `"private": true`.
 */
export function listPackages(repoRoot = root) {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    })
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** Builds every package (tsup), as the test command does. */
export async function buildPackages(repoRoot = root) {
  await run(npx, [...PNPM, '-r', '--filter', './packages/**', 'run', 'build'], { cwd: repoRoot, shell });
}

/**
 * Packs each package of `listPackages()` into `outDir` with `pnpm pack` (no build: run `buildPackages` first).
 * @returns `{ name, version, dir, file, manifest }` per package, `manifest` being the package.json in the tarball.
 */
export async function packPackages(outDir, repoRoot = root) {
  mkdirSync(outDir, { recursive: true });
  const packed = [];
  for (const { dir, manifest } of listPackages(repoRoot)) {
    if (!existsSync(join(dir, 'dist'))) throw new Error(`${manifest.name} is not built (no dist/): build it first`);
    const { stdout } = await run(npx, [...PNPM, 'pack', '--json', '--pack-destination', outDir], {
      cwd: dir,
      shell,
      maxBuffer: 16 * 1024 * 1024,
    });
    const { filename } = JSON.parse(stdout);
    const file = isAbsolute(filename) ? filename : join(outDir, filename);
    packed.push({ name: manifest.name, version: manifest.version, dir, file, manifest: readPackedManifest(file) });
  }
  return packed;
}

/**
 * The ranges of a packed manifest that a registry install cannot resolve (`workspace:*`, `catalog:`, ...).
 * @returns one line per offending dependency, empty when the tarball is installable.
 */
export function unresolvableRanges(manifest) {
  return DEPENDENCY_FIELDS.flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([, range]) => WORKSPACE_PROTOCOLS.test(range))
      .map(([name, range]) => `${manifest.name}: ${field}.${name} is "${range}"`),
  );
}

/** Reads `package/package.json` out of a packed `.tgz` (a gzipped ustar archive: 512-byte headers and blocks). */
export function readPackedManifest(tgz) {
  const archive = gunzipSync(readFileSync(tgz));
  const text = (start, length) =>
    archive
      .subarray(start, start + length)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const name = text(offset, 100);
    if (name === '') break;
    const prefix = text(offset + 345, 155);
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (path === 'package/package.json') {
      return JSON.parse(archive.subarray(offset + 512, offset + 512 + size).toString('utf8'));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${tgz} holds no package/package.json`);
}

async function main() {
  const outDir = resolve(process.argv[2] ?? join(root, 'packs'));
  console.log('▶ build packages (tsup)');
  await buildPackages();
  console.log(`▶ pack packages (pnpm pack) into ${outDir}`);
  const packed = await packPackages(outDir);
  const problems = packed.flatMap(({ manifest }) => unresolvableRanges(manifest));
  if (problems.length > 0) {
    console.error(`✖ tarballs that npm could not install:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  for (const { name, version, file } of packed) console.log(`  ${name}@${version}  ${file}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`✖ pack failed: ${error.stderr || error.message}`);
    process.exit(1);
  });
}
