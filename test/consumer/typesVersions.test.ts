// TypeScript's `moduleResolution: "node"` (node10) ignores `exports`: it finds a subpath's types only through
// `typesVersions`. A subpath added to `exports` without its `typesVersions` entry breaks those users (TS2307).
import { describe, expect, it } from 'vitest';
import { listPackages } from '../../scripts/pack.mjs';

type Conditions = string | { [condition: string]: Conditions | undefined } | undefined;

/** The declaration file a CommonJS consumer gets for an `exports` entry (the ESM one for an ESM-only entry). */
function declarationFor(entry: Conditions): string | undefined {
  if (typeof entry !== 'object') return undefined;
  const types = entry.types;
  if (typeof types === 'string') return types;
  return declarationFor(entry.require) ?? declarationFor(entry.node) ?? declarationFor(entry.import);
}

describe.each(listPackages().map(({ manifest }) => [manifest.name, manifest] as const))('%s', (_, manifest) => {
  const exportsMap: Record<string, Conditions> = manifest.exports ?? {};
  const subpaths = Object.keys(exportsMap).filter((key) => key.startsWith('./') && key !== './package.json');

  it('maps every exports subpath in typesVersions to the declaration file that exports gives require()', () => {
    const mapped: Record<string, string[]> = manifest.typesVersions?.['*'] ?? {};
    const expected = Object.fromEntries(subpaths.map((key) => [key.slice(2), [declarationFor(exportsMap[key])]]));
    expect(mapped).toEqual(expected);
  });

  it('gives the package root its declaration file in types', () => {
    if (exportsMap['.'] === undefined) return;
    expect(manifest.types).toBe(declarationFor(exportsMap['.']));
  });
});
