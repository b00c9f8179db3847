import type { StandardSchemaV1 } from '@standard-schema/spec';

export type { StandardSchemaV1 };

/** The output type of a Standard Schema validator (zod, valibot, arktype, ...). */
export type InferSchemaOutput<Schema> = Schema extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<Schema> : never;
