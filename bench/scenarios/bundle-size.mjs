// Scenario 4b: what a one-line `getParameter` (and `getSecret`) handler weighs once bundled by esbuild (platform node, format esm,
// minify), with the AWS SDK external (as on the Lambda Node.js runtime, which ships it) and bundled in.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PARAMKIT_DIST, ROOT } from '../lib/paths.mjs';

const NAME = "'/app/setting'";
const HANDLERS = {
  paramkit: `import { getParameter } from '${PARAMKIT_DIST}ssm/index.js';
export const handler = async () => getParameter(${NAME});`,
  powertools: `import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
export const handler = async () => getParameter(${NAME});`,
  middy: `import middy from '@middy/core';
import ssm from '@middy/ssm';
export const handler = middy(async (_event, context) => context.value).use(ssm({ fetchData: { value: ${NAME} }, setToContext: true }));`,
};
const SECRET = "'app/secret'";
const SECRET_HANDLERS = {
  paramkit: `import { getSecret } from '${PARAMKIT_DIST}secrets/index.js';
export const handler = async () => getSecret(${SECRET});`,
  powertools: `import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
export const handler = async () => getSecret(${SECRET});`,
  middy: `import middy from '@middy/core';
import secretsManager from '@middy/secrets-manager';
export const handler = middy(async (_event, context) => context.value).use(secretsManager({ fetchData: { value: ${SECRET} }, setToContext: true }));`,
};

async function bundle(source, external) {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'handler.mjs', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    external,
    write: false,
    logLevel: 'error',
  });
  const bytes = result.outputFiles[0].contents;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export async function bundleSize() {
  const variants = {
    external: ['@aws-sdk/*'],
    included: [],
  };
  const sizes = {};
  for (const [lib, source] of Object.entries(HANDLERS)) {
    sizes[lib] = {};
    for (const [variant, external] of Object.entries(variants)) sizes[lib][variant] = await bundle(source, external);
  }
  const row = (measure, variant, kind) => ({
    scenario: 4,
    measure,
    short: `bundle, SDK ${variant === 'included' ? 'included' : 'external'}${kind === 'gzip' ? ', gzipped' : ''}`,
    unit: 'bytes',
    paramkit: sizes.paramkit[variant][kind],
    powertools: sizes.powertools[variant][kind],
    middy: sizes.middy[variant][kind],
    chart: true,
  });
  const secrets = {};
  for (const [lib, source] of Object.entries(SECRET_HANDLERS)) secrets[lib] = await bundle(source, variants.external);
  const secretRow = (measure, kind) => ({
    scenario: 4,
    measure,
    short: `getSecret bundle, SDK external${kind === 'gzip' ? ', gzipped' : ''}`,
    unit: 'bytes',
    paramkit: secrets.paramkit[kind],
    powertools: secrets.powertools[kind],
    middy: secrets.middy[kind],
    chart: false,
  });
  return [
    row('bundle of a one-line handler, `@aws-sdk/*` external: minified', 'external', 'raw'),
    row('bundle of a one-line handler, `@aws-sdk/*` external: gzipped', 'external', 'gzip'),
    row('bundle, AWS SDK included: minified', 'included', 'raw'),
    row('bundle, AWS SDK included: gzipped', 'included', 'gzip'),
    secretRow('bundle of a one-line `getSecret` handler, `@aws-sdk/*` external: minified', 'raw'),
    secretRow('bundle of a one-line `getSecret` handler, `@aws-sdk/*` external: gzipped', 'gzip'),
  ];
}
