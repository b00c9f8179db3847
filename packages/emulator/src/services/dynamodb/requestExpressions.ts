import { AwsServiceError } from '../../core/awsJson.js';
import type { Condition, UpdateActions } from './expressionAst.js';
import { ExpressionAttributes } from './expressionAttributes.js';
import { parseCondition, parseProjection, parseUpdate } from './expressionParser.js';
import { type Body, optionalEnum, optionalString } from './members.js';
import { Projection } from './projection.js';

/** The expression members of one request, parsed against its shared `ExpressionAttributeNames`/`Values`. */
export class RequestExpressions {
  readonly attributes: ExpressionAttributes;
  #any = false;

  constructor(private readonly body: Body) {
    this.attributes = new ExpressionAttributes(body.ExpressionAttributeNames, body.ExpressionAttributeValues);
  }

  /** Parses a `ConditionExpression` or `FilterExpression` member when present. */
  condition(member: 'ConditionExpression' | 'FilterExpression'): Condition | undefined {
    const source = optionalString(this.body, member);
    if (source === undefined) return undefined;
    this.#any = true;
    return parseCondition(source, member, this.attributes);
  }

  /** Parses the `ProjectionExpression` member when present. */
  projection(): Projection | undefined {
    const source = optionalString(this.body, 'ProjectionExpression');
    if (source === undefined) return undefined;
    this.#any = true;
    return new Projection(parseProjection(source, this.attributes));
  }

  /** Parses the `UpdateExpression` member when present. */
  update(): UpdateActions | undefined {
    const source = optionalString(this.body, 'UpdateExpression');
    if (source === undefined) return undefined;
    this.#any = true;
    return parseUpdate(source, this.attributes);
  }

  /** Records that an expression member was read elsewhere (Query's `KeyConditionExpression`). */
  markUsed(): void {
    this.#any = true;
  }

  /** Checks, after every expression was parsed, that no name or value was sent in vain. */
  finish(): void {
    this.attributes.assertAllUsed(this.#any);
  }
}

/** `ReturnValues` of PutItem/DeleteItem; AWS validates the enum first, then what the operation supports. */
export function returnValues(body: Body): 'NONE' | 'ALL_OLD' {
  const value = optionalEnum(body, 'ReturnValues', ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
  if (value !== undefined && value !== 'NONE' && value !== 'ALL_OLD') {
    throw new AwsServiceError('ValidationException', 'Return values set to invalid value');
  }
  return value ?? 'NONE';
}

/** A `ConsumedCapacity` member when the request asked for one (`ReturnConsumedCapacity` TOTAL or INDEXES). */
export function consumedCapacity(
  body: Body,
  tableName: string,
  units: number,
  index?: { readonly name: string; readonly global: boolean },
): Record<string, unknown> {
  const mode = optionalEnum(body, 'ReturnConsumedCapacity', ['INDEXES', 'TOTAL', 'NONE']);
  if (mode === undefined || mode === 'NONE') return {};
  const capacity: Record<string, unknown> = { TableName: tableName, CapacityUnits: units };
  if (mode === 'INDEXES') {
    // A read through an index is charged to the index, not to the table.
    capacity.Table = { CapacityUnits: index ? 0 : units };
    if (index) {
      capacity[index.global ? 'GlobalSecondaryIndexes' : 'LocalSecondaryIndexes'] = {
        [index.name]: { CapacityUnits: units },
      };
    }
  }
  return { ConsumedCapacity: capacity };
}

/** `ConsumedCapacity` of a call over several tables (batches, transactions), one entry per table, when asked for. */
export function consumedCapacities(
  body: Body,
  units: ReadonlyMap<string, number>,
  names: readonly string[] = [...units.keys()],
): Record<string, unknown> {
  const entries = names.map((name) => consumedCapacity(body, name, units.get(name) ?? 0).ConsumedCapacity);
  return entries[0] === undefined ? {} : { ConsumedCapacity: entries };
}
