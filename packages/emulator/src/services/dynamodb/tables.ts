import { AwsServiceError } from '../../core/awsJson.js';
import { constraintViolation } from '../../core/members.js';
import type { ServiceContext } from '../../core/types.js';
import { type DeclaredKey, declaredIndexes, resolveIndexes } from './indexSchema.js';
import {
  type Body,
  constraintError,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalList,
  optionalObject,
  optionalString,
  required,
  tableName,
  typeError,
} from './members.js';
import { type KeyElement, type KeyType, Table, type TableSchema } from './table.js';
import { addTags, checkTagCount, tagsOf } from './tableSettings.js';

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** The tables of one emulator, with the control-plane operations (CreateTable, DescribeTable, ...). */
export class TableStore {
  readonly #tables = new Map<string, Table>();

  constructor(private readonly context: ServiceContext) {}

  /** The table a request names, or the `ResourceNotFoundException` AWS answers. */
  require(name: string, detail = false): Table {
    const table = this.#tables.get(name);
    if (!table) {
      // DescribeTable names the table in its message; item operations do not.
      const message = detail
        ? `Requested resource not found: Table: ${name} not found`
        : 'Requested resource not found';
      throw new AwsServiceError('ResourceNotFoundException', message);
    }
    return table;
  }

  /** The emulator's clock, in ms. */
  now(): number {
    return this.context.now();
  }

  /** The table with this name, if any. */
  find(name: string): Table | undefined {
    return this.#tables.get(name);
  }

  /** The table with this ARN, if any. */
  findByArn(arn: string): Table | undefined {
    for (const table of this.#tables.values()) if (table.arn === arn) return table;
    return undefined;
  }

  /** Creates a table from a validated schema; `ResourceInUseException` when the name is taken. */
  add(schema: TableSchema): Table {
    if (this.#tables.has(schema.name)) {
      throw new AwsServiceError('ResourceInUseException', `Table already exists: ${schema.name}`);
    }
    const { region, accountId } = this.context;
    const arn = `arn:aws:dynamodb:${region}:${accountId}:table/${schema.name}`;
    const table = new Table(schema, arn, this.context.now() / 1000);
    this.#tables.set(schema.name, table);
    return table;
  }

  clear(): void {
    this.#tables.clear();
  }

  /** CreateTable. */
  create(body: Body): unknown {
    const schema = schemaOf(body);
    const tags = tagsOf(body);
    checkTagCount(tags.size);
    const protectedTable = optionalBoolean(body, 'DeletionProtectionEnabled') ?? false;
    const table = this.add(schema);
    addTags(table, tags);
    table.deletionProtection = protectedTable;
    return { TableDescription: table.describe() };
  }

  /** DescribeTable. */
  describe(body: Body): unknown {
    return { Table: this.require(tableName(body), true).describe() };
  }

  /** DeleteTable. */
  delete(body: Body): unknown {
    const table = this.require(tableName(body), true);
    if (table.deletionProtection) {
      throw invalid(
        'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
      );
    }
    this.#tables.delete(table.schema.name);
    return { TableDescription: table.describe('DELETING') };
  }

  /** ListTables, paged by `ExclusiveStartTableName` and `Limit` (1–100). */
  list(body: Body): unknown {
    const start = optionalString(body, 'ExclusiveStartTableName');
    const limit = optionalInteger(body, 'Limit', 1) ?? 100;
    if (limit > 100) throw constraintError('Limit', limit, 'Member must have value less than or equal to 100');
    const names = [...this.#tables.keys()].sort().filter((name) => start === undefined || name > start);
    const page = names.slice(0, limit);
    const more = names.length > limit;
    return more ? { TableNames: page, LastEvaluatedTableName: page.at(-1) } : { TableNames: page };
  }
}

/** A `KeySchema` member (the table's, or an index's at `path`): one HASH element, then at most one RANGE. */
export function keySchemaOf(body: Body, path = 'keySchema'): DeclaredKey[] {
  const list = required(body, 'KeySchema', optionalList);
  if (list.length < 1) throw constraintViolation(path, 'Member must have length greater than or equal to 1', "'[]'");
  if (list.length > 2) {
    throw constraintViolation(path, 'Member must have length less than or equal to 2', `'[${list.length} elements]'`);
  }
  const elements = list.map((raw) => {
    if (raw === null || typeof raw !== 'object') throw typeError(raw, 'Structure');
    const element = raw as Body;
    const name = required(element, 'AttributeName', optionalString);
    const role = required(element, 'KeyType', (b, m) => optionalEnum(b, m, ['HASH', 'RANGE']));
    if (name.length < 1 || name.length > 255) {
      throw constraintViolation(path, 'AttributeName must have length between 1 and 255', `'${name}'`);
    }
    return { name, role };
  });
  const [first, second] = elements;
  if (first?.role !== 'HASH') throw invalid('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (second && second.role !== 'RANGE')
    throw invalid('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (second && second.name === first.name) {
    throw invalid('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  return elements;
}

export function definitionsOf(body: Body): Map<string, KeyType> {
  const list = required(body, 'AttributeDefinitions', optionalList);
  const definitions = new Map<string, KeyType>();
  list.forEach((raw) => {
    if (raw === null || typeof raw !== 'object') throw typeError(raw, 'Structure');
    const definition = raw as Body;
    const name = required(definition, 'AttributeName', optionalString);
    const type = required(definition, 'AttributeType', (b, m) => optionalEnum<KeyType>(b, m, ['B', 'N', 'S']));
    if (definitions.has(name)) throw invalid('Cannot have two attributes with the same name');
    definitions.set(name, type);
  });
  return definitions;
}

/** Validates a CreateTable request into a schema, with AWS's messages for each mistake. */
export function schemaOf(body: Body): TableSchema {
  const name = tableName(body);
  const elements = keySchemaOf(body);
  const definitions = definitionsOf(body);
  const billingMode = optionalEnum(body, 'BillingMode', ['PROVISIONED', 'PAY_PER_REQUEST']) ?? 'PROVISIONED';
  const onDemand = billingMode === 'PAY_PER_REQUEST';
  const declared = declaredIndexes(body, elements, onDemand, keySchemaOf);
  const used = [...new Set([...elements, ...declared.flatMap((index) => index.keys)].map((e) => e.name))];
  const undefinedKeys = used.filter((key) => !definitions.has(key));
  if (undefinedKeys.length > 0) {
    throw invalid(
      `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${undefinedKeys.join(', ')}], AttributeDefinitions: [${[...definitions.keys()].join(', ')}]`,
    );
  }
  if (definitions.size !== used.length) {
    throw invalid(
      declared.length === 0
        ? 'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions'
        : `One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [${[...definitions.keys()].join(', ')}], keys used: [${used.join(', ')}]`,
    );
  }
  const throughput = optionalObject(body, 'ProvisionedThroughput');
  const read = throughput ? optionalInteger(throughput, 'ReadCapacityUnits', 1) : undefined;
  const write = throughput ? optionalInteger(throughput, 'WriteCapacityUnits', 1) : undefined;
  if (!onDemand && (read === undefined || write === undefined)) {
    throw invalid(
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
  }
  if (onDemand && throughput) {
    throw invalid(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
  }
  const [hash, range] = elements.map((e): KeyElement => ({ name: e.name, type: definitions.get(e.name) as KeyType }));
  const indexes = resolveIndexes(declared, definitions);
  return {
    name,
    partitionKey: hash as KeyElement,
    ...(range ? { sortKey: range } : {}),
    billingMode,
    readCapacityUnits: read ?? 0,
    writeCapacityUnits: write ?? 0,
    ...(indexes.length > 0 ? { indexes } : {}),
  };
}
