import { AwsServiceError } from '../../core/awsJson.js';
import { constraintViolation } from '../../core/members.js';
import {
  type Body,
  optionalEnum,
  optionalInteger,
  optionalList,
  optionalObject,
  optionalString,
  required,
  structure,
  typeError,
} from './members.js';
import type { IndexProjection, IndexSchema } from './secondaryIndex.js';
import type { KeyElement, KeyType } from './table.js';

/** AWS's per-table limits. */
export const MAX_GLOBAL_INDEXES = 20;
const MAX_LOCAL_INDEXES = 5;
const MAX_NON_KEY_ATTRIBUTES = 100;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** A key schema as declared: names and roles, checked for shape (the types come from AttributeDefinitions). */
export interface DeclaredKey {
  readonly name: string;
  readonly role: string;
}

/** An index as declared, before its key types are looked up. */
export interface DeclaredIndex {
  readonly name: string;
  readonly global: boolean;
  readonly keys: readonly DeclaredKey[];
  readonly projection: IndexProjection;
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/**
 * Reads `GlobalSecondaryIndexes` and `LocalSecondaryIndexes` of a CreateTable request, with AWS's messages. The
 * key attributes' types are resolved by `resolveIndexes` once AttributeDefinitions are read.
 */
export function declaredIndexes(
  body: Body,
  tableKeys: readonly DeclaredKey[],
  onDemand: boolean,
  readKeySchema: (element: Body, path: string) => DeclaredKey[],
): DeclaredIndex[] {
  const indexes: DeclaredIndex[] = [];
  for (const [member, global] of [
    ['GlobalSecondaryIndexes', true],
    ['LocalSecondaryIndexes', false],
  ] as const) {
    const list = optionalList(body, member);
    if (list === undefined) continue;
    if (list.length === 0) throw invalid(`One or more parameter values were invalid: List of ${member} is empty`);
    const limit = global ? MAX_GLOBAL_INDEXES : MAX_LOCAL_INDEXES;
    if (list.length > limit) {
      throw invalid(
        global
          ? `One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of ${limit}`
          : `One or more parameter values were invalid: LocalSecondaryIndex count exceeds the per-table limit of ${limit}`,
      );
    }
    list.forEach((raw, position) => {
      const path = `${member.charAt(0).toLowerCase()}${member.slice(1)}.${position + 1}.member`;
      indexes.push(declaredIndex(structure(raw), path, global, onDemand, readKeySchema));
    });
  }
  const names = new Set<string>();
  for (const index of indexes) {
    if (names.has(index.name))
      throw invalid(`One or more parameter values were invalid: Duplicate index name: ${index.name}`);
    names.add(index.name);
  }
  const [tableHash, tableRange] = tableKeys;
  for (const index of indexes.filter((i) => !i.global)) {
    if (tableRange === undefined) {
      throw invalid(
        'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex',
      );
    }
    const [hash, range] = index.keys;
    if (hash?.name !== tableHash?.name) {
      throw invalid(
        `One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: ${index.name}. index hash key: ${hash?.name}, table hash key: ${tableHash?.name}`,
      );
    }
    if (range === undefined) {
      throw invalid(
        `One or more parameter values were invalid: Index KeySchema does not have a range key for index: ${index.name}`,
      );
    }
  }
  checkProjectedAttributes(indexes);
  return indexes;
}

/** Refuses indexes that together project more than 100 non-key attributes (CreateTable's and UpdateTable's rule). */
export function checkProjectedAttributes(indexes: readonly { readonly projection: IndexProjection }[]): void {
  const nonKey = indexes.reduce((count, index) => count + index.projection.nonKeyAttributes.length, 0);
  if (nonKey > MAX_NON_KEY_ATTRIBUTES) {
    throw invalid(
      `One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of ${MAX_NON_KEY_ATTRIBUTES}, number of projected attributes:${nonKey}`,
    );
  }
}

export function declaredIndex(
  body: Body,
  path: string,
  global: boolean,
  onDemand: boolean,
  readKeySchema: (element: Body, path: string) => DeclaredKey[],
): DeclaredIndex {
  const name = required(body, 'IndexName', optionalString);
  if (name.length < 3 || name.length > 255) {
    const bound = name.length < 3 ? 'greater than or equal to 3' : 'less than or equal to 255';
    throw constraintViolation(`${path}.indexName`, `Member must have length ${bound}`, `'${name}'`);
  }
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) {
    throw constraintViolation(
      `${path}.indexName`,
      'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+',
      `'${name}'`,
    );
  }
  const keys = readKeySchema(body, `${path}.keySchema`);
  const projection = projectionOf(required(body, 'Projection', optionalObject), name);
  const throughput = global ? optionalObject(body, 'ProvisionedThroughput') : undefined;
  if (!global && body.ProvisionedThroughput !== undefined && body.ProvisionedThroughput !== null) {
    throw typeError(body.ProvisionedThroughput, 'Structure');
  }
  if (global && onDemand && throughput) {
    throw invalid(
      `One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: ${name} when BillingMode is PAY_PER_REQUEST`,
    );
  }
  if (global && !onDemand && !throughput) {
    throw invalid(
      `One or more parameter values were invalid: ProvisionedThroughput must be specified for index: ${name}`,
    );
  }
  const read = throughput ? required(throughput, 'ReadCapacityUnits', (b, m) => optionalInteger(b, m, 1)) : 0;
  const write = throughput ? required(throughput, 'WriteCapacityUnits', (b, m) => optionalInteger(b, m, 1)) : 0;
  return { name, global, keys, projection, readCapacityUnits: read, writeCapacityUnits: write };
}

function projectionOf(body: Body, index: string): IndexProjection {
  const type = optionalEnum(body, 'ProjectionType', ['ALL', 'KEYS_ONLY', 'INCLUDE'] as const);
  const rawNonKey = optionalList(body, 'NonKeyAttributes');
  if (type === undefined) {
    throw invalid(`One or more parameter values were invalid: Unknown ProjectionType: null for index: ${index}`);
  }
  if (type === 'INCLUDE' && (rawNonKey === undefined || rawNonKey.length === 0)) {
    throw invalid(
      'One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified',
    );
  }
  if (type !== 'INCLUDE' && rawNonKey !== undefined) {
    throw invalid(
      `One or more parameter values were invalid: ProjectionType is ${type}, but NonKeyAttributes is specified`,
    );
  }
  const nonKeyAttributes = (rawNonKey ?? []).map((raw) => {
    if (typeof raw !== 'string') throw typeError(raw, 'String');
    return raw;
  });
  if (new Set(nonKeyAttributes).size !== nonKeyAttributes.length) {
    throw invalid(
      `One or more parameter values were invalid: Duplicate attribute in NonKeyAttributes for index: ${index}`,
    );
  }
  return { type, nonKeyAttributes };
}

/** The indexes with their key types, from AttributeDefinitions (every key attribute is known there by now). */
export function resolveIndexes(
  indexes: readonly DeclaredIndex[],
  definitions: ReadonlyMap<string, KeyType>,
): IndexSchema[] {
  const element = (key: DeclaredKey): KeyElement => ({ name: key.name, type: definitions.get(key.name) as KeyType });
  return indexes.map((index) => {
    const [hash, range] = index.keys;
    return {
      name: index.name,
      global: index.global,
      partitionKey: element(hash as DeclaredKey),
      ...(range ? { sortKey: element(range) } : {}),
      projection: index.projection,
      readCapacityUnits: index.readCapacityUnits,
      writeCapacityUnits: index.writeCapacityUnits,
    };
  });
}
