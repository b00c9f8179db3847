import type { AttributeValue } from './values.js';

/* The syntax tree of DynamoDB condition, projection and update expressions, with aliases and placeholders resolved. */

/** A document path with aliases resolved: `a.b[2]` is `['a', 'b', 2]`. */
export interface DocumentPath {
  readonly kind: 'path';
  readonly elements: readonly (string | number)[];
}

/** Something that evaluates to a value: a path, an expression attribute value, or `size(path)`. */
export type Operand =
  | DocumentPath
  | { readonly kind: 'value'; readonly value: AttributeValue; readonly placeholder: string }
  | { readonly kind: 'size'; readonly path: DocumentPath };

/** The comparison operators. */
export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** The functions that are conditions (as opposed to `size`, which is an operand). */
export type ConditionFunction =
  | 'attribute_exists'
  | 'attribute_not_exists'
  | 'attribute_type'
  | 'begins_with'
  | 'contains';

/** A parsed condition (key condition, condition or filter expression). */
export type Condition =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'function'; readonly name: ConditionFunction; readonly args: readonly Operand[] }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly operand: Condition };

/** The right-hand side of a `SET` action. */
export type UpdateValue =
  | { readonly kind: 'operand'; readonly operand: DocumentPath | Extract<Operand, { kind: 'value' }> }
  | { readonly kind: 'if_not_exists'; readonly path: DocumentPath; readonly fallback: UpdateValue }
  | { readonly kind: 'list_append'; readonly first: UpdateValue; readonly second: UpdateValue }
  | { readonly kind: '+' | '-'; readonly left: UpdateValue; readonly right: UpdateValue };

/** A parsed update expression: its actions by clause, each clause at most once. */
export interface UpdateActions {
  readonly set: readonly { readonly path: DocumentPath; readonly value: UpdateValue }[];
  readonly remove: readonly DocumentPath[];
  /** `ADD path :value`: a number added, or set members added. */
  readonly add: readonly { readonly path: DocumentPath; readonly value: AttributeValue }[];
  /** `DELETE path :value`: set members removed. */
  readonly delete: readonly { readonly path: DocumentPath; readonly value: AttributeValue }[];
}

/** Every path an update writes or removes, in the order of its clauses' actions. */
export function updatePaths(actions: UpdateActions): DocumentPath[] {
  return [
    ...actions.set.map((action) => action.path),
    ...actions.remove,
    ...actions.add.map((action) => action.path),
    ...actions.delete.map((action) => action.path),
  ];
}
