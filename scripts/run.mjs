#!/usr/bin/env node
// The two set-up commands of the README: `npm test` and `npm run demo`. Each installs what it needs itself
// (pnpm, pinned, through npx; then a frozen install), so a fresh clone on a machine with only Node.js and npm works.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PNPM = ['-y', 'pnpm@12.4.2'];
const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

function run(label, command, args, options = {}) {
  if (!options.quiet) console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: options.quiet ? 'pipe' : 'inherit', env });
  if (result.status !== 0) {
    if (options.quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    console.error(`✖ ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const pnpm = (label, args, options) => run(label, npx, [...PNPM, ...args], options);
const bin = (name) => join(root, 'node_modules', '.bin', name);

function install(quiet) {
  pnpm('install dependencies (pnpm, frozen lockfile)', ['install', '--frozen-lockfile', '--reporter=silent'], {
    quiet,
  });
}

function build(quiet) {
  pnpm('build packages (tsup: ESM + CJS + .d.ts)', ['-r', '--filter', './packages/**', 'run', 'build'], { quiet });
}

function test() {
  install(false);
  build(false);
  run('lint and format check (Biome)', bin('biome'), ['ci', '--colors=off', '.']);
  for (const pkg of ['parameters', 'emulator', 'agent', 'cli']) {
    run(`type check packages/${pkg} (tsc --noEmit)`, bin('tsc'), ['-p', `packages/${pkg}/tsconfig.json`]);
  }
  run('type check examples (tsc --noEmit)', bin('tsc'), ['-p', 'examples/tsconfig.json']);
  run('documentation samples compile', process.execPath, ['scripts/check-docs.mjs']);
  const reportDir = mkdtempSync(join(tmpdir(), 'paramkit-vitest-'));
  const report = join(reportDir, 'report.json');
  console.log('\n▶ tests (Vitest, with type tests and coverage thresholds)');
  const vitest = spawnSync(
    bin('vitest'),
    ['run', '--coverage', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: root, stdio: 'inherit', env },
  );
  pnpm('package checks (publint, @arethetypeswrong/cli)', ['-r', '--filter', './packages/**', 'run', 'lint:pkg']);
  const summary = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
  rmSync(reportDir, { recursive: true, force: true });
  if (summary) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = summary;
    console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped + (todo ?? 0)} skipped`);
  }
  if (vitest.status !== 0) {
    console.error('✖ tests failed');
    process.exit(vitest.status || 1);
  }
}

function demo() {
  install(true);
  build(true);
  run('demo', process.execPath, ['examples/demo/demo.mjs'], { quiet: false });
}

function bench() {
  install(true);
  build(true);
  run('benchmarks (writes docs/performance.md and docs/performance.svg)', process.execPath, [
    'bench/run.mjs',
    ...process.argv.slice(3),
  ]);
}

const task = process.argv[2];
if (task === 'test') test();
else if (task === 'demo') demo();
else if (task === 'bench') bench();
else {
  console.error('usage: node scripts/run.mjs <test|demo|bench>');
  process.exit(2);
}
