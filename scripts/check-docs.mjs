#!/usr/bin/env node
// Checks every ```ts sample of README.md and docs/*.md: each compiles (tsc, strict, against the packages' sources)
// and each runnable one runs (against the built packages, with the embedded emulator seeded for it), so that the
// documentation cannot promise what the code does not do. The fence words and seeds are described in
// docs/contributing.md ("Code samples in the documentation").
//   node scripts/check-docs.mjs            check everything
//   node scripts/check-docs.mjs --verbose  also print what each sample printed
//   node scripts/check-docs.mjs --compile-only
// The modules are written to .docs-check/<page>/ (gitignored), kept there when something fails.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from './docs-check/compile.mjs';
import { runSamples } from './docs-check/run.mjs';
import { modulesOf, pages, textOf } from './docs-check/samples.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.docs-check');
const verbose = process.argv.includes('--verbose');
const compileOnly = process.argv.includes('--compile-only');
const started = Date.now();

function write() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // ES modules whatever their extension, so that top-level await works and samples can import `./handler.js`.
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  const modules = [];
  for (const page of pages(root)) {
    const dir = page.replace(/\.md$/, '').replace(/[/\\]/g, '_');
    mkdirSync(join(out, dir), { recursive: true });
    for (const module of modulesOf(root, page)) {
      const { text, segments } = textOf(module);
      writeFileSync(join(out, dir, module.name), text);
      modules.push({ ...module, dir, text, segments });
    }
  }
  return modules;
}

let modules;
try {
  modules = write();
} catch (error) {
  console.error(`✖ ${error.message}`); // a fence word or block the checker cannot read, with its page and line
  process.exit(1);
}
const origins = new Map(modules.map((module) => [`${module.dir}/${module.name}`, module]));
const blocks = modules.reduce((sum, module) => sum + module.blocks.length, 0);
const [compiled, ran] = await Promise.all([
  compile(root, out, origins),
  compileOnly ? undefined : runSamples({ root, out, modules, verbose }).catch((error) => ({ error })), // no build, a bad seed= ...
]);

let failed = false;
if (!compiled.ok) {
  console.error(compiled.report);
  console.error('\n✖ documentation samples do not compile');
  failed = true;
} else {
  console.log(`✔ ${blocks} TypeScript samples in ${modules.length} modules compile`);
}
if (ran?.error) {
  console.error(`\n✖ the samples could not be run: ${ran.error.message}`);
  failed = true;
} else if (ran) {
  for (const { module, output } of ran.failures) {
    console.error(`\n✖ ${module.page}:${module.line - 1} (${module.name}) failed when run:\n${output}`);
  }
  const { node, importer, vitest, compile: only } = ran.counts;
  const summary = `${node} run with node, ${vitest} with Vitest, ${importer} through the module importing them, ${only} compiled only`;
  if (ran.failures.length > 0) {
    console.error(`\n✖ ${ran.failures.length} of ${node + vitest} runnable modules failed (${summary})`);
    failed = true;
  } else {
    console.log(`✔ every runnable module ran: ${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}
if (failed) {
  console.error(`the generated modules are in ${relative(root, out)}/`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
