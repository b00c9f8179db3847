#!/usr/bin/env node
// Type-checks every ```ts code block of README.md and docs/*.md against the packages' sources, so that the
// documentation cannot drift from the API. The convention (see docs/contributing.md), in the fence's info string:
//   ```ts                 a module of its own
//   ```ts file=handler.ts a module of its own with that file name, so that other blocks of the page can import it
//   ```ts continued       appended to the module of the block before it on the same page
//   ```ts ignore          not checked (for fragments that cannot compile; use sparingly)
// The modules of each page are written to .docs-check/<page>/ (gitignored) and the lot is checked with the
// repository's tsc (strict, NodeNext, ES2022 modules: top-level await works). Errors are reported at their line in
// the Markdown file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.docs-check');
const FENCE = /^(\s*)```ts\b(.*)$/;
const CLOSE = /^\s*```\s*$/;
const MARKER = /^(?:continued|ignore|file=[\w.-]+\.ts)$/;

/** The Markdown files whose samples are checked: the README and every page under docs/. */
function pages() {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** The ```ts blocks of one page: their code, the line of their first code line (1-based) and their marker. */
function blocksOf(page) {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1].length;
    const marker = open[2].trim();
    if (marker !== '' && !MARKER.test(marker)) {
      throw new Error(`${page}:${i + 1}: unknown marker '${marker}' (use continued, ignore or file=<name>.ts)`);
    }
    const code = [];
    let end = i + 1;
    while (end < lines.length && !CLOSE.test(lines[end] ?? '')) {
      code.push((lines[end] ?? '').slice(indent));
      end++;
    }
    if (end === lines.length) throw new Error(`${page}:${i + 1}: code block is not closed`);
    blocks.push({ code, line: i + 2, marker });
    i = end;
  }
  return blocks;
}

/** Groups a page's blocks into modules: other blocks start one, `continued` blocks join the one before. */
function modulesOf(page) {
  const modules = [];
  for (const block of blocksOf(page)) {
    if (block.marker === 'ignore') continue;
    if (block.marker === 'continued') {
      const last = modules.at(-1);
      if (!last) throw new Error(`${page}:${block.line - 1}: a 'continued' block needs a block before it`);
      last.blocks.push(block);
      continue;
    }
    const name = block.marker.startsWith('file=')
      ? block.marker.slice('file='.length)
      : `${String(modules.length + 1).padStart(2, '0')}.ts`;
    if (modules.some((module) => module.name === name)) {
      throw new Error(`${page}:${block.line - 1}: a second module named ${name}`);
    }
    modules.push({ name, blocks: [block] });
  }
  return modules;
}

/**
 * `paths` for every workspace package: each subpath export maps to the source file its types are built from
 * (`./dist/ssm/index.d.ts` → `src/ssm/index.ts`), so samples are checked against the code, not a build.
 */
function workspacePaths() {
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

function write() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // ES modules whatever their extension, so that top-level await compiles and samples can import `./handler.js`.
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  const origins = new Map(); // generated file (relative to `out`) → { page, segments }
  let count = 0;
  for (const page of pages()) {
    const dir = page.replace(/\.md$/, '').replace(/[/\\]/g, '_');
    mkdirSync(join(out, dir), { recursive: true });
    for (const { name, blocks } of modulesOf(page)) {
      const text = [];
      const segments = [];
      for (const block of blocks) {
        segments.push({ from: text.length + 1, to: text.length + block.code.length, line: block.line });
        text.push(...block.code);
        count++;
      }
      // `export {}` makes a sample without imports a module too, so that top-level await is allowed.
      writeFileSync(join(out, dir, name), `${text.join('\n')}\nexport {};\n`);
      origins.set(`${dir}/${name}`, { page, segments });
    }
  }
  const tsconfig = {
    extends: '../tsconfig.base.json',
    compilerOptions: { noEmit: true, declaration: false, sourceMap: false, paths: workspacePaths() },
    include: ['**/*.ts'],
  };
  writeFileSync(join(out, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return { origins, count };
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

const { origins, count } = write();
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const result = spawnSync(tsc, ['-p', join(out, 'tsconfig.json'), '--pretty', 'false'], {
  cwd: out,
  encoding: 'utf8',
});
const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
if (result.status !== 0) {
  console.error(locate(origins, output) || `tsc failed (exit ${result.status ?? result.signal})`);
  console.error(`\n✖ documentation samples do not compile; the generated modules are in ${relative(root, out)}/`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
console.log(`✔ ${count} TypeScript samples in ${origins.size} modules compile`);
