import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute paths the bench needs; the packages are imported from their built `dist` folders. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PARAMKIT_DIST = `${ROOT}packages/parameters/dist/`;
export const EMULATOR_DIST = `${ROOT}packages/emulator/dist/`;
export const AGENT_DIR = `${ROOT}packages/agent/`;
export const DOC = `${ROOT}docs/performance.md`;
export const CHART = `${ROOT}docs/performance.svg`;

/** Exits with a hint when the packages the bench imports have not been built. */
export function assertBuilt() {
  const missing = [`${PARAMKIT_DIST}ssm/index.js`, `${EMULATOR_DIST}index.js`].filter((file) => !existsSync(file));
  if (missing.length === 0) return;
  console.error(`bench: build the packages first (missing ${missing.join(', ')}):`);
  console.error("  npx -y pnpm@12.4.2 -r --filter './packages/**' run build");
  process.exit(2);
}
