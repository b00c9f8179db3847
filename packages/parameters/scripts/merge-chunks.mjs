// Runs after tsup: merges the ESM build's shared chunks into one file, `dist/shared.js`.
//
// esbuild splits the code the subpath entries share into a chunk per set of entries that use it, which for this
// package's seventeen entries is a dozen small files: `@paramkit/parameters/ssm` loaded eleven of them. Node.js
// pays for each ES module it loads (resolving, reading, compiling and linking it, about 0.4 ms apiece on a Lambda-
// sized core), so that import cost more than all of its code. Rollup re-chunks the build: every chunk that loads
// no AWS SDK package, directly or through another chunk, goes into `shared.js`; the chunks that load one stay
// apart, so that importing one subpath never loads another service's SDK. The entries keep their files and
// exports, and the classes still exist once, in one module, whichever subpath they are imported from. Nothing is
// dropped (tree-shaking is off: esbuild already did it) and the `/* @__PURE__ */` marks stay, so that a bundler
// still leaves out what a handler never calls. The CommonJS build, where `require` is cheaper, is left as it is.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const SHARED = 'shared';

const files = [];
(function collect(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) collect(path);
    else if (path.endsWith('.js')) files.push(path);
  }
})(DIST);

const sources = new Map(files.map((path) => [path, readFileSync(path, 'utf8')]));
/** esbuild's shared chunks and the chunks of dynamic imports, as opposed to the subpath entries. */
const isChunk = (path) => /^(chunk|defaultProvider)-[\w-]+\.js$/.test(relative(DIST, path));
const IMPORT = /(?:\bfrom |\bimport\(|\bimport )['"]([^'"]+)['"]/g;
const importsOf = (path) => [...(sources.get(path) ?? '').matchAll(IMPORT)].map((match) => match[1]);

const sdkUse = new Map();
/** Whether a file loads an AWS SDK package itself or through the files it imports (dynamic imports included). */
function loadsSdk(path) {
  if (sdkUse.has(path)) return sdkUse.get(path);
  sdkUse.set(path, false); // a cycle adds nothing
  const loads = importsOf(path).some((specifier) =>
    specifier.startsWith('.') ? loadsSdk(resolve(dirname(path), specifier)) : specifier.startsWith('@aws-sdk/'),
  );
  sdkUse.set(path, loads);
  return loads;
}

const entries = files.filter((path) => !isChunk(path));
const bundle = await rollup({
  input: Object.fromEntries(entries.map((path) => [relative(DIST, path).replace(/\.js$/, ''), path])),
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  treeshake: false,
  onwarn(warning, warn) {
    // The providers' modules import each other (a default provider and its class); esbuild's output keeps that.
    if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
  },
});
for (const path of files) rmSync(path);
const { output } = await bundle.write({
  dir: DIST,
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: '[name].js',
  manualChunks: (id) => (isChunk(id) && !loadsSdk(id) ? SHARED : undefined),
});
await bundle.close();
const chunks = output.filter((file) => file.type === 'chunk' && !file.isEntry).map((file) => file.fileName);
console.log(`merge-chunks: ${files.filter(isChunk).length} chunks → ${chunks.length} (${chunks.join(', ')})`);
