import { AwsServiceError } from '../../core/awsJson.js';
import {
  checkProjectedAttributes,
  type DeclaredIndex,
  declaredIndex,
  MAX_GLOBAL_INDEXES,
  resolveIndexes,
} from './indexSchema.js';
import {
  type Body,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalList,
  optionalObject,
  optionalString,
  required,
  structure,
  tableName,
} from './members.js';
import type { IndexSchema } from './secondaryIndex.js';
import type { KeyType, TableSchema } from './table.js';
import { definitionsOf, keySchemaOf, type TableStore } from './tables.js';

/** UpdateTable members the emulator has no behaviour for: refused by name rather than ignored. */
const UNSUPPORTED = [
  'StreamSpecification',
  'ReplicaUpdates',
  'SSESpecification',
  'TableClass',
  'OnDemandThroughput',
  'WarmThroughput',
  'MultiRegionConsistency',
  'GlobalTableWitnessUpdates',
];

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** One entry of `GlobalSecondaryIndexUpdates`. */
type IndexUpdate =
  | { readonly action: 'Create'; readonly index: DeclaredIndex }
  | { readonly action: 'Update'; readonly name: string; readonly read: number; readonly write: number }
  | { readonly action: 'Delete'; readonly name: string };

/**
 * UpdateTable: billing mode, provisioned throughput, global secondary indexes (one created or deleted a call, as
 * on AWS; a new index holds the items already there at once) and deletion protection. Everything is checked
 * before anything changes. The table is `ACTIVE` again at once (AWS answers `UPDATING` first).
 */
export function updateTable(store: TableStore, body: Body): unknown {
  const table = store.require(tableName(body), true);
  for (const member of UNSUPPORTED) {
    if (body[member] !== undefined && body[member] !== null) {
      throw invalid(`The paramkit emulator does not support ${member} in UpdateTable`);
    }
  }
  const current = table.schema;
  const billingMode = optionalEnum(body, 'BillingMode', ['PROVISIONED', 'PAY_PER_REQUEST']);
  const throughput = optionalObject(body, 'ProvisionedThroughput');
  const protection = optionalBoolean(body, 'DeletionProtectionEnabled');
  const rawUpdates = optionalList(body, 'GlobalSecondaryIndexUpdates');
  const added =
    body.AttributeDefinitions === undefined || body.AttributeDefinitions === null ? new Map() : definitionsOf(body);
  if (billingMode === undefined && throughput === undefined && rawUpdates === undefined && protection === undefined) {
    throw invalid(
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required',
    );
  }
  if (protection !== undefined && (billingMode !== undefined || throughput !== undefined || rawUpdates !== undefined)) {
    throw invalid(
      'One or more parameter values were invalid: DeletionProtection modification must be the only operation in the request',
    );
  }
  const mode = billingMode ?? current.billingMode;
  const onDemand = mode === 'PAY_PER_REQUEST';
  if (onDemand && throughput) {
    throw invalid(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
  }
  const read = throughput ? required(throughput, 'ReadCapacityUnits', (b, m) => optionalInteger(b, m, 1)) : undefined;
  const write = throughput ? required(throughput, 'WriteCapacityUnits', (b, m) => optionalInteger(b, m, 1)) : undefined;
  if (
    !onDemand &&
    throughput === undefined &&
    (current.billingMode === 'PAY_PER_REQUEST' || billingMode !== undefined)
  ) {
    throw invalid(
      'One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED',
    );
  }
  if (
    throughput &&
    current.billingMode === 'PROVISIONED' &&
    read === current.readCapacityUnits &&
    write === current.writeCapacityUnits &&
    rawUpdates === undefined &&
    protection === undefined
  ) {
    throw invalid(
      `The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${current.readCapacityUnits}. Requested ReadCapacityUnits: ${read}. Current WriteCapacityUnits provisioned for the table: ${current.writeCapacityUnits}. Requested WriteCapacityUnits: ${write}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
    );
  }
  const updates = (rawUpdates ?? []).map((raw, position) => indexUpdate(structure(raw), position, onDemand));
  const creates = updates.filter((update) => update.action !== 'Update');
  if (creates.length > 1) {
    throw new AwsServiceError(
      'LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    );
  }
  if (creates.length > 0 && throughput !== undefined) {
    throw invalid('You cannot create or delete index while updating table IOPS');
  }
  const named = updates.map((update) => (update.action === 'Create' ? update.index.name : update.name));
  const twice = named.find((name, position) => named.indexOf(name) !== position);
  if (twice !== undefined) {
    throw invalid(`Only one global secondary index update per index is allowed simultaneously. Index: ${twice}`);
  }
  // An on-demand table's indexes have no throughput: one that turns provisioned again must be given one for each.
  const indexes = applyIndexUpdates(current, updates, added, onDemand).map((index) =>
    onDemand && index.global ? { ...index, readCapacityUnits: 0, writeCapacityUnits: 0 } : index,
  );
  const { indexes: _before, ...unchanged } = current;
  const next: TableSchema = {
    ...unchanged,
    billingMode: mode,
    readCapacityUnits: onDemand ? 0 : (read ?? current.readCapacityUnits),
    writeCapacityUnits: onDemand ? 0 : (write ?? current.writeCapacityUnits),
    ...(indexes.length > 0 ? { indexes } : {}),
  };
  table.reconfigure(next, store.now() / 1000);
  if (protection !== undefined) table.deletionProtection = protection;
  return { TableDescription: table.describe() };
}

function indexUpdate(body: Body, position: number, onDemand: boolean): IndexUpdate {
  const actions = (['Create', 'Update', 'Delete'] as const).filter((a) => body[a] !== undefined && body[a] !== null);
  const [action] = actions;
  if (action === undefined || actions.length > 1) {
    throw invalid(
      'One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Update or GlobalSecondaryIndexUpdate.Delete must be specified',
    );
  }
  const member = structure(body[action]);
  const path = `globalSecondaryIndexUpdates.${position + 1}.member.${action.toLowerCase()}`;
  if (action === 'Create') return { action, index: declaredIndex(member, path, true, onDemand, keySchemaOf) };
  const name = required(member, 'IndexName', optionalString);
  if (action === 'Delete') return { action, name };
  if (onDemand) {
    throw invalid(
      `One or more parameter values were invalid: The only Updates for index: ${name} when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput`,
    );
  }
  const throughput = required(member, 'ProvisionedThroughput', optionalObject);
  const read = required(throughput, 'ReadCapacityUnits', (b, m) => optionalInteger(b, m, 1));
  const write = required(throughput, 'WriteCapacityUnits', (b, m) => optionalInteger(b, m, 1));
  return { action, name, read, write };
}

/** The table's indexes after the updates, with the key types of new ones from the definitions known. */
function applyIndexUpdates(
  table: TableSchema,
  updates: readonly IndexUpdate[],
  added: ReadonlyMap<string, KeyType>,
  onDemand: boolean,
): IndexSchema[] {
  const types = new Map<string, KeyType>();
  const known = [
    table.partitionKey,
    table.sortKey,
    ...(table.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  for (const element of known) if (element) types.set(element.name, element.type);
  for (const [name, type] of added) {
    const existing = types.get(name);
    if (existing !== undefined && existing !== type) {
      throw invalid(
        `One or more parameter values were invalid: Attribute ${name} is already defined with type ${existing}; it cannot be redefined as ${type}`,
      );
    }
    types.set(name, type);
  }
  const byName = new Map((table.indexes ?? []).map((index) => [index.name, index]));
  for (const update of updates) {
    if (update.action === 'Create') {
      const { index } = update;
      if (byName.has(index.name)) throw invalid('Attempting to create an index which already exists');
      const undefinedKeys = index.keys.map((key) => key.name).filter((name) => !types.has(name));
      if (undefinedKeys.length > 0) {
        throw invalid(
          `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${undefinedKeys.join(', ')}], AttributeDefinitions: [${[...added.keys()].join(', ')}]`,
        );
      }
      const [resolved] = resolveIndexes([index], types) as [IndexSchema];
      byName.set(index.name, resolved);
      continue;
    }
    const existing = byName.get(update.name);
    if (existing !== undefined && !existing.global) {
      const verb = update.action === 'Delete' ? 'delete' : 'update';
      throw invalid(`Cannot ${verb} an index that is not a GlobalSecondaryIndex: ${update.name}`);
    }
    if (existing === undefined) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Requested resource not found: Index ${update.name} does not exist on table ${table.name}`,
      );
    }
    if (update.action === 'Delete') {
      byName.delete(update.name);
      continue;
    }
    if (update.read === existing.readCapacityUnits && update.write === existing.writeCapacityUnits) {
      throw invalid(
        `The provisioned throughput for the index ${update.name} will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the index ${update.name}: ${existing.readCapacityUnits}. Requested ReadCapacityUnits: ${update.read}. Current WriteCapacityUnits provisioned for the index ${update.name}: ${existing.writeCapacityUnits}. Requested WriteCapacityUnits: ${update.write}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
      );
    }
    byName.set(update.name, { ...existing, readCapacityUnits: update.read, writeCapacityUnits: update.write });
  }
  const indexes = [...byName.values()];
  if (indexes.filter((index) => index.global).length > MAX_GLOBAL_INDEXES) {
    throw new AwsServiceError(
      'LimitExceededException',
      `Subscriber limit exceeded: The table cannot have more than ${MAX_GLOBAL_INDEXES} global secondary indexes`,
    );
  }
  checkProjectedAttributes(indexes);
  // A table that turns provisioned needs a throughput for each global index it has (an Update of each, as on AWS).
  const unprovisioned = onDemand ? undefined : indexes.find((index) => index.global && index.readCapacityUnits === 0);
  if (unprovisioned !== undefined) {
    throw invalid(
      `One or more parameter values were invalid: ProvisionedThroughput must be specified for index: ${unprovisioned.name}`,
    );
  }
  return indexes;
}
