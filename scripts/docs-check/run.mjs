// Runs the runnable documentation samples: each module in a process of its own (harness.mjs), a few at a time,
// against the built packages; `*.test.ts` modules with Vitest. See docs/contributing.md for the rules.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const SEEDS = join(here, 'seeds');
const TIMEOUT_MS = 20_000;
const OWN_EMULATOR = /\bfrom\s+['"]@paramkit\/emulator['"]/;
const IMPORTS = /\b(?:from|import)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g;
/** Nothing listens on port 1: a sample that forgets to point the SDK somewhere fails instead of reaching AWS. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:1';

/** The package a bare specifier names: `@aws-sdk/client-ssm/x` → `@aws-sdk/client-ssm`, `zod/v4` → `zod`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Makes every package the samples import resolvable from `out` as a reader's project would have it: the workspace
 * packages (their `exports` point at the build) and dependencies that only a workspace package has (zod).
 */
function linkPackages(root, out, texts) {
  const workspace = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', dir, 'package.json');
    if (existsSync(manifest))
      workspace.set(JSON.parse(readFileSync(manifest, 'utf8')).name, join(root, 'packages', dir));
  }
  const wanted = new Set();
  for (const text of texts) for (const [, specifier] of text.matchAll(IMPORTS)) wanted.add(packageOf(specifier));
  for (const name of wanted) {
    if (name.startsWith('node:')) continue;
    let target = workspace.get(name);
    if (!target && existsSync(join(root, 'node_modules', name))) continue; // found from `out` by walking up
    target ??= [...workspace.values()].map((dir) => join(dir, 'node_modules', name)).find((dir) => existsSync(dir));
    if (!target) continue; // tsc has already said that it cannot be found
    const link = join(out, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}

/** The environment of every sample: no AWS settings, files or metadata service of the machine it runs on. */
function sampleEnv(out, withEmulator) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(?:AWS_|POWERTOOLS_|PARAMETERS_SECRETS_)/.test(key)) env[key] = value;
  }
  Object.assign(env, {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(out, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(out, 'no-aws-credentials'),
    AWS_ENDPOINT_URL: CLOSED_ENDPOINT,
  });
  // The harness replaces the endpoint with its emulator's; a sample that starts its own emulator sets all four itself.
  if (withEmulator)
    Object.assign(env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'docs', AWS_SECRET_ACCESS_KEY: 'docs' });
  return env;
}

function seedOf(module) {
  const name = module.seed ?? basename(module.page, '.md');
  const file = join(SEEDS, `${name}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  if (module.seed)
    throw new Error(`${module.page}:${module.line - 1}: seed=${name}: no file ${relative(process.cwd(), file)}`);
  return undefined;
}

/** How each module is checked: 'compile' only, 'importer' (run by the module that imports it), 'vitest' or 'node'. */
function classify(modules) {
  const runs = (module) => !module.compileOnly;
  for (const module of modules) {
    const imported = modules.some(
      (other) =>
        other !== module &&
        other.page === module.page &&
        runs(other) &&
        other.text.includes(`'./${module.name.replace(/\.ts$/, '.js')}'`),
    );
    if (module.compileOnly) module.how = 'compile';
    else if (imported) module.how = 'importer';
    else if (module.name.endsWith('.test.ts')) module.how = 'vitest';
    else module.how = 'node';
    module.ownEmulator = OWN_EMULATOR.test(module.text);
    if (module.ownEmulator && module.seed) {
      throw new Error(`${module.page}:${module.line - 1}: seed= on a sample that starts its own emulator`);
    }
  }
}

/** Spawns a process; resolves to `{ ok, output }` and kills it past the timeout. */
function exec(command, args, options, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n(did not finish within ${timeoutMs / 1000} s: killed)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      output += `\n${error.message}`;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output: output.trim() });
    });
  });
}

/** Runs `task` over `items`, at most `limit` at once. */
async function pool(items, limit, task) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Rewrites `<out>/docs_ssm/02.ts:7:13` in a stack trace to `docs/ssm.md:18:13`. */
function locate(out, modules, output) {
  const escaped = out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:file://)?(?:${escaped}/)?([\\w.-]+/[\\w.-]+\\.ts):(\\d+)(?::(\\d+))?`, 'g');
  return output.replace(pattern, (match, file, line, column) => {
    const module = modules.find((m) => `${m.dir}/${m.name}` === file);
    const segment = module?.segments.find((s) => Number(line) >= s.from && Number(line) <= s.to);
    if (!module || !segment) return match;
    return `${module.page}:${segment.line + Number(line) - segment.from}${column ? `:${column}` : ''}`;
  });
}

/**
 * Runs every runnable module. `modules`: `{ page, name, dir, line, text, segments, compileOnly, seed }`, their
 * TypeScript already written to `<out>/<dir>/<name>`. Resolves to `{ counts, failures }`.
 */
export async function runSamples({ root, out, modules, verbose }) {
  classify(modules);
  for (const module of modules) {
    const { code } = transformSync(module.text, {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: join(out, module.dir, module.name),
    });
    writeFileSync(join(out, module.dir, module.name.replace(/\.ts$/, '.js')), code);
  }
  linkPackages(
    root,
    out,
    modules.map((module) => module.text),
  );

  const emulator = join(root, 'packages', 'emulator', 'dist', 'index.js');
  if (!existsSync(emulator))
    throw new Error('packages/emulator/dist is missing: build the packages first (npm run build)');
  const harness = join(here, 'harness.mjs');
  const plansDir = join(out, '.plans');
  mkdirSync(plansDir, { recursive: true });

  const nodeRuns = modules.filter((module) => module.how === 'node');
  const testRuns = modules.filter((module) => module.how === 'vitest');
  const jobs = nodeRuns.map((module, index) => async () => {
    const plan = {
      module: join(out, module.dir, module.name.replace(/\.ts$/, '.js')),
      emulator: module.ownEmulator ? null : emulator,
      seed: module.ownEmulator ? null : (seedOf(module) ?? null),
      invoke: true,
      verbose,
    };
    const planFile = join(plansDir, `${index}.json`);
    writeFileSync(planFile, JSON.stringify(plan));
    const env = sampleEnv(out, !module.ownEmulator);
    const result = await exec(
      process.execPath,
      ['--enable-source-maps', harness, planFile],
      { cwd: join(out, module.dir), env },
      TIMEOUT_MS,
    );
    return { modules: [module], ...result };
  });
  if (testRuns.length > 0) {
    // One Vitest process for every test file: it starts slowly, so it goes first and runs beside the others.
    writeFileSync(
      join(out, 'vitest.config.mjs'),
      `export default { test: { include: ${JSON.stringify(testRuns.map((m) => `${m.dir}/${m.name}`))}, testTimeout: 10000 } };\n`,
    );
    jobs.unshift(async () => {
      const vitest = join(root, 'node_modules', '.bin', 'vitest');
      const args = ['run', '--root', out, '--config', join(out, 'vitest.config.mjs'), '--reporter=dot'];
      const result = await exec(
        vitest,
        args,
        { cwd: out, env: { ...sampleEnv(out, false), NO_COLOR: '1', FORCE_COLOR: '0' } },
        TIMEOUT_MS * 3,
      );
      return { modules: testRuns, ...result };
    });
  }
  const limit = Math.max(2, Math.min(4, availableParallelism() + 1));
  const results = await pool(jobs, limit, (job) => job());
  const failures = results
    .filter((result) => !result.ok)
    .flatMap((result) => result.modules.map((module) => ({ module, output: locate(out, modules, result.output) })));
  if (verbose) {
    for (const result of results.filter((r) => r.ok && r.output)) {
      console.log(`── ${result.modules.map((m) => `${m.page}:${m.line - 1}`).join(', ')}\n${result.output}`);
    }
  }
  const count = (how) => modules.filter((module) => module.how === how).length;
  return {
    counts: { node: count('node'), importer: count('importer'), vitest: count('vitest'), compile: count('compile') },
    failures,
  };
}
