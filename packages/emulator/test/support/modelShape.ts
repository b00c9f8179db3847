// Checks an answer's JSON against the AWS service model the SDK ships (its "static schemas", exported from each
// `@aws-sdk/client-*` package as `<Shape>$`). The SDK ignores a member it does not know, so a member the emulator
// spells differently from AWS (`KMSKeyId` for `KmsKeyId`) is silently lost in an SDK test; this walk finds it.
//
// Schema forms (smithy's static schema encoding): a number is a simple type, `64 | n` a list of it, `128 | n` a
// map of it; arrays are `[0, ns, name, traits, target]` (a simple type with traits), `[1, ns, name, traits,
// member]` (list), `[2, ns, name, traits, key, value]` (map), `[3 | 4 | -3, ns, name, traits, memberNames,
// memberSchemas]` (structure, union, error) and `[9, ns, name, traits, input, output]` (operation). A member schema
// is a schema, a thunk returning one, or `[schema, memberTraits]`.

type Schema = unknown;

const LIST = 64;
const MAP = 128;
/** Member trait bits that bind a member outside the JSON body: httpLabel, httpResponseCode, httpQueryParams. */
const BOUND_OUTSIDE_BITS = 1 | 32 | 64;
const PAYLOAD_BIT = 16;
const BOUND_OUTSIDE_KEYS = ['httpHeader', 'httpQuery', 'httpPrefixHeaders', 'httpResponseCode', 'httpLabel'];

function resolve(schema: Schema): Schema {
  let current = schema;
  while (typeof current === 'function') current = (current as () => Schema)();
  return current;
}

/** A member schema split into its target and its member traits. */
function member(schema: Schema): { target: Schema; traits: unknown } {
  if (Array.isArray(schema) && schema.length === 2) return { target: resolve(schema[0]), traits: schema[1] };
  return { target: resolve(schema), traits: 0 };
}

function isBoundOutsideBody(traits: unknown): boolean {
  if (typeof traits === 'number') return (traits & BOUND_OUTSIDE_BITS) !== 0;
  return typeof traits === 'object' && traits !== null && BOUND_OUTSIDE_KEYS.some((key) => key in traits);
}

function isPayload(traits: unknown): boolean {
  if (typeof traits === 'number') return (traits & PAYLOAD_BIT) !== 0;
  return typeof traits === 'object' && traits !== null && 'httpPayload' in traits;
}

function isStructure(schema: Schema): schema is [number, string, string, unknown, string[], Schema[]] {
  return Array.isArray(schema) && (schema[0] === 3 || schema[0] === 4 || schema[0] === -3);
}

/**
 * The members of `value` (recursively) that `schema` does not name, as JSON paths; a near miss in casing says
 * which model member it resembles. An empty array means every member name is one AWS's model has.
 */
export function offModel(value: unknown, schema: Schema, path = '$'): string[] {
  const target = resolve(schema);
  if (value === null || value === undefined) return [];
  if (typeof target === 'number') {
    if (target >= MAP) return eachValue(value, (v, key) => offModel(v, target - MAP, `${path}.${key}`));
    if (target >= LIST) return eachElement(value, (v, i) => offModel(v, target - LIST, `${path}[${i}]`));
    return [];
  }
  if (!Array.isArray(target)) return [];
  switch (target[0]) {
    case 0:
      return offModel(value, target[4], path);
    case 1:
      return eachElement(value, (v, i) => offModel(v, member(target[4]).target, `${path}[${i}]`));
    case 2:
      return eachValue(value, (v, key) => offModel(v, member(target[5]).target, `${path}.${key}`));
    default:
      return isStructure(target) ? structureProblems(value, target, path) : [];
  }
}

function structureProblems(
  value: unknown,
  [, , name, , names, schemas]: [number, string, string, unknown, string[], Schema[]],
  path: string,
): string[] {
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object (${name})`];
  const problems: string[] = [];
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const index = names.indexOf(key);
    if (index === -1) {
      const near = names.find((n) => n.toLowerCase() === key.toLowerCase());
      problems.push(`${path}.${key}: not a member of ${name}${near === undefined ? '' : ` (AWS spells it ${near})`}`);
      continue;
    }
    const { target, traits } = member(schemas[index]);
    if (isBoundOutsideBody(traits)) problems.push(`${path}.${key}: ${name} sends it outside the body`);
    else problems.push(...offModel(inner, target, `${path}.${key}`));
  }
  return problems;
}

function eachElement(value: unknown, check: (v: unknown, i: number) => string[]): string[] {
  return Array.isArray(value) ? value.flatMap(check) : ['not a list'];
}

function eachValue(value: unknown, check: (v: unknown, key: string) => string[]): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['not a map'];
  return Object.entries(value).flatMap(([key, v]) => check(v, key));
}

/** An SDK client package's exports, where `<Shape>$` is the static schema of each shape. */
export type ModelModule = Readonly<Record<string, unknown>>;

/**
 * The problems of one recorded answer: a success body checked against the operation's output shape (skipped when
 * the output has a payload member, whose body is not JSON), an error body against the error's shape. `__type`
 * belongs to every JSON error body.
 */
export function answerOffModel(
  model: ModelModule,
  answer: { operation: string; status: number; errorType: string | undefined; body: string },
): string[] {
  const where = `${answer.operation} ${answer.status}`;
  const body = (answer.body === '' ? {} : JSON.parse(answer.body)) as Record<string, unknown>;
  if (answer.errorType !== undefined) {
    const { __type: _type, ...members } = body;
    const schema = resolve(model[`${answer.errorType}$`]);
    if (!isStructure(schema)) {
      // An error of AWS's front end (ValidationException, SerializationException, ...), no service's own: its
      // body is `__type` and `message`.
      const extra = Object.keys(members).filter((key) => key !== 'message');
      const missing = typeof members.message === 'string' ? [] : [`${where}: $.message: missing`];
      return [
        ...missing,
        ...extra.map((key) => `${where}: $.${key}: not a member of ${answer.errorType} (only message is)`),
      ];
    }
    // The error's message member, as its model spells it, must be there: an SDK shows it as the error's message.
    const messageMember = schema[4].find((name) => name.toLowerCase() === 'message');
    const missing =
      messageMember !== undefined && typeof members[messageMember] !== 'string'
        ? [`${where}: $.${messageMember}: missing`]
        : [];
    // An error the model declares without members still carries the `message` of every AWS JSON error.
    const checked =
      schema[4].length === 0
        ? Object.fromEntries(Object.entries(members).filter(([key]) => key !== 'message'))
        : members;
    return [...missing, ...offModel(checked, schema).map((problem) => `${where}: ${problem}`)];
  }
  const operation = resolve(model[`${answer.operation}$`]);
  if (!Array.isArray(operation) || operation[0] !== 9) return [`${where}: the model has no operation`];
  const output = resolve(operation[5]);
  // `smithy.api#Unit`: an operation without output members answers `{}`.
  if (!isStructure(output)) return Object.keys(body).map((key) => `${where}: $.${key}: the output has no members`);
  if (output[5].some((m) => isPayload(member(m).traits))) return [];
  return offModel(body, output).map((problem) => `${where}: ${problem}`);
}
