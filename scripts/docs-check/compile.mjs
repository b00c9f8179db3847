// Type-checks the generated sample modules with the repository's tsc, against the packages' sources.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';

/**
 * `paths` for every workspace package: each subpath export maps to the source file its types are built from
 * (`./dist/ssm/index.d.ts` → `src/ssm/index.ts`), so samples are checked against the code, not a build.
 */
function workspacePaths(root, out) {
  const paths = {};
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifestPath = join(root, 'packages', dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const types = target?.import?.types ?? target?.types;
      if (typeof types !== 'string') continue;
      const source = types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts');
      if (!existsSync(join(root, 'packages', dir, source))) continue; // an entry not written yet
      paths[posix.join(manifest.name, subpath)] = [`../packages/${dir}/${source}`];
    }
  }
  // Validators the samples use are dev dependencies of the library, not of the repository root.
  const fromLibrary = createRequire(join(root, 'packages/parameters/package.json'));
  const zod = dirname(fromLibrary.resolve('zod/package.json'));
  paths.zod = [join(relative(out, zod), 'index.d.cts')];
  return paths;
}

/** Rewrites `docs_ssm/03.ts(3,5): error ...` to `docs/ssm.md:42:5: error ...`. */
function locate(origins, output) {
  return output.replace(/^([\w.-]+\/[\w.-]+\.ts)\((\d+),(\d+)\)/gm, (match, file, line, column) => {
    const origin = origins.get(file);
    const segment = origin?.segments.find((s) => Number(line) >= s.from && Number(line) <= s.to);
    if (!origin || !segment) return match;
    return `${origin.page}:${segment.line + Number(line) - segment.from}:${column}`;
  });
}

/**
 * Runs tsc over every module under `out`; resolves to `{ ok, report }`, the report's lines pointing at the pages.
 * `origins` maps a generated file (relative to `out`) to `{ page, segments }`.
 */
export function compile(root, out, origins) {
  const tsconfig = {
    extends: '../tsconfig.base.json',
    compilerOptions: { noEmit: true, declaration: false, sourceMap: false, paths: workspacePaths(root, out) },
    include: ['**/*.ts'],
    exclude: ['node_modules'],
  };
  writeFileSync(join(out, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  return new Promise((resolve) => {
    const child = spawn(tsc, ['-p', join(out, 'tsconfig.json'), '--pretty', 'false'], { cwd: out });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) => resolve({ ok: false, report: `tsc could not start: ${error.message}` }));
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ ok: true, report: '' });
      else resolve({ ok: false, report: locate(origins, output.trim()) || `tsc failed (exit ${code ?? signal})` });
    });
  });
}
