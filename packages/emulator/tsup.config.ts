import { defineConfig } from 'tsup';

export default defineConfig({
  // The bin keeps its published path (dist/cli.js); its code is src/bin.ts.
  entry: { index: 'src/index.ts', cli: 'src/bin.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: false,
});
