import { AwsServiceError, jsonErrorResponse, jsonResponse, jsonTarget, parseJsonBody } from '../core/awsJson.js';
import { RequestMembers } from '../core/members.js';
import type { EmulatedService, EmulatorRequest, EmulatorResponse, ServiceContext } from '../core/types.js';
import { getParametersByPath } from './ssm/byPath.js';
import { describeParameters } from './ssm/describe.js';
import type { ParameterType, RequestedTier } from './ssm/model.js';
import { parseNameReference } from './ssm/names.js';
import type { PutParameterInput } from './ssm/putRules.js';
import { getParameter, getParameterHistory, getParameters } from './ssm/readOperations.js';
import type { SecretsSource } from './ssm/secretsReference.js';
import { type ParsedSeedParameter, parseSsmSeed } from './ssm/seed.js';
import { ParameterStore } from './ssm/store.js';
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './ssm/tags.js';
import {
  deleteParameter,
  deleteParameters,
  labelParameterVersion,
  putParameter,
  unlabelParameterVersion,
} from './ssm/writeOperations.js';

export type { ParameterTier, ParameterType, RequestedTier } from './ssm/model.js';
export type { SsmSeed, SsmSeedParameter } from './ssm/seed.js';

type OperationHandler = (
  members: RequestMembers,
  store: ParameterStore,
  context: ServiceContext,
  secrets: SecretsSource | undefined,
) => unknown;

/** The Parameter Store operations the emulator speaks, by their `X-Amz-Target` name. */
const OPERATIONS: ReadonlyMap<string, OperationHandler> = new Map(
  Object.entries({
    GetParameter: getParameter,
    GetParameters: getParameters,
    GetParametersByPath: getParametersByPath,
    GetParameterHistory: getParameterHistory,
    DescribeParameters: describeParameters,
    PutParameter: putParameter,
    DeleteParameter: deleteParameter,
    DeleteParameters: deleteParameters,
    LabelParameterVersion: labelParameterVersion,
    UnlabelParameterVersion: unlabelParameterVersion,
    AddTagsToResource: addTagsToResource,
    RemoveTagsFromResource: removeTagsFromResource,
    ListTagsForResource: listTagsForResource,
  } satisfies Record<string, OperationHandler>),
);

/**
 * SSM's errors whose model spells their message `Message`; the others spell it `message` (or declare no members,
 * and carry the `message` every AWS JSON error has). The SDK reads either, but other clients read the model's.
 */
const CAPITALISED_MESSAGE: ReadonlySet<string> = new Set([
  'InvalidFilterValue',
  'InvalidNextToken',
  'InternalServerError',
  'TooManyUpdates',
]);

/** Input of `SsmService.putParameter`; like PutParameter, but `type` defaults to `String` and `overwrite` to `true`. */
export interface SsmPutParameterInput {
  name: string;
  value: string;
  /** @default the existing parameter's type, else 'String' */
  type?: ParameterType;
  /** @default true */
  overwrite?: boolean;
  description?: string;
  keyId?: string;
  tier?: RequestedTier;
  dataType?: string;
  allowedPattern?: string;
}

/**
 * SSM Parameter Store over the AWS JSON 1.1 protocol (`X-Amz-Target: AmazonSSM.<Operation>`), with a programmatic
 * API for setting up and inspecting parameters in tests. Errors carry AWS's codes, so the SDK raises the same
 * exception classes (`ParameterNotFound`, `ParameterAlreadyExists`, ...) it raises against AWS.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator();
 * emulator.ssm.putParameter({ name: '/app/db/password', value: 's3cret', type: 'SecureString' });
 * emulator.ssm.labelVersion('/app/db/password', 1, ['prod']);
 * emulator.ssm.getParameterValue('/app/db/password:prod'); // 's3cret'
 * ```
 */
export class SsmService implements EmulatedService {
  readonly name = 'ssm';
  readonly seedKeys: readonly string[] = ['ssm'];
  #store = new ParameterStore();

  /**
   * @param context the emulator's clock, region and account.
   * @param secrets where `/aws/reference/secretsmanager/` names are read; such reads are `ParameterNotFound`
   *   without it.
   */
  constructor(
    private readonly context: ServiceContext,
    private readonly secrets?: SecretsSource,
  ) {}

  /** Claims `AmazonSSM.*` requests for the operations above; other SSM operations fall through as unknown. */
  route(request: EmulatorRequest): string | undefined {
    const operation = jsonTarget(request, 'AmazonSSM');
    return operation !== undefined && OPERATIONS.has(operation) ? operation : undefined;
  }

  implementsOperation(operation: string): boolean {
    return OPERATIONS.has(operation);
  }

  handle(operation: string, request: EmulatorRequest): EmulatorResponse {
    const handler = OPERATIONS.get(operation);
    if (!handler) throw new AwsServiceError('UnknownOperationException', `Unknown operation AmazonSSM.${operation}.`);
    const body = parseJsonBody(request);
    return jsonResponse(handler(new RequestMembers(body), this.#store, this.context, this.secrets));
  }

  errorResponse(error: AwsServiceError): EmulatorResponse {
    return jsonErrorResponse(error, undefined, CAPITALISED_MESSAGE.has(error.code) ? 'Message' : 'message');
  }

  /**
   * Loads the `ssm` section of a seed (see `SsmSeed`). A seeded parameter replaces any existing one of that name,
   * so loading the same seed twice gives the same state. All-or-nothing: a bad entry leaves the store unchanged.
   */
  load(seed: unknown): void {
    const parameters = parseSsmSeed(seed);
    const staged = this.#store.clone();
    for (const parameter of parameters) seedParameter(staged, parameter, this.context.now());
    this.#store = staged;
  }

  reset(): void {
    this.#store.clear();
  }

  /**
   * Creates or updates a parameter under PutParameter's rules; returns the new version number.
   * @throws TypeError for an `aws:ec2:image` value that is not an AMI id, which AWS would accept and then drop.
   */
  putParameter(input: SsmPutParameterInput): number {
    const existing = this.#store.get(input.name);
    const request: PutParameterInput = {
      ...input,
      type: input.type ?? (existing ? undefined : 'String'),
      overwrite: input.overwrite ?? true,
    };
    const { version, stored } = this.#store.put(request, this.context.now());
    if (!stored) throw new TypeError(`putParameter(${JSON.stringify(input.name)}): ${NOT_AN_AMI}`);
    return version.version;
  }

  /** The plaintext value of a parameter (`/name`, `/name:3` or `/name:label`), or `undefined` when not found. */
  getParameterValue(name: string): string | undefined {
    const reference = parseNameReference(name, this.context.region, this.context.accountId);
    if (!reference) return undefined;
    try {
      return this.#store.select(reference).version.value;
    } catch (error) {
      if (error instanceof AwsServiceError) return undefined;
      throw error;
    }
  }

  /**
   * Attaches labels to a version (the latest when `version` is omitted); returns the labels AWS would reject. A
   * version that is not a whole number is refused as LabelParameterVersion refuses one.
   */
  labelVersion(name: string, version: number | undefined, labels: readonly string[]): string[] {
    const checked = new RequestMembers({ ParameterVersion: version }).optionalInteger('ParameterVersion', {}, 'Long');
    return this.#store.label(name, checked, labels).invalidLabels;
  }

  /** A parameter's tags as `{ key: value }`, or `undefined` when there is no such parameter. */
  getTags(name: string): Record<string, string> | undefined {
    const parameter = this.#store.get(name);
    return parameter && Object.fromEntries(parameter.tags);
  }

  /** Deletes a parameter with its history; `false` when it did not exist. */
  deleteParameter(name: string): boolean {
    return this.#store.delete(name);
  }

  /** Names of all parameters, in the order GetParametersByPath returns them. */
  listNames(): string[] {
    return this.#store.list().map((parameter) => parameter.name);
  }
}

// Set-up code gets an error where the API, like AWS, answers success and never stores the value.
const NOT_AN_AMI =
  'an aws:ec2:image value must be an AMI id (ami- and 8 or 17 hex digits); AWS accepts the request, then drops the value';

function seedParameter(store: ParameterStore, parameter: ParsedSeedParameter, now: number): void {
  const { path, name, versions, labels, ...settings } = parameter;
  try {
    store.delete(name);
    for (const value of versions) {
      const { stored } = store.put({ ...settings, name, value, overwrite: true }, now);
      if (!stored) throw new TypeError(`${path}: ${NOT_AN_AMI}`);
    }
    const invalid = labels === undefined ? [] : store.label(name, undefined, labels).invalidLabels;
    if (invalid.length > 0) throw new TypeError(`${path}.labels: invalid label(s) ${invalid.join(', ')}`);
  } catch (error) {
    if (error instanceof AwsServiceError) throw new TypeError(`${path}: ${error.message}`);
    throw error;
  }
}
