import { SchemaValidationError } from '../errors.js';
import type { StandardSchemaV1 } from '../types/standardSchema.js';

/** Checks that `schema` is a Standard Schema validator. */
export function assertSchema(schema: unknown): asserts schema is StandardSchemaV1 | undefined {
  if (schema === undefined) return;
  const standard = (schema as StandardSchemaV1 | null)?.['~standard'];
  if (typeof standard?.validate !== 'function') {
    throw new TypeError(
      "Invalid schema option: expected a Standard Schema validator (an object with '~standard.validate')",
    );
  }
}

/** Validates `value`; returns the schema's output or throws `SchemaValidationError` without the value. */
export async function validateWithSchema(schema: StandardSchemaV1, value: unknown, name: string): Promise<unknown> {
  let result = schema['~standard'].validate(value);
  if (result instanceof Promise) result = await result;
  if (result.issues) {
    const issues = result.issues.map((issue) => ({
      message: issue.message,
      path: (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment)),
    }));
    throw new SchemaValidationError(name, issues);
  }
  return result.value;
}
