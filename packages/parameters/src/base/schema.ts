import { SchemaValidationError, TransformParameterError } from '../errors.js';
import type { StandardSchemaV1 } from '../types/standardSchema.js';
import { hideOriginal, kindOf } from './hiddenErrors.js';

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
  let result: StandardSchemaV1.Result<unknown>;
  try {
    const validated = schema['~standard'].validate(value);
    result = validated instanceof Promise ? await validated : validated;
  } catch (error) {
    // A validator that throws instead of reporting issues (a bug in it, say): its error may quote the value.
    const failure = `the schema's validate threw ${kindOf(error)} for '${name}' (see originalError)`;
    throw hideOriginal(new TransformParameterError('schema', failure), error);
  }
  if (result.issues) {
    const issues = result.issues.map((issue) => ({
      message: issue.message,
      path: (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment)),
    }));
    throw new SchemaValidationError(name, issues);
  }
  return result.value;
}
