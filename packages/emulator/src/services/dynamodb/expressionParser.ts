import {
  type Comparator,
  type Condition,
  type ConditionFunction,
  type DocumentPath,
  type Operand,
  type UpdateActions,
  type UpdateValue,
  updatePaths,
} from './expressionAst.js';
import type { ExpressionAttributes } from './expressionAttributes.js';
import {
  checkBetween,
  checkDisjointPaths,
  checkDistinct,
  checkFunction,
  checkInList,
  checkSize,
} from './expressionChecks.js';
import { type ExpressionKind, expressionError, type Token, tokenize } from './expressionLexer.js';
import { isReservedWord } from './reservedWords.js';
import { type AttributeValue, typeOf } from './values.js';

const COMPARATORS: readonly string[] = ['=', '<>', '<', '<=', '>', '>='];
const CONDITION_FUNCTIONS: readonly string[] = [
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
];
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);
/** The clauses of an update expression. */
const UPDATE_CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
type UpdateClause = (typeof UPDATE_CLAUSES)[number];
const SET_TYPES = new Set(['SS', 'NS', 'BS']);

/** AWS's limit on the size of any expression member, in UTF-8 bytes. */
const MAX_EXPRESSION_BYTES = 4096;
/** How deeply the emulator lets parentheses nest (AWS's limit for nested documents; its own for parentheses is not documented). */
const MAX_PARENTHESES_DEPTH = 32;

/**
 * Refuses parentheses nested deeper than `MAX_PARENTHESES_DEPTH`, counted in a loop before parsing, so the
 * recursive-descent parser below never recurses deeper than that.
 */
function checkParenthesesDepth(tokens: readonly Token[], kind: ExpressionKind): void {
  let depth = 0;
  for (const token of tokens) {
    if (token.kind !== 'punct') continue;
    if (token.text === '(') depth += 1;
    else if (token.text === ')') depth -= 1;
    if (depth > MAX_PARENTHESES_DEPTH) {
      throw expressionError(kind, `The expression nests parentheses deeper than ${MAX_PARENTHESES_DEPTH} levels;`);
    }
  }
}

/** AWS's answer to a function used where it does not fit: a condition as an operand, or `size` as a condition. */
function misusedFunction(kind: ExpressionKind, name: string): Error {
  return expressionError(kind, `The function is not allowed to be used this way in an expression; function: ${name}`);
}

/** A recursive-descent parser over the tokens of one expression. */
class Parser {
  readonly #tokens: Token[];
  #pos = 0;
  /** Token positions of the `(` and `)` of the group closed last, to tell `((a = :v))` from `((a = :v) OR b)`. */
  #lastGroup = { open: -1, close: -1 };

  constructor(
    readonly source: string,
    readonly kind: ExpressionKind,
    readonly attributes: ExpressionAttributes,
  ) {
    if (source.trim() === '') throw expressionError(kind, 'The expression can not be empty;');
    const bytes = Buffer.byteLength(source, 'utf8');
    if (bytes > MAX_EXPRESSION_BYTES) {
      throw expressionError(kind, `Expression size has exceeded the maximum allowed size; expression size: ${bytes}`);
    }
    this.#tokens = tokenize(source, kind);
    checkParenthesesDepth(this.#tokens, kind);
  }

  get #current(): Token {
    return this.#tokens[this.#pos] as Token;
  }

  #peek(offset = 1): Token | undefined {
    return this.#tokens[this.#pos + offset];
  }

  #next(): Token {
    const token = this.#current;
    if (token.kind !== 'eof') this.#pos += 1;
    return token;
  }

  #isKeyword(word: string): boolean {
    return this.#current.kind === 'name' && this.#current.text.toUpperCase() === word;
  }

  #isPunct(text: string): boolean {
    return this.#current.kind === 'punct' && this.#current.text === text;
  }

  /** A syntax error worded like AWS's: the offending token and the source text around it. */
  syntaxError(): Error {
    const token = this.#current;
    const previous = this.#tokens[this.#pos - 1];
    const near = this.source.slice(previous?.start ?? token.start, token.end).trim();
    return expressionError(this.kind, `Syntax error; token: "${token.text}", near: "${near}"`);
  }

  #expect(text: string): void {
    if (!this.#isPunct(text)) throw this.syntaxError();
    this.#next();
  }

  expectEnd(): void {
    if (this.#current.kind !== 'eof') throw this.syntaxError();
  }

  condition(): Condition {
    let left = this.#and();
    while (this.#isKeyword('OR')) {
      this.#next();
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): Condition {
    let left = this.#not();
    while (this.#isKeyword('AND')) {
      this.#next();
      left = { kind: 'and', left, right: this.#not() };
    }
    return left;
  }

  /** A run of NOTs is counted in a loop: a long chain of them must not be a recursion as deep as the chain. */
  #not(): Condition {
    let negations = 0;
    while (this.#isKeyword('NOT')) {
      this.#next();
      negations += 1;
    }
    let condition = this.#primary();
    for (let i = 0; i < negations; i += 1) condition = { kind: 'not', operand: condition };
    return condition;
  }

  #primary(): Condition {
    if (this.#isPunct('(')) {
      const open = this.#pos;
      this.#next();
      const inner = this.condition();
      const close = this.#pos;
      this.#expect(')');
      // AWS refuses a group whose whole content is another group, and accepts every other use of parentheses,
      // those that change nothing included (`a OR (b AND c)`).
      if (this.#lastGroup.open === open + 1 && this.#lastGroup.close === close - 1) {
        throw expressionError(this.kind, 'The expression has redundant parentheses;');
      }
      this.#lastGroup = { open, close };
      return inner;
    }
    const token = this.#current;
    if (token.kind === 'name' && this.#peek()?.text === '(' && CONDITION_FUNCTIONS.includes(token.text)) {
      const condition = this.#conditionFunction();
      // `attribute_exists(a) = :v`: a condition function where an operand belongs.
      if (this.#atOperator()) throw misusedFunction(this.kind, token.text);
      return condition;
    }
    const operand = this.operand();
    if (this.#current.kind === 'punct' && COMPARATORS.includes(this.#current.text)) {
      const op = this.#next().text as Comparator;
      const right = this.operand();
      checkDistinct(op, operand, right, this.kind);
      return { kind: 'compare', op, left: operand, right };
    }
    if (this.#isKeyword('BETWEEN')) {
      this.#next();
      const low = this.operand();
      if (!this.#isKeyword('AND')) throw this.syntaxError();
      this.#next();
      const high = this.operand();
      checkBetween(low, high, this.kind);
      return { kind: 'between', operand, low, high };
    }
    if (this.#isKeyword('IN')) {
      this.#next();
      this.#expect('(');
      const list = [this.operand()];
      while (this.#isPunct(',')) {
        this.#next();
        list.push(this.operand());
      }
      this.#expect(')');
      checkInList(list, this.kind);
      return { kind: 'in', operand, list };
    }
    // `size(a)` alone: a number where a condition belongs.
    if (operand.kind === 'size') throw misusedFunction(this.kind, 'size');
    throw this.syntaxError();
  }

  /** Whether the current token continues an operand into a condition (a comparator, `BETWEEN` or `IN`). */
  #atOperator(): boolean {
    const token = this.#current;
    return (
      (token.kind === 'punct' && COMPARATORS.includes(token.text)) ||
      this.#isKeyword('BETWEEN') ||
      this.#isKeyword('IN')
    );
  }

  #conditionFunction(): Condition {
    const name = this.#next().text as ConditionFunction;
    const args = this.#arguments();
    checkFunction(name, args, this.kind);
    return { kind: 'function', name, args };
  }

  #arguments(): Operand[] {
    this.#expect('(');
    const args = [this.operand()];
    while (this.#isPunct(',')) {
      this.#next();
      args.push(this.operand());
    }
    this.#expect(')');
    return args;
  }

  operand(): Operand {
    const token = this.#current;
    if (token.kind === 'placeholder') {
      this.#next();
      return { kind: 'value', value: this.attributes.value(token.text, this.kind), placeholder: token.text };
    }
    if (token.kind === 'name' && this.#peek()?.text === '(') {
      if (token.text !== 'size') {
        if (CONDITION_FUNCTIONS.includes(token.text)) throw misusedFunction(this.kind, token.text);
        throw expressionError(this.kind, `Invalid function name; function: ${token.text}`);
      }
      this.#next();
      return { kind: 'size', path: checkSize(this.#arguments(), this.kind) };
    }
    return this.path();
  }

  /** `SET ... REMOVE ... ADD ... DELETE ...`, in any order, each clause at most once. */
  update(): UpdateActions {
    const actions = { set: [], remove: [], add: [], delete: [] } as {
      -readonly [K in keyof UpdateActions]: UpdateActions[K][number][];
    };
    const seen = new Set<UpdateClause>();
    do {
      const clause = this.#clause();
      if (clause === undefined) throw this.syntaxError();
      if (seen.has(clause)) {
        throw expressionError(this.kind, `The "${clause}" section can only be used once in an update expression;`);
      }
      seen.add(clause);
      this.#next();
      for (;;) {
        if (clause === 'SET') actions.set.push(this.#setAction());
        else if (clause === 'REMOVE') actions.remove.push(this.path());
        else {
          const path = this.path();
          const token = this.#current;
          if (token.kind !== 'placeholder') throw this.syntaxError();
          this.#next();
          const value = this.attributes.value(token.text, this.kind);
          const type = typeOf(value);
          if (!(SET_TYPES.has(type) || (clause === 'ADD' && type === 'N'))) {
            throw this.#operandType(clause, value);
          }
          (clause === 'ADD' ? actions.add : actions.delete).push({ path, value });
        }
        if (!this.#isPunct(',')) break;
        this.#next();
      }
    } while (this.#current.kind !== 'eof');
    checkDisjointPaths(updatePaths(actions), this.kind);
    return actions;
  }

  #clause(): UpdateClause | undefined {
    const token = this.#current;
    if (token.kind !== 'name') return undefined;
    const word = token.text.toUpperCase();
    return (UPDATE_CLAUSES as readonly string[]).includes(word) ? (word as UpdateClause) : undefined;
  }

  #operandType(operator: string, value: AttributeValue): Error {
    const names: Record<string, string> = {
      S: 'STRING',
      N: 'NUMBER',
      B: 'BINARY',
      BOOL: 'BOOLEAN',
      NULL: 'NULL',
      M: 'MAP',
      L: 'LIST',
      SS: 'SET',
      NS: 'SET',
      BS: 'SET',
    };
    return expressionError(
      this.kind,
      `Incorrect operand type for operator or function; operator: ${operator}, operand type: ${names[typeOf(value)] ?? typeOf(value)}`,
    );
  }

  #setAction(): UpdateActions['set'][number] {
    const path = this.path();
    this.#expect('=');
    const left = this.#setOperand();
    if (this.#isPunct('+') || this.#isPunct('-')) {
      const op = this.#next().text as '+' | '-';
      const right = this.#setOperand();
      for (const side of [left, right]) {
        if (side.kind === 'operand' && side.operand.kind === 'value' && typeOf(side.operand.value) !== 'N') {
          throw expressionError(
            this.kind,
            `Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${typeOf(side.operand.value)}`,
          );
        }
      }
      return { path, value: { kind: op, left, right } };
    }
    return { path, value: left };
  }

  #setOperand(): UpdateValue {
    const token = this.#current;
    if (token.kind === 'name' && this.#peek()?.text === '(') {
      const name = token.text;
      if (name !== 'if_not_exists' && name !== 'list_append') {
        if (CONDITION_FUNCTIONS.includes(name) || name === 'size') {
          throw expressionError(this.kind, `The function is not allowed in an update expression; function: ${name}`);
        }
        throw expressionError(this.kind, `Invalid function name; function: ${name}`);
      }
      this.#next();
      this.#expect('(');
      const args = [this.#setOperand()];
      while (this.#isPunct(',')) {
        this.#next();
        args.push(this.#setOperand());
      }
      this.#expect(')');
      const [first, second] = args;
      if (args.length !== 2 || first === undefined || second === undefined) {
        throw expressionError(
          this.kind,
          `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
        );
      }
      if (name === 'if_not_exists') {
        if (first.kind !== 'operand' || first.operand.kind !== 'path') {
          throw expressionError(
            this.kind,
            'Operator or function requires a document path; operator or function: if_not_exists',
          );
        }
        return { kind: 'if_not_exists', path: first.operand, fallback: second };
      }
      for (const side of args) {
        if (side.kind === 'operand' && side.operand.kind === 'value' && typeOf(side.operand.value) !== 'L') {
          throw expressionError(
            this.kind,
            `Incorrect operand type for operator or function; operator or function: list_append, operand type: ${typeOf(side.operand.value)}`,
          );
        }
      }
      return { kind: 'list_append', first, second };
    }
    if (token.kind === 'placeholder') {
      this.#next();
      return {
        kind: 'operand',
        operand: { kind: 'value', value: this.attributes.value(token.text, this.kind), placeholder: token.text },
      };
    }
    return { kind: 'operand', operand: this.path() };
  }

  projection(): DocumentPath[] {
    const paths = [this.path()];
    while (this.#isPunct(',')) {
      this.#next();
      paths.push(this.path());
    }
    return paths;
  }

  path(): DocumentPath {
    const elements: (string | number)[] = [this.#pathName()];
    for (;;) {
      if (this.#isPunct('.')) {
        this.#next();
        elements.push(this.#pathName());
      } else if (this.#isPunct('[')) {
        this.#next();
        const index = this.#current;
        if (index.kind !== 'number') throw this.syntaxError();
        this.#next();
        this.#expect(']');
        elements.push(Number.parseInt(index.text, 10));
      } else {
        return { kind: 'path', elements };
      }
    }
  }

  #pathName(): string {
    const token = this.#current;
    if (token.kind === 'alias') {
      this.#next();
      return this.attributes.name(token.text, this.kind);
    }
    if (token.kind !== 'name' || KEYWORDS.has(token.text.toUpperCase())) throw this.syntaxError();
    if (isReservedWord(token.text)) {
      throw expressionError(this.kind, `Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
    }
    this.#next();
    return token.text;
  }
}

/** Parses a key condition, condition or filter expression, resolving aliases and placeholders through `attributes`. */
export function parseCondition(source: string, kind: ExpressionKind, attributes: ExpressionAttributes): Condition {
  const parser = new Parser(source, kind, attributes);
  const condition = parser.condition();
  parser.expectEnd();
  return condition;
}

/** Parses a projection expression: document paths separated by commas. */
export function parseProjection(source: string, attributes: ExpressionAttributes): DocumentPath[] {
  const parser = new Parser(source, 'ProjectionExpression', attributes);
  const paths = parser.projection();
  parser.expectEnd();
  return paths;
}

/** Parses an update expression (`SET`, `REMOVE`, `ADD`, `DELETE` clauses). */
export function parseUpdate(source: string, attributes: ExpressionAttributes): UpdateActions {
  const parser = new Parser(source, 'UpdateExpression', attributes);
  return parser.update();
}
