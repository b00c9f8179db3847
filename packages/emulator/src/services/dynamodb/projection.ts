import { emptyRecord } from '../../core/jsonTree.js';
import type { DocumentPath } from './expressionAst.js';
import { checkDisjointPaths } from './expressionChecks.js';
import type { AttributeValue, Item } from './values.js';

/** A tree of the selected paths: a leaf takes the whole value, inner nodes select members or list elements. */
interface Selection {
  leaf: boolean;
  readonly children: Map<string | number, Selection>;
}

/**
 * Builds the selection tree of a projection, rejecting overlapping paths (`a` and `a.b`) and conflicting ones
 * (`a[0]` and `a.b`) with AWS's messages, since AWS refuses such projections rather than merging them.
 */
function selectionOf(paths: readonly DocumentPath[]): Selection {
  const root: Selection = { leaf: false, children: new Map() };
  checkDisjointPaths(paths, 'ProjectionExpression');
  for (const path of paths) {
    let node = root;
    for (const element of path.elements) {
      let child = node.children.get(element);
      if (!child) {
        child = { leaf: false, children: new Map() };
        node.children.set(element, child);
      }
      node = child;
    }
    node.leaf = true;
  }
  return root;
}

function project(value: AttributeValue, selection: Selection): AttributeValue | undefined {
  if (selection.leaf) return structuredClone(value);
  if ('M' in value) {
    const members: Record<string, AttributeValue> = emptyRecord();
    for (const [key, child] of selection.children) {
      const member = typeof key === 'string' ? value.M[key] : undefined;
      const projected = member === undefined ? undefined : project(member, child);
      if (projected !== undefined) members[key as string] = projected;
    }
    return Object.keys(members).length > 0 ? { M: members } : undefined;
  }
  if ('L' in value) {
    // AWS returns the selected list elements in index order, packed together.
    const indexes = [...selection.children.keys()]
      .filter((k): k is number => typeof k === 'number')
      .sort((a, b) => a - b);
    const elements: AttributeValue[] = [];
    for (const index of indexes) {
      const element = value.L[index];
      const projected =
        element === undefined ? undefined : project(element, selection.children.get(index) as Selection);
      if (projected !== undefined) elements.push(projected);
    }
    return elements.length > 0 ? { L: elements } : undefined;
  }
  return undefined;
}

/** A compiled projection: applies the same selection to many items. */
export class Projection {
  readonly #selection: Selection;

  constructor(readonly paths: readonly DocumentPath[]) {
    this.#selection = selectionOf(paths);
  }

  /** The projected copy of `item`: only the selected attributes, nested maps and list elements. */
  apply(item: Item): Item {
    const result: Item = emptyRecord();
    for (const [name, child] of this.#selection.children) {
      const value = typeof name === 'string' ? item[name] : undefined;
      const projected = value === undefined ? undefined : project(value, child);
      if (projected !== undefined) result[name as string] = projected;
    }
    return result;
  }
}
