#!/usr/bin/env node
// Builds paramkit-agent for AWS Lambda, from the workspace sources (no prior build needed):
//   1. one esbuild bundle (CommonJS, minified, AWS SDK clients included): <out>/layer/paramkit-agent/agent.cjs
//   2. the layer zip for runtimes with Node.js: extensions/paramkit-agent (a launcher) + that bundle
//   3. unless --no-sea, a Node.js single executable application (SEA) of the same bundle, and a layer zip holding
//      it as extensions/paramkit-agent, for runtimes without Node.js (provided.al2023, python3.12, ...)
// Prints every artefact with its size. Usage: node scripts/build-layer.mjs [--out <dir>] [--no-sea]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { zipSync } from 'fflate';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'dist-layer') },
    'no-sea': { type: 'boolean', default: false },
  },
});
const out = resolve(values.out);

/** Lambda runs each file of /opt/extensions at INIT; the file name is the extension's registered name. */
const LAUNCHER = `#!/bin/sh
# paramkit-agent as a Lambda extension, on the function runtime's Node.js (20 or later).
if ! command -v node >/dev/null 2>&1; then
  echo "paramkit-agent: no node on PATH in this runtime; use the single-executable layer instead" >&2
  exit 1
fi
exec node /opt/paramkit-agent/agent.cjs "$@"
`;
/** The fuse Node.js looks for to know a SEA blob was injected (from the Node.js SEA documentation). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** Unix file modes in the zip's external attributes (upper 16 bits), for unzip on Lambda's Linux. */
const EXECUTABLE = { os: 3, attrs: (0o100755 << 16) >>> 0 };
const REGULAR = { os: 3, attrs: (0o100644 << 16) >>> 0 };

const sizes = [];
const report = (path) => sizes.push([relative(process.cwd(), path) || path, statSync(path).size]);

function zip(path, entries) {
  writeFileSync(path, zipSync(entries, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') }));
  report(path);
}

rmSync(out, { recursive: true, force: true });
const bundle = join(out, 'layer', 'paramkit-agent', 'agent.cjs');
await build({
  entryPoints: [join(root, 'src', 'bin.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  // The tsconfig maps @paramkit/parameters/* to the workspace sources.
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
report(bundle);

const launcher = join(out, 'layer', 'extensions', 'paramkit-agent');
mkdirSync(dirname(launcher), { recursive: true });
writeFileSync(launcher, LAUNCHER, { mode: 0o755 });
const bundleBytes = readFileSync(bundle);
zip(join(out, 'paramkit-agent-layer.zip'), {
  extensions: { 'paramkit-agent': [new TextEncoder().encode(LAUNCHER), EXECUTABLE] },
  'paramkit-agent': { 'agent.cjs': [bundleBytes, REGULAR] },
});

if (!values['no-sea']) {
  const seaDir = join(out, 'sea');
  mkdirSync(seaDir, { recursive: true });
  const blob = join(seaDir, 'sea-prep.blob');
  const config = join(seaDir, 'sea-config.json');
  writeFileSync(
    config,
    JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false }),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
  const binary = join(seaDir, 'paramkit-agent');
  copyFileSync(process.execPath, binary);
  chmodSync(binary, 0o755);
  const { inject } = await import('postject');
  await inject(binary, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
  // The executable must start: it prints its usage and exits 0.
  execFileSync(binary, ['--help'], { stdio: 'ignore' });
  report(binary);
  zip(join(out, 'paramkit-agent-sea-layer.zip'), {
    extensions: { 'paramkit-agent': [readFileSync(binary), EXECUTABLE] },
  });
}

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
for (const [path, size] of sizes) console.log(`${path.padEnd(60)} ${String(size).padStart(11)} bytes  ${mib(size)}`);
console.log(`built for ${process.platform}-${process.arch}, Node.js ${process.version}`);
