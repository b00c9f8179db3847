import { AwsServiceError } from '../../core/awsJson.js';
import { constraintViolation } from '../../core/members.js';
import { evaluate } from './evaluate.js';
import { batchCollectionMetrics, wantsCollectionMetrics } from './itemCollections.js';
import { itemToWrite, keyOf, readUnits, writeUnits } from './items.js';
import {
  type Body,
  optionalEnum,
  optionalList,
  optionalString,
  rejectUnsupported,
  required,
  structure,
  tableName,
} from './members.js';
import { consumedCapacities, RequestExpressions } from './requestExpressions.js';
import type { Table } from './table.js';
import type { TableStore } from './tables.js';
import { applyChecked, checkKeyPaths, itemFromKey } from './update.js';
import { type Item, itemSize, MAX_ITEM_BYTES } from './values.js';

// TransactWriteItems and TransactGetItems: up to 100 actions, all or nothing. Every action is checked and its
// condition evaluated against the items as they are before any of them is written; one failed condition cancels
// the whole transaction with a reason per action, as AWS answers it.

const MAX_ACTIONS = 100;
const WRITE_ACTIONS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;
type WriteAction = (typeof WRITE_ACTIONS)[number];

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** The `TransactItems` list: 1 to 100 structures, each holding exactly one of `actions`. */
function transactItems<A extends string>(body: Body, actions: readonly A[]): [A, Body][] {
  const list = required(body, 'TransactItems', optionalList);
  if (list.length === 0)
    throw constraintViolation('transactItems', 'Member must have length greater than or equal to 1');
  if (list.length > MAX_ACTIONS) {
    throw constraintViolation('transactItems', `Member must have length less than or equal to ${MAX_ACTIONS}`);
  }
  return list.map((raw) => {
    const item = structure(raw);
    const given = actions.filter((action) => item[action] !== undefined && item[action] !== null);
    const [action] = given;
    if (given.length !== 1 || action === undefined) {
      throw invalid(`TransactItems can only contain one of ${actions.join(', ')}`);
    }
    return [action, structure(item[action])];
  });
}

interface PlannedWrite {
  readonly table: Table;
  readonly key: Item;
  readonly old: Item | undefined;
  /** The item to store, `null` to delete it, `undefined` for a condition check. */
  readonly next: Item | null | undefined;
  readonly passed: boolean;
  readonly returnOld: boolean;
  /** Why the item refuses the action (an update that does not apply to what it holds). */
  readonly refused?: string | undefined;
}

function plan(store: TableStore, action: WriteAction, body: Body): PlannedWrite {
  const table = store.require(tableName(body));
  rejectUnsupported(body, ['Expected', 'ConditionalOperator', 'AttributeUpdates']);
  const returnOld = optionalEnum(body, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE']) === 'ALL_OLD';
  const expressions = new RequestExpressions(body);
  let key: Item;
  let next: Item | null | undefined;
  let update: ReturnType<RequestExpressions['update']>;
  if (action === 'Put') {
    const item = itemToWrite(body, table);
    key = table.keyOf(item);
    next = item;
  } else {
    key = keyOf(body, table);
    if (action === 'Update') {
      required(body, 'UpdateExpression', optionalString);
      update = expressions.update();
    }
    next = action === 'Delete' ? null : undefined;
  }
  const condition = expressions.condition('ConditionExpression');
  if (action === 'ConditionCheck') required(body, 'ConditionExpression', optionalString);
  expressions.finish();
  const old = table.get(key);
  let refused: string | undefined;
  if (update !== undefined) {
    checkKeyPaths(
      update,
      table.keys.map((element) => element.name),
    );
    // What fails on the item's own content cancels the transaction with this action's reason, as on AWS.
    try {
      next = applyChecked(old ?? itemFromKey(key), update);
      if (itemSize(next) > MAX_ITEM_BYTES) refused = 'Item size to update has exceeded the maximum allowed size';
      else table.checkIndexKeys(next);
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      refused = error.message;
    }
  }
  const passed = condition === undefined || evaluate(condition, old ?? {});
  return { table, key, old, next, passed, returnOld, refused };
}

/** TransactWriteItems: the puts, updates, deletes and condition checks, all applied or none. */
export function transactWriteItems(store: TableStore, body: Body): unknown {
  optionalString(body, 'ClientRequestToken');
  const metrics = wantsCollectionMetrics(body);
  const planned = transactItems(body, WRITE_ACTIONS).map(([action, member]) => plan(store, action, member));
  const seen = new Set<string>();
  for (const { table, key } of planned) {
    const identity = `${table.schema.name}\u0000${table.identity(key)}`;
    if (seen.has(identity)) throw invalid('Transaction request cannot include multiple operations on one item');
    seen.add(identity);
  }
  if (planned.some((write) => !write.passed || write.refused !== undefined)) {
    const reasons = planned.map((write) => {
      if (!write.passed) {
        return {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          ...(write.returnOld && write.old ? { Item: write.old } : {}),
        };
      }
      return write.refused === undefined ? { Code: 'None' } : { Code: 'ValidationError', Message: write.refused };
    });
    throw new AwsServiceError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      400,
      { CancellationReasons: reasons },
    );
  }
  const units = new Map<string, number>();
  for (const { table, key, old, next } of planned) {
    if (next === null) table.delete(key);
    else if (next !== undefined) table.put(next);
    const name = table.schema.name;
    // A transactional write costs twice a plain one, as AWS bills it.
    units.set(name, (units.get(name) ?? 0) + 2 * Math.max(writeUnits(old), writeUnits(next ?? undefined)));
  }
  const written = planned.filter((write) => write.next !== undefined);
  return { ...consumedCapacities(body, units), ...batchCollectionMetrics(metrics, written) };
}

/** TransactGetItems: up to 100 items, each `{ Item }` (projected as asked) or `{}`, in the order asked. */
export function transactGetItems(store: TableStore, body: Body): unknown {
  const gets = transactItems(body, ['Get'] as const).map(([, member]) => {
    const table = store.require(tableName(member));
    rejectUnsupported(member, ['AttributesToGet']);
    const key = keyOf(member, table);
    const expressions = new RequestExpressions(member);
    const projection = expressions.projection();
    expressions.finish();
    return { table, key, projection };
  });
  const units = new Map<string, number>();
  const responses = gets.map(({ table, key, projection }) => {
    const item = table.get(key);
    const name = table.schema.name;
    units.set(name, (units.get(name) ?? 0) + 2 * readUnits(item ? itemSize(item) : 0, true));
    if (item === undefined) return {};
    return { Item: projection ? projection.apply(item) : item };
  });
  return { Responses: responses, ...consumedCapacities(body, units) };
}
