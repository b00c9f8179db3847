// Runs after tsup: merges the ESM build's shared chunks into one file, `dist/shared.js`.
//
// esbuild splits the code the subpath entries share into a chunk per set of entries that use it, which for this
// package's seventeen entries is a dozen small files: `@paramkit/parameters/ssm` loaded eleven of them. Node.js
// pays for each ES module it loads (resolving, reading, compiling and linking it, about 0.4 ms apiece on a Lambda-
// sized core), so that import cost more than all of its code. Rollup re-chunks the build: every chunk that loads
// no package (an AWS SDK client...), directly or through another chunk, goes into `shared.js`; those that load one stay
// apart, so that importing one subpath never loads another service's SDK. The entries keep their files and
// exports, and the classes still exist once, in one module, whichever subpath they are imported from. Nothing is
// dropped (tree-shaking is off: esbuild already did it) and the `/* @__PURE__ */` marks stay. A bundler now drops
// what a handler never uses statement by statement rather than chunk by chunk, so the shared module must run no
// code at load that would keep the rest (a static block, an unmarked call): the consumer test bundles an import of
// one error class to check it. The CommonJS build, where `require` is cheaper, is left as it is.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
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
/**
 * esbuild's chunks (shared code, and the targets of dynamic imports) are named `[name]-[hash].js` at the root of
 * `dist/`; the subpath entries are named after their source files.
 */
const isChunk = (path) => dirname(path) === DIST && /-[A-Z0-9]{8}\.js$/.test(path);
const IMPORT = /(?:\bfrom |\bimport\(|\bimport )['"]([^'"]+)['"]/g;
const importsOf = (path) => [...(sources.get(path) ?? '').matchAll(IMPORT)].map((match) => match[1]);

/**
 * The files that load a package (an AWS SDK client, `@smithy/...`: anything but `node:` built-ins) themselves or
 * through the files they import, dynamic imports included. A fixed point, so that cycles are followed too.
 */
const loadsPackage = new Set(
  files.filter((path) =>
    importsOf(path).some((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:')),
  ),
);
for (let grew = true; grew; ) {
  grew = false;
  for (const path of files) {
    if (loadsPackage.has(path)) continue;
    if (
      importsOf(path).some(
        (specifier) => specifier.startsWith('.') && loadsPackage.has(resolve(dirname(path), specifier)),
      )
    ) {
      loadsPackage.add(path);
      grew = true;
    }
  }
}

const entries = files.filter((path) => !isChunk(path));
const bundle = await rollup({
  input: Object.fromEntries(entries.map((path) => [relative(DIST, path).replace(/\.js$/, ''), path])),
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
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
  manualChunks: (id) => (isChunk(id) && !loadsPackage.has(id) ? SHARED : undefined),
});
await bundle.close();
const shared = output.find((file) => file.type === 'chunk' && file.name === SHARED);
const sharedImports = [...(shared?.imports ?? []), ...(shared?.dynamicImports ?? [])].filter(
  (id) => !id.startsWith('node:'),
);
if (sharedImports.length > 0) {
  throw new Error(
    `merge-chunks: ${SHARED}.js may import Node.js built-ins only, but imports ${sharedImports.join(', ')}`,
  );
}
const chunks = output.filter((file) => file.type === 'chunk' && !file.isEntry).map((file) => file.fileName);
console.log(`merge-chunks: ${files.filter(isChunk).length} chunks → ${chunks.length} (${chunks.join(', ')})`);
