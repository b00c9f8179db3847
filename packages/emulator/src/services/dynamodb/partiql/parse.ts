import { AwsServiceError } from '../../../core/awsJson.js';
import { type Condition, type DocumentPath, type Operand, type UpdateValue, updatePaths } from '../expressionAst.js';
import { checkDisjointPaths } from '../expressionChecks.js';
import { canonicalNumber } from '../numbers.js';
import { type AttributeValue, canonicalValue } from '../values.js';

/*
 * DynamoDB's PartiQL, the subset its documentation describes: SELECT (with WHERE and ORDER BY), INSERT, UPDATE
 * (SET, REMOVE, RETURNING) and DELETE. Conditions become the same syntax tree as condition expressions, so one
 * evaluator judges both. Anything outside the subset is a ValidationException naming what was not understood.
 */

/** One key of an `ORDER BY`. */
export interface OrderKey {
  readonly path: DocumentPath;
  readonly descending: boolean;
}

/** A SELECT. */
export interface SelectStatement {
  readonly kind: 'select';
  readonly table: string;
  readonly index: string | undefined;
  /** `undefined` for `*`. */
  readonly paths: readonly DocumentPath[] | undefined;
  readonly where: Condition | undefined;
  /** The keys of `ORDER BY`, in order; empty without one. */
  readonly orderBy: readonly OrderKey[];
}

/** A parsed statement, its `?` parameters bound. */
export type Statement =
  | SelectStatement
  /** `EXISTS(SELECT ...)`: a transaction's condition check on one item. */
  | { readonly kind: 'exists'; readonly table: string; readonly select: SelectStatement }
  | { readonly kind: 'insert'; readonly table: string; readonly value: AttributeValue }
  | {
      readonly kind: 'update';
      readonly table: string;
      readonly set: readonly { readonly path: DocumentPath; readonly value: UpdateValue }[];
      readonly remove: readonly DocumentPath[];
      readonly add: readonly { readonly path: DocumentPath; readonly value: AttributeValue }[];
      readonly delete: readonly { readonly path: DocumentPath; readonly value: AttributeValue }[];
      readonly where: Condition;
      readonly returning: Returning | undefined;
    }
  | {
      readonly kind: 'delete';
      readonly table: string;
      readonly where: Condition;
      readonly returning: Returning | undefined;
    };

/** `RETURNING ALL OLD *` and its kin. */
export interface Returning {
  readonly which: 'ALL' | 'MODIFIED';
  readonly when: 'OLD' | 'NEW';
}

type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'eof';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
}

const PUNCTUATION = [
  '<<',
  '>>',
  '<>',
  '!=',
  '<=',
  '>=',
  '=',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  ';',
  '*',
  '+',
  '-',
];
/** How deep parentheses, NOTs and nested values may go: the parser recurses, so its depth is bounded. */
const MAX_DEPTH = 64;
/** Most values an IN list takes (AWS: 100, and 50 where they are partition key values). */
export const MAX_IN_VALUES = 100;
/** PartiQL statements are at most 8 KB, as on AWS. */
const MAX_STATEMENT_LENGTH = 8192;

export function partiqlError(detail: string): AwsServiceError {
  return new AwsServiceError('ValidationException', `Statement wasn't well formed, can't be processed: ${detail}`);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const at = i;
    if (char === "'" || char === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw partiqlError(`unterminated ${char === "'" ? 'string' : 'quoted identifier'}`);
        const next = source[i] as string;
        if (next === char) {
          if (source[i + 1] === char) {
            text += char;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += next;
        i++;
      }
      tokens.push({ kind: char === "'" ? 'string' : 'quoted', text, at });
      continue;
    }
    if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: match[0], at });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0], at });
      i += match[0].length;
      continue;
    }
    if (char === '?') {
      tokens.push({ kind: 'param', text: '?', at });
      i++;
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (punct === undefined) throw partiqlError(`unexpected character '${char}' at position ${i + 1}`);
    tokens.push({ kind: 'punct', text: punct, at });
    i += punct.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', at: source.length });
  return tokens;
}

/** Parses one statement, binding its `?` parameters in order. */
export function parseStatement(source: string, parameters: readonly AttributeValue[]): Statement {
  if (source.length > MAX_STATEMENT_LENGTH) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value at 'statement' failed to satisfy constraint: Member must have length less than or equal to ${MAX_STATEMENT_LENGTH}`,
    );
  }
  const parser = new Parser(tokenize(source), parameters);
  const statement = parser.statement();
  parser.end();
  return statement;
}

class Parser {
  #at = 0;
  #used = 0;
  #depth = 0;

  /** Runs `parse` one level deeper, refusing statements nested past MAX_DEPTH. */
  #nested<T>(parse: () => T): T {
    if (++this.#depth > MAX_DEPTH) throw partiqlError(`the statement nests deeper than ${MAX_DEPTH} levels`);
    try {
      return parse();
    } finally {
      this.#depth--;
    }
  }

  constructor(
    private readonly tokens: readonly Token[],
    private readonly parameters: readonly AttributeValue[],
  ) {}

  #peek(offset = 0): Token {
    return this.tokens[Math.min(this.#at + offset, this.tokens.length - 1)] as Token;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind !== 'eof') this.#at++;
    return token;
  }

  #isWord(word: string, offset = 0): boolean {
    const token = this.#peek(offset);
    return token.kind === 'word' && token.text.toUpperCase() === word;
  }

  #isPunct(text: string): boolean {
    const token = this.#peek();
    return token.kind === 'punct' && token.text === text;
  }

  #expectWord(word: string): void {
    if (!this.#isWord(word)) throw this.#unexpected(`expected ${word}`);
    this.#next();
  }

  #expectPunct(text: string): void {
    if (!this.#isPunct(text)) throw this.#unexpected(`expected '${text}'`);
    this.#next();
  }

  #unexpected(expected: string): AwsServiceError {
    return partiqlError(`${expected}, found ${describeToken(this.#peek())}`);
  }

  end(): void {
    if (this.#isPunct(';')) this.#next();
    if (this.#peek().kind !== 'eof') throw this.#unexpected('expected the end of the statement');
    if (this.#used !== this.parameters.length) {
      throw new AwsServiceError('ValidationException', "Number of parameters in request and statement don't match.");
    }
  }

  statement(): Statement {
    if (this.#isWord('SELECT')) return this.#select();
    if (this.#isWord('EXISTS') && this.#isPunctAt(1, '(')) {
      this.#next();
      this.#next();
      if (!this.#isWord('SELECT')) throw this.#unexpected('expected SELECT inside EXISTS');
      const select = this.#select();
      this.#expectPunct(')');
      return { kind: 'exists', table: select.table, select };
    }
    if (this.#isWord('INSERT')) return this.#insert();
    if (this.#isWord('UPDATE')) return this.#update();
    if (this.#isWord('DELETE')) return this.#delete();
    throw this.#unexpected('expected SELECT, INSERT, UPDATE, DELETE or EXISTS');
  }

  #identifier(): string {
    const token = this.#peek();
    if (token.kind === 'quoted' || token.kind === 'word') {
      this.#next();
      return token.text;
    }
    throw this.#unexpected('expected a name');
  }

  #select(): SelectStatement {
    this.#expectWord('SELECT');
    let paths: DocumentPath[] | undefined;
    if (this.#isPunct('*')) this.#next();
    else {
      paths = [this.#path()];
      while (this.#isPunct(',')) {
        this.#next();
        paths.push(this.#path());
      }
    }
    this.#expectWord('FROM');
    const table = this.#identifier();
    let index: string | undefined;
    if (this.#isPunct('.')) {
      this.#next();
      index = this.#identifier();
    }
    let where: Condition | undefined;
    if (this.#isWord('WHERE')) {
      this.#next();
      where = this.#condition();
    }
    const orderBy: OrderKey[] = [];
    if (this.#isWord('ORDER')) {
      this.#next();
      this.#expectWord('BY');
      do {
        if (orderBy.length > 0) this.#next();
        const path = this.#path();
        let descending = false;
        if (this.#isWord('ASC') || this.#isWord('DESC')) descending = this.#next().text.toUpperCase() === 'DESC';
        orderBy.push({ path, descending });
      } while (this.#isPunct(','));
    }
    return { kind: 'select', table, index, paths, where, orderBy };
  }

  #insert(): Statement {
    this.#expectWord('INSERT');
    this.#expectWord('INTO');
    const table = this.#identifier();
    this.#expectWord('VALUE');
    const value = this.#value();
    return { kind: 'insert', table, value };
  }

  #update(): Statement {
    this.#expectWord('UPDATE');
    const table = this.#identifier();
    const set: { path: DocumentPath; value: UpdateValue }[] = [];
    const remove: DocumentPath[] = [];
    const add: { path: DocumentPath; value: AttributeValue }[] = [];
    const deleted: { path: DocumentPath; value: AttributeValue }[] = [];
    while (this.#isWord('SET') || this.#isWord('REMOVE')) {
      const clause = this.#next().text.toUpperCase();
      do {
        if (this.#isPunct(',')) this.#next();
        const path = this.#path();
        if (clause === 'REMOVE') {
          remove.push(path);
          continue;
        }
        this.#expectPunct('=');
        const setFunction = this.#setFunction(path);
        if (setFunction === 'set_add') add.push({ path, value: this.#setFunctionValue() });
        else if (setFunction === 'set_delete') deleted.push({ path, value: this.#setFunctionValue() });
        else set.push({ path, value: this.#updateValue() });
      } while (this.#isPunct(','));
    }
    if (set.length + remove.length + add.length + deleted.length === 0)
      throw this.#unexpected('expected SET or REMOVE');
    // PartiQL's UPDATE is an UpdateItem: two actions on one path, or on a path and one inside it, are refused.
    checkDisjointPaths(updatePaths({ set, remove, add, delete: deleted }), 'UpdateExpression');
    this.#expectWord('WHERE');
    const where = this.#condition();
    return { kind: 'update', table, set, remove, add, delete: deleted, where, returning: this.#returning() };
  }

  /** `set_add(path, <<...>>)` and `set_delete(path, <<...>>)` on the path being set: ADD and DELETE actions. */
  #setFunction(path: DocumentPath): 'set_add' | 'set_delete' | undefined {
    const name = this.#peek();
    if (name.kind !== 'word' || !this.#isPunctAt(1, '(')) return undefined;
    const lower = name.text.toLowerCase();
    if (lower !== 'set_add' && lower !== 'set_delete') return undefined;
    this.#next();
    this.#next();
    const target = this.#path();
    if (JSON.stringify(target.elements) !== JSON.stringify(path.elements)) {
      throw partiqlError(`${lower} must act on the attribute it sets`);
    }
    this.#expectPunct(',');
    return lower;
  }

  #setFunctionValue(): AttributeValue {
    const value = this.#value();
    this.#expectPunct(')');
    return value;
  }

  #isPunctAt(offset: number, text: string): boolean {
    const token = this.#peek(offset);
    return token.kind === 'punct' && token.text === text;
  }

  #updateValue(): UpdateValue {
    let left = this.#updateTerm();
    while (this.#isPunct('+') || this.#isPunct('-')) {
      const op = this.#next().text as '+' | '-';
      left = { kind: op, left, right: this.#updateTerm() };
    }
    return left;
  }

  #updateTerm(): UpdateValue {
    const token = this.#peek();
    if (token.kind === 'word' && token.text.toLowerCase() === 'list_append' && this.#isPunctAt(1, '(')) {
      this.#next();
      this.#next();
      const first = this.#nested(() => this.#updateValue());
      this.#expectPunct(',');
      const second = this.#nested(() => this.#updateValue());
      this.#expectPunct(')');
      return { kind: 'list_append', first, second };
    }
    if (this.#startsValue())
      return { kind: 'operand', operand: { kind: 'value', value: this.#value(), placeholder: '?' } };
    return { kind: 'operand', operand: this.#path() };
  }

  #delete(): Statement {
    this.#expectWord('DELETE');
    this.#expectWord('FROM');
    const table = this.#identifier();
    this.#expectWord('WHERE');
    const where = this.#condition();
    const returning = this.#returning();
    // A DELETE has only the item as it was to give back.
    if (returning !== undefined && (returning.which !== 'ALL' || returning.when !== 'OLD')) {
      throw partiqlError('DELETE can only return ALL OLD *');
    }
    return { kind: 'delete', table, where, returning };
  }

  #returning(): Returning | undefined {
    if (!this.#isWord('RETURNING')) return undefined;
    this.#next();
    if (!this.#isWord('ALL') && !this.#isWord('MODIFIED')) throw this.#unexpected('expected ALL or MODIFIED');
    const which = this.#next().text.toUpperCase() as 'ALL' | 'MODIFIED';
    if (!this.#isWord('OLD') && !this.#isWord('NEW')) throw this.#unexpected('expected OLD or NEW');
    const when = this.#next().text.toUpperCase() as 'OLD' | 'NEW';
    this.#expectPunct('*');
    return { which, when };
  }

  #path(): DocumentPath {
    const elements: (string | number)[] = [this.#identifier()];
    for (;;) {
      if (this.#isPunct('.')) {
        this.#next();
        elements.push(this.#identifier());
      } else if (this.#isPunct('[')) {
        this.#next();
        const token = this.#next();
        if (token.kind === 'number' && /^[0-9]+$/.test(token.text)) elements.push(Number(token.text));
        else if (token.kind === 'string') elements.push(token.text);
        else throw partiqlError(`a list index must be a whole number, found '${token.text}'`);
        this.#expectPunct(']');
      } else return { kind: 'path', elements };
    }
  }

  #condition(): Condition {
    let left = this.#conjunction();
    while (this.#isWord('OR')) {
      this.#next();
      left = { kind: 'or', left, right: this.#conjunction() };
    }
    return left;
  }

  #conjunction(): Condition {
    let left = this.#negation();
    while (this.#isWord('AND')) {
      this.#next();
      left = { kind: 'and', left, right: this.#negation() };
    }
    return left;
  }

  #negation(): Condition {
    if (this.#isWord('NOT')) {
      this.#next();
      return { kind: 'not', operand: this.#nested(() => this.#negation()) };
    }
    return this.#predicate();
  }

  #predicate(): Condition {
    if (this.#isPunct('(')) {
      this.#next();
      const inner = this.#nested(() => this.#condition());
      this.#expectPunct(')');
      return inner;
    }
    const token = this.#peek();
    if (token.kind === 'word' && this.#isPunctAt(1, '(')) {
      const name = token.text.toLowerCase();
      if (name === 'begins_with' || name === 'contains' || name === 'attribute_type') {
        this.#next();
        this.#next();
        const args: Operand[] = [this.#operand()];
        while (this.#isPunct(',')) {
          this.#next();
          args.push(this.#operand());
        }
        this.#expectPunct(')');
        if (args.length !== 2) throw partiqlError(`${name} takes 2 arguments, got ${args.length}`);
        return { kind: 'function', name, args };
      }
    }
    const left = this.#operand();
    if (this.#isWord('IS')) {
      this.#next();
      const negated = this.#isWord('NOT');
      if (negated) this.#next();
      if (left.kind !== 'path') throw partiqlError('IS applies to an attribute');
      let condition: Condition;
      if (this.#isWord('MISSING')) condition = { kind: 'function', name: 'attribute_not_exists', args: [left] };
      else if (this.#isWord('NULL')) {
        condition = {
          kind: 'or',
          left: { kind: 'function', name: 'attribute_not_exists', args: [left] },
          right: {
            kind: 'function',
            name: 'attribute_type',
            args: [left, { kind: 'value', value: { S: 'NULL' }, placeholder: '?' }],
          },
        };
      } else throw this.#unexpected('expected MISSING or NULL');
      this.#next();
      return negated ? { kind: 'not', operand: condition } : condition;
    }
    if (this.#isWord('BETWEEN')) {
      this.#next();
      const low = this.#operand();
      this.#expectWord('AND');
      return { kind: 'between', operand: left, low, high: this.#operand() };
    }
    if (this.#isWord('IN')) {
      this.#next();
      const close = this.#isPunct('(') ? ')' : ']';
      if (!this.#isPunct('(') && !this.#isPunct('[')) throw this.#unexpected("expected '[' or '('");
      this.#next();
      const list: Operand[] = [this.#operand()];
      while (this.#isPunct(',')) {
        this.#next();
        list.push(this.#operand());
      }
      this.#expectPunct(close);
      if (list.length > MAX_IN_VALUES) {
        throw new AwsServiceError('ValidationException', `The IN operator takes at most ${MAX_IN_VALUES} values`);
      }
      return { kind: 'in', operand: left, list };
    }
    const op = this.#peek();
    const comparators: Record<string, '=' | '<>' | '<' | '<=' | '>' | '>='> = {
      '=': '=',
      '<>': '<>',
      '!=': '<>',
      '<': '<',
      '<=': '<=',
      '>': '>',
      '>=': '>=',
    };
    const comparator = op.kind === 'punct' ? comparators[op.text] : undefined;
    if (comparator === undefined) throw this.#unexpected('expected a comparison');
    this.#next();
    return { kind: 'compare', op: comparator, left, right: this.#operand() };
  }

  #operand(): Operand {
    const token = this.#peek();
    if (token.kind === 'word' && token.text.toLowerCase() === 'size' && this.#isPunctAt(1, '(')) {
      this.#next();
      this.#next();
      const path = this.#path();
      this.#expectPunct(')');
      return { kind: 'size', path };
    }
    if (this.#startsValue()) return { kind: 'value', value: this.#value(), placeholder: '?' };
    return this.#path();
  }

  #startsValue(): boolean {
    const token = this.#peek();
    if (token.kind === 'string' || token.kind === 'number' || token.kind === 'param') return true;
    if (token.kind === 'punct') return ['[', '{', '<<', '-'].includes(token.text);
    return token.kind === 'word' && ['TRUE', 'FALSE', 'NULL'].includes(token.text.toUpperCase());
  }

  #value(): AttributeValue {
    return this.#nested(() => this.#valueHere());
  }

  #valueHere(): AttributeValue {
    const token = this.#next();
    if (token.kind === 'param') {
      const value = this.parameters[this.#used++];
      if (value === undefined) {
        throw new AwsServiceError('ValidationException', "Number of parameters in request and statement don't match.");
      }
      return value;
    }
    if (token.kind === 'string') return { S: token.text };
    if (token.kind === 'number') return { N: canonicalNumber(token.text) };
    if (token.kind === 'punct' && token.text === '-') {
      const number = this.#next();
      if (number.kind !== 'number') throw partiqlError(`expected a number after '-' at position ${token.at + 1}`);
      return { N: canonicalNumber(`-${number.text}`) };
    }
    if (token.kind === 'word') {
      const word = token.text.toUpperCase();
      if (word === 'TRUE' || word === 'FALSE') return { BOOL: word === 'TRUE' };
      if (word === 'NULL') return { NULL: true };
    }
    if (token.kind === 'punct' && token.text === '[') {
      const items: AttributeValue[] = [];
      while (!this.#isPunct(']')) {
        if (items.length > 0) this.#expectPunct(',');
        items.push(this.#value());
      }
      this.#next();
      return { L: items };
    }
    if (token.kind === 'punct' && token.text === '{') {
      const members: Record<string, AttributeValue> = Object.create(null);
      let first = true;
      while (!this.#isPunct('}')) {
        if (!first) this.#expectPunct(',');
        first = false;
        const key = this.#next();
        if (key.kind !== 'string' && key.kind !== 'quoted')
          throw partiqlError(`a map key must be a string, found ${describeToken(key)}`);
        this.#expectPunct(':');
        members[key.text] = this.#value();
      }
      this.#next();
      return { M: members };
    }
    if (token.kind === 'punct' && token.text === '<<') return this.#bag(token.at);
    throw partiqlError(`expected a value, found ${describeToken(token)}`);
  }

  /** `<<'a', 'b'>>`: a string, number or binary set, all members of one type. */
  #bag(at: number): AttributeValue {
    const members: AttributeValue[] = [];
    while (!this.#isPunct('>>')) {
      if (members.length > 0) this.#expectPunct(',');
      members.push(this.#value());
    }
    this.#next();
    const kinds = new Set(members.map((member) => Object.keys(member)[0]));
    const [kind] = kinds;
    if (members.length === 0 || kinds.size !== 1 || (kind !== 'S' && kind !== 'N' && kind !== 'B')) {
      throw partiqlError(`a set at position ${at + 1} must hold strings, numbers or binary values of one type`);
    }
    const raw = { [`${kind}S`]: members.map((member) => Object.values(member)[0]) };
    try {
      return canonicalValue(raw, 'Statement');
    } catch {
      // The set's own check names its members; a statement's literals stay out of messages.
      throw partiqlError(`the set at position ${at + 1} holds the same member twice`);
    }
  }
}

/**
 * A token as an error message names it. String literals, quoted names (often a value double-quoted by mistake),
 * numbers and parameters are named by kind, never quoted: they may hold a value the caller would not want in a log.
 */
function describeToken(token: Token): string {
  const at = `at position ${token.at + 1}`;
  switch (token.kind) {
    case 'eof':
      return 'the end of the statement';
    case 'string':
      return `a string ${at}`;
    case 'quoted':
      return `a quoted name ${at}`;
    case 'number':
      return `a number ${at}`;
    case 'param':
      return `a parameter ${at}`;
    default:
      return `'${token.text}' ${at}`;
  }
}
