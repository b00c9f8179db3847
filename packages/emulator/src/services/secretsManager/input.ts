import { type Body, type Bounds, RequestMembers } from '../../core/members.js';

// Secrets Manager's operations read their members through the emulator's one request reader (`core/members.ts`);
// these helpers keep the call sites short. Wrong JSON types are `SerializationException`s, constraint failures
// `ValidationException`s, both in AWS's wording.

export { checkLength, memberPath } from '../../core/members.js';

/** A parsed JSON request body. */
export type Input = Body;

/** Length bounds of a string member, as in the service model. */
export type LengthRule = Bounds;

/** Reads a required string member; a missing one is a `ValidationException` naming it. */
export function requireString(input: Input, member: string, rule: LengthRule = {}): string {
  return new RequestMembers(input).requiredString(member, rule);
}

/** Reads an optional string member. */
export function optionalString(input: Input, member: string, rule: LengthRule = {}): string | undefined {
  return new RequestMembers(input).optionalString(member, rule);
}

/** Reads an optional whole-number member within `[min, max]`. */
export function optionalInteger(input: Input, member: string, min: number, max: number): number | undefined {
  return new RequestMembers(input).optionalInteger(member, { min, max });
}

/** Reads an optional boolean member. */
export function optionalBoolean(input: Input, member: string): boolean | undefined {
  return new RequestMembers(input).optionalBoolean(member);
}

/** Reads an optional list of strings with bounds on the list and on each item. */
export function optionalStringList(
  input: Input,
  member: string,
  list: LengthRule,
  item: LengthRule,
): string[] | undefined {
  return new RequestMembers(input).optionalStringList(member, list, item);
}

/** Reads a required list of strings with bounds on the list and on each item. */
export function requireStringList(input: Input, member: string, list: LengthRule, item: LengthRule): string[] {
  return new RequestMembers(input).requiredStringList(member, list, item);
}
