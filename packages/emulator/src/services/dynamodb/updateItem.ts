import { AwsServiceError } from '../../core/awsJson.js';
import { resolvePath } from './evaluate.js';
import { updatePaths } from './expressionAst.js';
import { singleCollectionMetrics, wantsCollectionMetrics } from './itemCollections.js';
import { checkCondition, keyOf, writeUnits } from './items.js';
import { type Body, optionalEnum, rejectUnsupported, tableName } from './members.js';
import { Projection } from './projection.js';
import { consumedCapacity, RequestExpressions } from './requestExpressions.js';
import type { TableStore } from './tables.js';
import { applyUpdate, itemFromKey } from './update.js';
import { type AttributeValue, type Item, itemSize, MAX_ITEM_BYTES, valuesEqual } from './values.js';

const RETURN_VALUES = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] as const;

/**
 * UpdateItem: applies the `UpdateExpression` (SET, REMOVE, ADD, DELETE) to the item with the key, creating it when
 * there is none (an update without an expression creates the bare key), after the condition holds.
 */
export function updateItem(store: TableStore, body: Body): unknown {
  const table = store.require(tableName(body));
  rejectUnsupported(body, ['AttributeUpdates', 'Expected', 'ConditionalOperator']);
  const key = keyOf(body, table);
  const mode = optionalEnum(body, 'ReturnValues', RETURN_VALUES) ?? 'NONE';
  const metrics = wantsCollectionMetrics(body);
  const expressions = new RequestExpressions(body);
  const actions = expressions.update();
  const old = table.get(key);
  checkCondition(body, expressions, old);
  const before = old ?? itemFromKey(key);
  const after =
    actions === undefined
      ? before
      : applyUpdate(
          before,
          actions,
          table.keys.map((element) => element.name),
        );
  if (itemSize(after) > MAX_ITEM_BYTES) {
    throw new AwsServiceError('ValidationException', 'Item size to update has exceeded the maximum allowed size');
  }
  table.checkIndexKeys(after);
  table.put(after);
  // The attributes an update changed: a SET that leaves a value as it was (`if_not_exists` of one present) is none.
  const changed =
    actions === undefined
      ? []
      : updatePaths(actions).filter((path) => !sameValue(resolvePath(before, path), resolvePath(after, path)));
  const attributes = returned(mode, old, after, changed.length === 0 ? undefined : new Projection(changed));
  return {
    ...(attributes === undefined || Object.keys(attributes).length === 0 ? {} : { Attributes: attributes }),
    ...consumedCapacity(body, table.schema.name, Math.max(writeUnits(old), writeUnits(after))),
    ...singleCollectionMetrics(metrics, table, key),
  };
}

function returned(
  mode: (typeof RETURN_VALUES)[number],
  old: Item | undefined,
  after: Item,
  updated: Projection | undefined,
): Item | undefined {
  if (mode === 'ALL_OLD') return old;
  if (mode === 'ALL_NEW') return after;
  if (mode === 'UPDATED_OLD') return old && updated?.apply(old);
  if (mode === 'UPDATED_NEW') return updated?.apply(after);
  return undefined;
}

function sameValue(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  return a === undefined || b === undefined ? a === b : valuesEqual(a, b);
}
