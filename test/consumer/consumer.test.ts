// What a user installs is what this tests: every package packed with pnpm, installed by npm into a project outside
// the workspace, then type-checked, loaded, bundled and run from there. `npm test` builds the packages first.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { root, unresolvableRanges } from '../../scripts/pack.mjs';
import { childEnv, freePort, type RunningProcess, runCommand, startProcess } from './helpers/processes.js';
import { type ConsumerProject, createConsumerProject } from './helpers/project.js';
import { RESOLUTIONS, type Resolution, SEEDED, writeConsumerSources } from './helpers/sources.js';

const TOKEN = 'consumer-agent-token-51c3';
const workspaceBin = (name: string) => join(root, 'node_modules', '.bin', name);

let project: ConsumerProject;
let failed = false;
const running: RunningProcess[] = [];
let emulatorUrl: Promise<string> | undefined;

/** Runs a command in the consumer project. */
const inProject = (command: string, args: readonly string[], env: Record<string, string> = {}) =>
  runCommand(command, args, { cwd: project.dir, env: childEnv(env), timeoutMs: 60_000 });

/** A program from the consumer project's node_modules/.bin, as `npx` would run it there. */
const installedBin = (name: string) => join(project.dir, 'node_modules', '.bin', name);

/** One emulator per run, started from the installed bin on a free port and seeded with `SEEDED`. */
function startEmulator(): Promise<string> {
  emulatorUrl ??= (async () => {
    const emulator = startProcess(installedBin('paramkit-emulator'), ['--port', '0', '--seed', 'seed.json'], {
      cwd: project.dir,
    });
    running.push(emulator);
    const [, url] = await emulator.waitFor(/listening on (http:\/\/\S+)/, 20_000);
    return url as string;
  })();
  return emulatorUrl;
}

beforeAll(async () => {
  try {
    project = await createConsumerProject();
    writeConsumerSources(project.dir, project.specifiers);
  } catch (error) {
    failed = true;
    throw error;
  }
}, 180_000);

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    failed = true;
  });
});

afterAll(async () => {
  await Promise.all(running.map((child) => child.stop()));
  if (project === undefined) return;
  if (failed) console.error(`consumer test: the temporary project is kept for a look: ${project.dir}`);
  else rmSync(project.dir, { recursive: true, force: true });
});

describe('the packed packages, installed with npm outside the workspace', () => {
  it('carry only ranges a registry install resolves, the workspace ones rewritten to the sibling versions', () => {
    const versions = new Map(project.packed.map(({ name, version }) => [name, version]));
    for (const { manifest } of project.packed) {
      expect(unresolvableRanges(manifest)).toEqual([]);
      for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
        if (versions.has(name)) expect(range, `${manifest.name} → ${name}`).toBe(versions.get(name));
      }
    }
    expect(project.specifiers).toContain('@paramkit/parameters/ssm/types');
  });

  it.each(Object.keys(RESOLUTIONS) as Resolution[])(
    'type-check a handler importing every public subpath under moduleResolution %s',
    async (resolution) => {
      await expect(inProject(workspaceBin('tsc'), ['-p', `tsconfig.${resolution}.json`])).resolves.toBeDefined();
    },
  );

  it('load every subpath with require() from CommonJS and import from ESM, with the same exports', async () => {
    const specifiers = JSON.stringify(project.specifiers);
    const load = async (script: string) => {
      const { stdout } = await inProject(process.execPath, [script, specifiers]);
      return JSON.parse(stdout) as Record<string, string[]>;
    };
    const [required, imported] = await Promise.all([load('load.cjs'), load('load.mjs')]);
    expect(Object.keys(required)).toEqual(project.specifiers);
    for (const specifier of project.specifiers) {
      const named = (names: string[] | undefined) => names?.filter((name) => name !== 'default');
      expect(named(imported[specifier]), specifier).toEqual(named(required[specifier]));
    }
    const roots = project.packed.map(({ name }) => name).filter((name) => project.specifiers.includes(name));
    for (const name of roots) expect(required[name]?.length, name).toBeGreaterThan(0);
    expect(required['@paramkit/parameters/ssm']).toContain('getParameter');
  });

  it("load a service subpath from ESM as two of its own modules and only that service's SDK", () => {
    const dist = join(project.dir, 'node_modules', '@paramkit', 'parameters', 'dist');
    /** The package's files an import of `file` loads (static imports, followed), and the packages it imports. */
    const graph = (file: string, files = new Set<string>(), packages = new Set<string>()) => {
      files.add(file);
      const source = readFileSync(join(dist, file), 'utf8');
      for (const [, specifier] of source.matchAll(/^(?:import|export)\b[^'"]*?from '([^']+)'|^import '([^']+)'/gm)) {
        if (specifier === undefined) continue;
        if (!specifier.startsWith('.')) packages.add(specifier);
        else {
          const next = join(dirname(file), specifier);
          if (!files.has(next)) graph(next, files, packages);
        }
      }
      return { files: [...files].sort(), packages: [...packages].sort() };
    };
    // Each ES module Node.js loads costs resolving, reading and linking it: a cold start pays for every one.
    expect(graph('ssm/index.js')).toEqual({ files: ['shared.js', 'ssm/index.js'], packages: ['@aws-sdk/client-ssm'] });
    expect(graph('secrets/index.js')).toEqual({
      files: ['secrets/index.js', 'shared.js'],
      packages: ['@aws-sdk/client-secrets-manager'],
    });
    expect(graph('shared.js').packages).toEqual([]);
  });

  it('bundle an import of one error class, of Transform or of clearCaches alone to a few hundred bytes', async () => {
    // Every subpath imports dist/shared.js, so a bundler drops what such an import never uses statement by
    // statement: nothing in it may run code at load (a static block, an unmarked call) that would keep the rest.
    const imports = {
      errors:
        "import { isGetParameterError } from '@paramkit/parameters/errors'; export const f = isGetParameterError;",
      transform: "import { Transform } from '@paramkit/parameters'; export const f = Transform;",
      clearCaches: "import { clearCaches } from '@paramkit/parameters'; export const f = clearCaches;",
    };
    for (const [name, source] of Object.entries(imports)) {
      writeFileSync(join(project.dir, `tiny-${name}.mjs`), source);
      await inProject(workspaceBin('esbuild'), [
        `tiny-${name}.mjs`,
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--minify',
        '--external:@aws-sdk/*',
        `--outfile=out/tiny-${name}.mjs`,
      ]);
      const bytes = readFileSync(join(project.dir, `out/tiny-${name}.mjs`)).length;
      expect(bytes, name).toBeLessThan(1000);
    }
  });

  it('bundle the handler with esbuild, as ESM and as CommonJS', async () => {
    const common = ['handler.ts', '--bundle', '--platform=node', '--target=node20', '--log-level=warning'];
    // ESM as examples/template.yaml builds for SAM (the runtime's AWS SDK left out); CommonJS self-contained.
    await inProject(workspaceBin('esbuild'), [
      ...common,
      '--format=esm',
      '--main-fields=module,main',
      '--external:@aws-sdk/*',
      '--outfile=out/handler.mjs',
    ]);
    await inProject(workspaceBin('esbuild'), [...common, '--format=cjs', '--outfile=out/handler.cjs']);
  });

  it('run from their CommonJS builds unbundled: a declaration, whose providers load on first use, and secret writes', async () => {
    const endpoint = await startEmulator();
    const { stdout } = await inProject(process.execPath, ['cjs-config.cjs'], { AWS_ENDPOINT_URL: endpoint });
    expect(JSON.parse(stdout)).toEqual({
      declared: { greeting: SEEDED.parameterValue, db: SEEDED.secretValue },
      used: 'rotated-7e21',
    });
  });

  it('leave out of a getParameter/getSecret bundle the methods and option checks it never needs, and keep them where it does', async () => {
    const esm = ['--bundle', '--platform=node', '--format=esm', '--minify', '--external:@aws-sdk/*'];
    await inProject(workspaceBin('esbuild'), ['handler.ts', ...esm, '--outfile=out/min.mjs']);
    await inProject(workspaceBin('esbuild'), ['batch-handler.ts', ...esm, '--outfile=out/batch.mjs']);
    const lean = readFileSync(join(project.dir, 'out/min.mjs'), 'utf8');
    const full = readFileSync(join(project.dir, 'out/batch.mjs'), 'utf8');
    // A method definition in minified code: `getSecretsByName(e,t){`, after `{`, `,` or `async `.
    const defines = (code: string, method: string) =>
      new RegExp(`[{,;}](?:async )?${method}\\([\\w$,]*\\)\\{`).test(code);
    for (const method of ['getParametersByName', 'getSecretsByName', 'prefetchByName', 'getMultiple', 'addToCache']) {
      expect(defines(lean, method), method).toBe(false);
      expect(defines(full, method), method).toBe(true);
    }
    // The SDK command the complete class sends is bundled with it (the lean bundle may still name it in its
    // import from the external SDK package, which costs a few bytes and no code).
    expect(full).toMatch(/new [\w$]+\(\{\.\.\.[\w$]+,NextToken:/);
    expect(lean).not.toMatch(/new [\w$]+\(\{\.\.\.[\w$]+,NextToken:/);
    // The shared providers are made with no cache options, so the lean bundle holds none of their checks.
    for (const check of ['backoff.jitter', 'maxAgeJitter must be']) {
      expect(lean.includes(check), check).toBe(false);
      expect(full.includes(check), check).toBe(true);
    }
    const endpoint = await startEmulator();
    const { stdout } = await inProject(process.execPath, ['run.mjs', 'out/batch.mjs'], { AWS_ENDPOINT_URL: endpoint });
    expect(JSON.parse(stdout)).toEqual({
      single: SEEDED.parameterValue,
      byName: { [SEEDED.parameterName]: SEEDED.parameterValue },
      secrets: { [SEEDED.secretName]: SEEDED.secretValue },
      listed: { greeting: SEEDED.parameterValue },
    });
  });

  it.each([
    ['ESM', 'run.mjs', 'out/handler.mjs'],
    ['CommonJS', 'run.cjs', 'out/handler.cjs'],
  ])('run the %s bundle against paramkit-emulator started from the installed bin', async (_, runner, bundle) => {
    const endpoint = await startEmulator();
    const { stdout } = await inProject(process.execPath, [runner, bundle], { AWS_ENDPOINT_URL: endpoint });
    expect(JSON.parse(stdout)).toEqual({ greeting: SEEDED.parameterValue, db: SEEDED.secretValue });
  });

  it('start paramkit-agent from the installed bin and read a secret through it over HTTP', async () => {
    const endpoint = await startEmulator();
    const port = await freePort();
    const agent = startProcess(installedBin('paramkit-agent'), ['--endpoint', endpoint], {
      cwd: project.dir,
      env: childEnv({ AWS_SESSION_TOKEN: TOKEN, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port) }),
    });
    running.push(agent);
    const base = `http://127.0.0.1:${port}`;
    await waitUntilServing(`${base}/ping`, agent, 20_000);
    const response = await fetch(`${base}/secretsmanager/get?secretId=${encodeURIComponent(SEEDED.secretName)}`, {
      headers: { 'X-Aws-Parameters-Secrets-Token': TOKEN },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { Name: string; SecretString: string };
    expect(body.Name).toBe(SEEDED.secretName);
    expect(JSON.parse(body.SecretString)).toEqual(SEEDED.secretValue);
  });
});

/** Polls `url` until it answers 200; fails at once when `server` exits, and after `timeoutMs`. */
async function waitUntilServing(url: string, server: RunningProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`${url}: the server exited:\n${server.output()}`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url}: not serving after ${timeoutMs} ms:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
