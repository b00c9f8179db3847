import { AwsServiceError } from '../../core/awsJson.js';
import { detachPrototypes, emptyRecord } from '../../core/jsonTree.js';
import { resolvePath } from './evaluate.js';
import { type DocumentPath, type UpdateActions, type UpdateValue, updatePaths } from './expressionAst.js';
import { addNumbers } from './numbers.js';
import { type AttributeValue, type Item, typeOf, valuesEqual } from './values.js';

// Applies a parsed update expression to an item, as UpdateItem does: every operand is read from the item as it was
// before the update, then the actions are applied (removals of list elements by their original indexes).

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/**
 * A deep copy whose maps keep no prototype, as the items the emulator stores: an attribute or map member named
 * `__proto__` (or `constructor`) is then data, and setting it cannot change what the object inherits.
 */
function clone<T>(value: T): T {
  const copy = structuredClone(value);
  detachPrototypes(copy);
  return copy;
}

const wrongType = () => invalid('An operand in the update expression has an incorrect data type');
const invalidPath = () => invalid('The document path provided in the update expression is invalid for update');

/** The item after `actions`; `before` is not changed. Paths that name a key attribute are refused first. */
export function applyUpdate(before: Item, actions: UpdateActions, keyNames: readonly string[]): Item {
  checkKeyPaths(actions, keyNames);
  return applyChecked(before, actions);
}

/** Refuses an update of a key attribute (a fault of the request, whatever the item holds). */
export function checkKeyPaths(actions: UpdateActions, keyNames: readonly string[]): void {
  for (const path of updatePaths(actions)) {
    const first = path.elements[0];
    if (typeof first === 'string' && keyNames.includes(first)) {
      throw invalid(
        `One or more parameter values were invalid: Cannot update attribute ${first}. This attribute is part of the key`,
      );
    }
  }
}

/**
 * `applyUpdate` after `checkKeyPaths`: fails only on what the item holds (a missing operand, a wrong type, a path
 * through something that is not a map or list).
 */
export function applyChecked(before: Item, actions: UpdateActions): Item {
  const computed = actions.set.map(({ path, value }) => ({ path, value: computeValue(value, before) }));
  const after = clone(before);
  for (const { path, value } of computed) assign(after, path, value);
  for (const { path, value } of actions.add) {
    const current = resolvePath(before, path);
    if (current === undefined) assign(after, path, clone(value));
    else if ('N' in current && 'N' in value) assign(after, path, { N: addNumbers(current.N, value.N) });
    else if (typeOf(current) === typeOf(value)) assign(after, path, union(current, value));
    else throw wrongType();
  }
  for (const { path, value } of actions.delete) {
    const current = resolvePath(before, path);
    if (current === undefined) continue;
    if (typeOf(current) !== typeOf(value)) throw wrongType();
    const left = difference(current, value);
    if (left === undefined) remove(after, path);
    else assign(after, path, left);
  }
  // Highest list indexes first, so that each removal still finds its element where the expression meant it.
  const removals = [...actions.remove].sort((a, b) => compareForRemoval(a.elements, b.elements));
  for (const path of removals) remove(after, path);
  return after;
}

function computeValue(value: UpdateValue, item: Item): AttributeValue {
  switch (value.kind) {
    case 'operand': {
      if (value.operand.kind === 'value') return clone(value.operand.value);
      const found = resolvePath(item, value.operand);
      if (found === undefined)
        throw invalid('The provided expression refers to an attribute that does not exist in the item');
      return clone(found);
    }
    case 'if_not_exists': {
      const found = resolvePath(item, value.path);
      return found === undefined ? computeValue(value.fallback, item) : clone(found);
    }
    case 'list_append': {
      const first = computeValue(value.first, item);
      const second = computeValue(value.second, item);
      if (!('L' in first) || !('L' in second)) throw wrongType();
      return { L: [...first.L, ...second.L] };
    }
    default: {
      const left = computeValue(value.left, item);
      const right = computeValue(value.right, item);
      if (!('N' in left) || !('N' in right)) throw wrongType();
      return { N: addNumbers(left.N, right.N, value.kind === '-') };
    }
  }
}

/** Where a path's last element lives, when every element before it exists and has the right type. */
type Slot =
  | { readonly kind: 'members'; readonly members: Record<string, AttributeValue>; readonly name: string }
  | { readonly kind: 'list'; readonly list: AttributeValue[]; readonly index: number };

function slotOf(item: Item, path: DocumentPath): Slot | undefined {
  const elements = path.elements;
  const last = elements.at(-1);
  if (elements.length === 1)
    return typeof last === 'string' ? { kind: 'members', members: item, name: last } : undefined;
  const parent = resolvePath(item, { kind: 'path', elements: elements.slice(0, -1) });
  if (parent === undefined) return undefined;
  if (typeof last === 'number') return 'L' in parent ? { kind: 'list', list: parent.L, index: last } : undefined;
  return 'M' in parent && last !== undefined ? { kind: 'members', members: parent.M, name: last } : undefined;
}

function assign(item: Item, path: DocumentPath, value: AttributeValue): void {
  const slot = slotOf(item, path);
  if (slot === undefined) throw invalidPath();
  if (slot.kind === 'members') slot.members[slot.name] = value;
  // An index past the end appends, as on AWS.
  else slot.list[Math.min(slot.index, slot.list.length)] = value;
}

function remove(item: Item, path: DocumentPath): void {
  const slot = slotOf(item, path);
  if (slot === undefined) return;
  if (slot.kind === 'members') delete slot.members[slot.name];
  else if (slot.index < slot.list.length) slot.list.splice(slot.index, 1);
}

function compareForRemoval(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return 0;
  }
  return b.length - a.length;
}

function members(value: AttributeValue): AttributeValue[] {
  if ('SS' in value) return value.SS.map((member) => ({ S: member }));
  if ('NS' in value) return value.NS.map((member) => ({ N: member }));
  if ('BS' in value) return value.BS.map((member) => ({ B: member }));
  return [];
}

function setOf(type: 'SS' | 'NS' | 'BS', items: AttributeValue[]): AttributeValue | undefined {
  if (items.length === 0) return undefined;
  const texts = items.map((item) => Object.values(item)[0] as string);
  if (type === 'SS') return { SS: texts };
  if (type === 'NS') return { NS: texts };
  return { BS: texts };
}

function union(current: AttributeValue, added: AttributeValue): AttributeValue {
  const all = members(current);
  for (const member of members(added)) if (!all.some((kept) => valuesEqual(kept, member))) all.push(member);
  return setOf(typeOf(current) as 'SS' | 'NS' | 'BS', all) ?? current;
}

function difference(current: AttributeValue, removed: AttributeValue): AttributeValue | undefined {
  const gone = members(removed);
  const left = members(current).filter((member) => !gone.some((other) => valuesEqual(other, member)));
  return setOf(typeOf(current) as 'SS' | 'NS' | 'BS', left);
}

/** A fresh item holding only `key`, for an update of an item that does not exist. */
export function itemFromKey(key: Item): Item {
  const item: Item = emptyRecord();
  for (const [name, value] of Object.entries(key)) item[name] = clone(value);
  return item;
}
