import { AwsServiceError } from '../../../core/awsJson.js';
import { constraintViolation } from '../../../core/members.js';
import { readUnits } from '../items.js';
import {
  type Body,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalList,
  optionalString,
  required,
  structure,
} from '../members.js';
import { consumedCapacities, consumedCapacity } from '../requestExpressions.js';
import type { TableStore } from '../tables.js';
import { type AttributeValue, canonicalValue, type Item, itemSize } from '../values.js';
import { applyWrite, getOne, type PlannedWrite, planWrite, select, targetOf, type WriteStatement } from './execute.js';
import { parseStatement, type SelectStatement, type Statement } from './parse.js';

// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: DynamoDB's PartiQL operations.

const MAX_BATCH = 25;
const MAX_TRANSACTION = 100;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** A statement with its parameters (the members ExecuteStatement and the batch and transaction entries share). */
function statementOf(body: Body, path: string): Statement {
  const source = required(body, 'Statement', optionalString);
  if (source.length < 1)
    throw constraintViolation(`${path}statement`, 'Member must have length greater than or equal to 1', "''");
  const raw = optionalList(body, 'Parameters');
  if (raw !== undefined && raw.length === 0) {
    throw constraintViolation(`${path}parameters`, 'Member must have length greater than or equal to 1', "'[]'");
  }
  const parameters: AttributeValue[] = (raw ?? []).map((value, i) => canonicalValue(value, `Parameters[${i}]`));
  return parseStatement(source, parameters);
}

function returnOldOnFailure(body: Body): boolean {
  return optionalEnum(body, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE']) === 'ALL_OLD';
}

/** ExecuteStatement: one SELECT (paged by `Limit` and `NextToken`) or one write. */
export function executeStatement(store: TableStore, body: Body): unknown {
  const statement = statementOf(body, '');
  const consistent = optionalBoolean(body, 'ConsistentRead') === true;
  const limit = optionalInteger(body, 'Limit', 1);
  const nextToken = optionalString(body, 'NextToken');
  const returnOld = returnOldOnFailure(body);
  refuseExists(statement);
  if (statement.kind === 'select') {
    const outcome = select(store, statement, limit, nextToken, consistent);
    return {
      Items: outcome.items,
      ...(outcome.nextToken === undefined ? {} : { NextToken: outcome.nextToken }),
      ...consumedCapacity(body, outcome.table.schema.name, readUnits(outcome.units, consistent)),
    };
  }
  const write = planWrite(store, statement, returnOld);
  const units = applyWrite(write);
  return { Items: write.answer, ...consumedCapacity(body, write.table.schema.name, units) };
}

/** The code a batch answer gives an error, from the exception a statement failed with. */
const BATCH_CODES: Record<string, string> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ValidationException: 'ValidationError',
  ResourceNotFoundException: 'ResourceNotFound',
};

function statements(body: Body, member: string, max: number): Body[] {
  const list = required(body, member, optionalList);
  const path = `${member.charAt(0).toLowerCase()}${member.slice(1)}`;
  if (list.length < 1) throw constraintViolation(path, 'Member must have length greater than or equal to 1', "'[]'");
  if (list.length > max) throw constraintViolation(path, `Member must have length less than or equal to ${max}`);
  return list.map(structure);
}

/** EXISTS is a transaction's condition check: nothing else runs it. */
function refuseExists(statement: Statement): void {
  if (statement.kind === 'exists') throw invalid('EXISTS can only be used in a transaction (ExecuteTransaction)');
}

/** Whether every statement reads; a mix of reads and writes is refused (an EXISTS goes with writes). */
function allReadsOrWrites(parsed: readonly Statement[], what: string): boolean {
  const reads = parsed.filter((statement) => statement.kind === 'select').length;
  if (reads !== 0 && reads !== parsed.length) throw invalid(`${what} must contain either all reads or all writes`);
  return reads === parsed.length;
}

/**
 * BatchExecuteStatement: up to 25 statements, all reads (each one item by its key) or all writes, each answered
 * on its own: a failed one gets an `Error` and the others still run, as on AWS.
 */
export function batchExecuteStatement(store: TableStore, body: Body): unknown {
  const entries = statements(body, 'Statements', MAX_BATCH);
  // A statement that does not parse fails the whole batch: every one is read before any runs.
  const parsed = entries.map((entry, i) => statementOf(entry, `statements.${i + 1}.member.`));
  for (const statement of parsed) refuseExists(statement);
  allReadsOrWrites(parsed, 'Batch');
  const units = new Map<string, number>();
  const responses = parsed.map((statement, i) => {
    const entry = entries[i] as Body;
    try {
      if (statement.kind === 'select') {
        const { table, item } = getOne(store, statement);
        const name = table.schema.name;
        const size = item === undefined ? 0 : itemSize(item);
        units.set(name, (units.get(name) ?? 0) + readUnits(size, optionalBoolean(entry, 'ConsistentRead') === true));
        return { TableName: name, ...(item === undefined ? {} : { Item: item }) };
      }
      const write = planWrite(store, statement, returnOldOnFailure(entry));
      const name = write.table.schema.name;
      units.set(name, (units.get(name) ?? 0) + applyWrite(write));
      return { TableName: name };
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      const item = (error.extra as { Item?: Item } | undefined)?.Item;
      return {
        TableName: statement.table,
        Error: {
          Code: BATCH_CODES[error.code] ?? 'ValidationError',
          Message: error.message,
          ...(item ? { Item: item } : {}),
        },
      };
    }
  });
  return { Responses: responses, ...consumedCapacities(body, units) };
}

/**
 * ExecuteTransaction: up to 100 statements, all reads or all writes. Writes are checked against the items as they
 * are and applied all or none; a failed one cancels the transaction with a reason per statement.
 */
export function executeTransaction(store: TableStore, body: Body): unknown {
  const entries = statements(body, 'TransactStatements', MAX_TRANSACTION);
  optionalString(body, 'ClientRequestToken');
  const parsed = entries.map((entry, i) => statementOf(entry, `transactStatements.${i + 1}.member.`));
  const reads = allReadsOrWrites(parsed, 'Transaction');
  const units = new Map<string, number>();
  const count = (name: string, amount: number) => units.set(name, (units.get(name) ?? 0) + amount);
  if (reads) {
    const responses = parsed.map((statement) => {
      const { table, item } = getOne(store, statement as SelectStatement);
      count(table.schema.name, 2 * readUnits(item === undefined ? 0 : itemSize(item), true));
      return item === undefined ? {} : { Item: item };
    });
    return { Responses: responses, ...consumedCapacities(body, units) };
  }
  const writes = parsed as WriteStatement[];
  // What needs no stored item is checked first, for every statement: such a failure is the request's.
  const seen = new Set<string>();
  for (const statement of writes) {
    const { table, key } = targetOf(store, statement);
    const identity = `${table.schema.name}\u0000${table.identity(key)}`;
    if (seen.has(identity)) throw invalid('Transaction request cannot include multiple operations on one item');
    seen.add(identity);
  }
  const outcomes = writes.map((statement, i): PlannedWrite | AwsServiceError => {
    try {
      return planWrite(store, statement, returnOldOnFailure(entries[i] as Body));
    } catch (error) {
      if (!(error instanceof AwsServiceError) || error.code === 'ResourceNotFoundException') throw error;
      return error;
    }
  });
  if (outcomes.some((outcome) => outcome instanceof AwsServiceError)) {
    const reasons = outcomes.map((outcome) => {
      if (!(outcome instanceof AwsServiceError)) return { Code: 'None' };
      const item = (outcome.extra as { Item?: Item } | undefined)?.Item;
      return {
        Code: BATCH_CODES[outcome.code] ?? 'ValidationError',
        Message: outcome.message,
        ...(item ? { Item: item } : {}),
      };
    });
    throw new AwsServiceError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      400,
      { CancellationReasons: reasons },
    );
  }
  for (const write of outcomes as PlannedWrite[]) count(write.table.schema.name, 2 * applyWrite(write));
  return { Responses: [], ...consumedCapacities(body, units) };
}
