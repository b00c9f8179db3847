import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the seeded emulator holds and the handler must read back. */
export const SEEDED = {
  parameterName: '/consumer/greeting',
  parameterValue: 'hello from the tarball',
  secretName: 'consumer/db',
  secretValue: { user: 'app', password: 'pw-consumer-7e21' },
} as const;

/** The `moduleResolution` settings a consumer's tsconfig may have, each with the `module` it goes with. */
export const RESOLUTIONS = {
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  bundler: { module: 'ESNext', moduleResolution: 'bundler' },
  node: { module: 'CommonJS', moduleResolution: 'node' },
} as const;

export type Resolution = keyof typeof RESOLUTIONS;

/** `import * as m<i> from '<specifier>'` for each specifier, and an export that uses them all. */
function everySubpath(specifiers: readonly string[]): string {
  const imports = specifiers.map((specifier, index) => `import * as m${index} from '${specifier}';`);
  return `${imports.join('\n')}\n\nexport const modules = [${specifiers.map((_, index) => `m${index}`).join(', ')}];\n`;
}

/** A Lambda handler as a user writes it: helpers from two subpaths and an options type from a `/types` one. */
const HANDLER = `import { getSecret } from '@paramkit/parameters/secrets';
import { getParameter } from '@paramkit/parameters/ssm';
import type { SSMGetOptions } from '@paramkit/parameters/ssm/types';

interface Db {
  user: string;
  password: string;
}

const options: SSMGetOptions = { maxAge: 60 };

export const handler = async (): Promise<{ greeting: string | undefined; db: Db | undefined }> => {
  const greeting: string | undefined = await getParameter(${JSON.stringify(SEEDED.parameterName)}, options);
  const db = await getSecret<Db>(${JSON.stringify(SEEDED.secretName)}, { transform: 'json' });
  return { greeting, db };
};
`;

/**
 * A handler that reads through the helpers' shared providers first (created by `getParameter`/`getSecret`) and
 * then with the methods a bundle of those two alone leaves out: batch reads, a path listing, a provider class.
 */
const BATCH_HANDLER = `import { getSecret, getSecretsByName } from '@paramkit/parameters/secrets';
import { getParameter, getParametersByName, SSMProvider } from '@paramkit/parameters/ssm';

export const handler = async () => {
  const single = await getParameter(${JSON.stringify(SEEDED.parameterName)});
  await getSecret(${JSON.stringify(SEEDED.secretName)});
  const byName = await getParametersByName({ ${JSON.stringify(SEEDED.parameterName)}: {} });
  const secrets = await getSecretsByName({ ${JSON.stringify(SEEDED.secretName)}: { transform: 'json' } });
  const listed = await new SSMProvider().getMultiple('/consumer');
  return { single, byName, secrets, listed };
};
`;

/**
 * CommonJS, unbundled, as a Node.js service or Jest loads the package: a declaration (whose providers are loaded on
 * first use) and the secret writes, against the emulator.
 */
const CJS_CONFIG = `const { defineConfig, secret, ssm } = require('@paramkit/parameters/config');
const { setSecret, withSecret } = require('@paramkit/parameters/secrets');

(async () => {
  const config = defineConfig({ greeting: ssm(${JSON.stringify(SEEDED.parameterName)}), db: secret(${JSON.stringify(SEEDED.secretName)}, { transform: 'json' }) });
  const declared = await config.get();
  // A secret of its own, so that the other tests still read the seeded one.
  await setSecret('consumer/cjs-written', JSON.stringify({ password: 'rotated-7e21' }), { createIfMissing: true });
  const used = await withSecret('consumer/cjs-written', async (db) => db.password, { transform: 'json', isCredentialsError: () => false });
  console.log(JSON.stringify({ declared, used }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

/** Loads every specifier given as JSON in argv[2] and prints the export names of each, as JSON. */
const LOAD_CJS = `const names = {};
for (const specifier of JSON.parse(process.argv[2])) names[specifier] = Object.keys(require(specifier)).sort();
console.log(JSON.stringify(names));
`;
const LOAD_ESM = `const names = {};
for (const specifier of JSON.parse(process.argv[2])) names[specifier] = Object.keys(await import(specifier)).sort();
console.log(JSON.stringify(names));
`;

/** Runs the bundled handler named in argv[2] once and prints its answer. */
const RUN_CJS = `require(require('node:path').resolve(process.argv[2])).handler({}).then((answer) => console.log(JSON.stringify(answer)));
`;
const RUN_ESM = `import { pathToFileURL } from 'node:url';
const { handler } = await import(pathToFileURL(process.argv[2]).href);
console.log(JSON.stringify(await handler({})));
`;

function tsconfig(resolution: Resolution): string {
  const files = ['every-subpath.ts', 'handler.ts', ...(resolution === 'nodenext' ? ['every-subpath.cts'] : [])];
  const compilerOptions = {
    ...RESOLUTIONS[resolution],
    target: 'ES2022',
    lib: ['ES2022'],
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    // The packages' own declaration files are checked too, as a strict consumer's build would.
    skipLibCheck: false,
    noEmit: true,
  };
  return `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`;
}

/** Writes the consumer's sources, tsconfigs, scripts and emulator seed into the project `dir`. */
export function writeConsumerSources(dir: string, specifiers: readonly string[]): void {
  const files: Record<string, string> = {
    'every-subpath.ts': everySubpath(specifiers),
    'every-subpath.cts': everySubpath(specifiers),
    'handler.ts': HANDLER,
    'batch-handler.ts': BATCH_HANDLER,
    'cjs-config.cjs': CJS_CONFIG,
    'load.cjs': LOAD_CJS,
    'load.mjs': LOAD_ESM,
    'run.cjs': RUN_CJS,
    'run.mjs': RUN_ESM,
    'seed.json': `${JSON.stringify({
      ssm: { parameters: [{ name: SEEDED.parameterName, value: SEEDED.parameterValue }] },
      secretsmanager: { secrets: [{ name: SEEDED.secretName, value: SEEDED.secretValue }] },
    })}\n`,
  };
  for (const resolution of Object.keys(RESOLUTIONS) as Resolution[]) {
    files[`tsconfig.${resolution}.json`] = tsconfig(resolution);
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}
