import type { EmulatorSeed } from '@paramkit/emulator';
import * as z from 'zod';
import type { StandardSchemaV1 } from '../../src/types/standardSchema.js';
import { MARKER } from './leaks.js';

// Values start with the marker where a parser quotes the start of its input (JSON.parse does: `"LEAKMARK-5"...`).
/** Not JSON, with the marker where `JSON.parse` quotes it. */
export const notJson = `${MARKER}-notjson{{`;
/** JSON whose `password` is the marker. */
export const goodJson = `{"password":"${MARKER}"}`;
/** Not base64, the marker first. */
export const notBase64 = `${MARKER}***`;

/** AppConfig `leak`/`prod` with a profile that is not JSON (`broken`) and one that is (`good`). */
export const leakAppConfig: EmulatorSeed['appconfig'] = {
  applications: [
    {
      name: 'leak',
      environments: [
        {
          name: 'prod',
          profiles: [
            { name: 'broken', content: notJson },
            { name: 'good', content: goodJson },
          ],
        },
      ],
    },
  ],
};

/** Findings that quote the value, as a hand-written or careless validator's may. */
const quotingSchema: StandardSchemaV1 = {
  '~standard': {
    version: 1,
    vendor: 'leak-test',
    validate: (value) => ({ issues: [{ message: `unexpected ${JSON.stringify(value)}`, path: ['password'] }] }),
  },
};
/** A validator that throws (a bug in it, say) with the value in its message. */
const throwingSchema: StandardSchemaV1 = {
  '~standard': {
    version: 1,
    vendor: 'leak-test',
    validate: (value) => {
      throw new TypeError(`cannot validate ${JSON.stringify(value)}`);
    },
  },
};
/** A validator that rejects with the value in its message. */
const rejectingSchema: StandardSchemaV1 = {
  '~standard': {
    version: 1,
    vendor: 'leak-test',
    validate: async (value) => {
      throw new Error(`cannot validate ${JSON.stringify(value)}`);
    },
  },
};

/** Schemas that fail on a value holding the marker: the three above and zod's (`password` must be a number). */
export const leakySchemas = {
  quotingSchema,
  throwingSchema,
  rejectingSchema,
  zod: z.object({ password: z.number() }),
};

/** Transforms that fail on the leak values: the built-in ones, and functions that throw with the value. */
export const leakyTransforms = {
  json: 'json',
  binary: 'binary',
  parse: (value: string | Uint8Array) => JSON.parse(String(value)),
  echo: (value: string | Uint8Array) => {
    throw new Error(`refused ${String(value)}`);
  },
  throwString: (value: string | Uint8Array) => {
    throw `refused ${String(value)}`;
  },
} as const;
