import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  type ParameterStringFilter,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  type SSMClient,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { describeWithMoto } from './support/moto.js';
import { ssmClient } from './support/ssm.js';

/**
 * Runs one sequence of SDK calls against moto (an independent SSM emulator, when installed) and against ours, and
 * compares the shapes of the answers: member names, member types, error names, and the values of deterministic
 * members such as `Version` and `InvalidLabels`. ARNs, dates and ciphertexts are not compared. Where moto departs from AWS's API reference, the step says so and the difference is ignored.
 */
type Call = (client: SSMClient) => Promise<unknown>;

interface Step {
  readonly name: string;
  readonly call: Call;
  /** Members ignored in the comparison, because moto departs from AWS there (see the step's comment). */
  readonly ignore?: readonly string[];
}

const tagged = { ResourceType: 'Parameter', ResourceId: '/conf/tagged' } as const;
const names11 = Array.from({ length: 11 }, (_, i) => `/conf/n${i}`);

/** A DescribeParameters step. moto leaves out `ARN` and `Policies`, which AWS's ParameterMetadata carries. */
function describeStep(name: string, filters: ParameterStringFilter[]): Step {
  return {
    name,
    call: (c) => c.send(new DescribeParametersCommand({ ParameterFilters: filters })),
    ignore: ['ARN', 'Policies'],
  };
}

/*
 * Left out because moto departs from AWS there (the emulator follows AWS; other tests cover these cases):
 * - moto accepts values over 4096 characters in the Standard tier and ignores AllowedPattern;
 * - moto accepts changing a parameter's type on overwrite (AWS: HierarchyTypeMismatchException);
 * - moto's Label filter of GetParametersByPath matches nothing; AWS returns the labelled versions.
 * - moto answers InvalidResourceType for a ResourceType outside the model's enum, where AWS's validation answers
 *   ValidationException (as the emulator does), and checks neither the tag pattern nor the 50-tag limit.
 * - moto's DescribeParameters matches nothing with a Tier filter, and ignores MaxResults (pages of 10).
 */
const STEPS: readonly Step[] = [
  {
    name: 'put String',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/a', Value: 'v1', Type: 'String' })),
  },
  {
    name: 'put existing',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/a', Value: 'x', Type: 'String' })),
  },
  {
    name: 'overwrite',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/a', Value: 'v2', Overwrite: true })),
  },
  {
    name: 'put SecureString',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/secret', Value: 's3cret', Type: 'SecureString' })),
  },
  {
    name: 'put StringList',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/list', Value: 'a,b', Type: 'StringList' })),
  },
  {
    name: 'put nested',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/nested/deep', Value: 'd', Type: 'String' })),
  },
  { name: 'put without type', call: (c) => c.send(new PutParameterCommand({ Name: '/conf/untyped', Value: 'v' })) },
  {
    name: 'put reserved name',
    call: (c) => c.send(new PutParameterCommand({ Name: 'awsThing', Value: 'v', Type: 'String' })),
  },
  {
    name: 'put empty value',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/empty', Value: '', Type: 'String' })),
  },
  {
    name: 'put advanced with description',
    call: (c) =>
      c.send(
        new PutParameterCommand({ Name: '/conf/adv', Value: 'v', Type: 'String', Tier: 'Advanced', Description: 'd' }),
      ),
  },
  // moto echoes `Intelligent-Tiering`; AWS answers the tier it picked (Standard here), as the emulator does.
  {
    name: 'put intelligent tiering',
    call: (c) =>
      c.send(new PutParameterCommand({ Name: '/conf/it', Value: 'v', Type: 'String', Tier: 'Intelligent-Tiering' })),
    ignore: ['Tier'],
  },
  { name: 'put top level', call: (c) => c.send(new PutParameterCommand({ Name: '/top', Value: 't', Type: 'String' })) },
  { name: 'get top level without slash', call: (c) => c.send(new GetParameterCommand({ Name: 'top' })) },
  { name: 'get latest', call: (c) => c.send(new GetParameterCommand({ Name: '/conf/a' })) },
  // moto leaves out `Selector`, which AWS's GetParameter reference documents for selector requests.
  { name: 'get version', call: (c) => c.send(new GetParameterCommand({ Name: '/conf/a:1' })), ignore: ['Selector'] },
  { name: 'get missing', call: (c) => c.send(new GetParameterCommand({ Name: '/conf/missing' })) },
  { name: 'get missing version', call: (c) => c.send(new GetParameterCommand({ Name: '/conf/a:9' })) },
  {
    name: 'get decrypted',
    call: (c) => c.send(new GetParameterCommand({ Name: '/conf/secret', WithDecryption: true })),
  },
  { name: 'get encrypted', call: (c) => c.send(new GetParameterCommand({ Name: '/conf/secret' })) },
  { name: 'get StringList', call: (c) => c.send(new GetParameterCommand({ Name: '/conf/list' })) },
  {
    name: 'get several',
    call: (c) => c.send(new GetParametersCommand({ Names: ['/conf/a', '/conf/missing', '/conf/a:1'] })),
    ignore: ['Selector'],
  },
  { name: 'get too many', call: (c) => c.send(new GetParametersCommand({ Names: names11 })) },
  { name: 'by path', call: (c) => c.send(new GetParametersByPathCommand({ Path: '/conf' })) },
  {
    name: 'by path recursive',
    call: (c) => c.send(new GetParametersByPathCommand({ Path: '/conf', Recursive: true, WithDecryption: true })),
  },
  {
    name: 'by path first page',
    call: (c) => c.send(new GetParametersByPathCommand({ Path: '/conf', Recursive: true, MaxResults: 1 })),
  },
  {
    name: 'by path max results',
    call: (c) => c.send(new GetParametersByPathCommand({ Path: '/conf', MaxResults: 11 })),
  },
  {
    name: 'by path type filter',
    call: (c) =>
      c.send(
        new GetParametersByPathCommand({
          Path: '/conf',
          ParameterFilters: [{ Key: 'Type', Option: 'Equals', Values: ['SecureString'] }],
        }),
      ),
  },
  {
    name: 'label',
    call: (c) =>
      c.send(new LabelParameterVersionCommand({ Name: '/conf/a', ParameterVersion: 1, Labels: ['blue', '1bad'] })),
  },
  { name: 'get label', call: (c) => c.send(new GetParameterCommand({ Name: '/conf/a:blue' })), ignore: ['Selector'] },
  { name: 'move label', call: (c) => c.send(new LabelParameterVersionCommand({ Name: '/conf/a', Labels: ['blue'] })) },
  {
    name: 'label missing version',
    call: (c) => c.send(new LabelParameterVersionCommand({ Name: '/conf/a', ParameterVersion: 9, Labels: ['x'] })),
  },
  {
    name: 'label to unlabel',
    call: (c) => c.send(new LabelParameterVersionCommand({ Name: '/conf/a', ParameterVersion: 1, Labels: ['green'] })),
  },
  {
    name: 'unlabel',
    call: (c) =>
      c.send(new UnlabelParameterVersionCommand({ Name: '/conf/a', ParameterVersion: 1, Labels: ['green', 'blue'] })),
  },
  { name: 'get unlabelled', call: (c) => c.send(new GetParameterCommand({ Name: '/conf/a:green' })) },
  {
    name: 'unlabel missing version',
    call: (c) => c.send(new UnlabelParameterVersionCommand({ Name: '/conf/a', ParameterVersion: 9, Labels: ['x'] })),
  },

  // moto reports LastModifiedUser as "N/A" (still a string) and omits `Policies`, which AWS always returns.
  { name: 'history', call: (c) => c.send(new GetParameterHistoryCommand({ Name: '/conf/a' })), ignore: ['Policies'] },
  {
    name: 'history SecureString',
    call: (c) => c.send(new GetParameterHistoryCommand({ Name: '/conf/secret', WithDecryption: true })),
    ignore: ['Policies'],
  },
  {
    name: 'history with description',
    call: (c) => c.send(new GetParameterHistoryCommand({ Name: '/conf/adv' })),
    ignore: ['Policies'],
  },
  describeStep('describe one level of a path', [{ Key: 'Path', Values: ['/conf/nested'] }]),
  describeStep('describe a path recursively, SecureStrings only', [
    { Key: 'Path', Option: 'Recursive', Values: ['/conf'] },
    { Key: 'Type', Values: ['SecureString'] },
  ]),
  describeStep('describe names beginning with', [{ Key: 'Name', Option: 'BeginsWith', Values: ['/conf/a'] }]),
  describeStep('describe a top-level name without its slash', [{ Key: 'Name', Values: ['top'] }]),
  describeStep('describe names containing', [{ Key: 'Name', Option: 'Contains', Values: ['ecre'] }]),
  describeStep('describe by label', [{ Key: 'Label', Values: ['blue'] }]),
  describeStep('describe a key twice', [
    { Key: 'Name', Values: ['/conf/a'] },
    { Key: 'Name', Values: ['/conf/adv'] },
  ]),
  describeStep('describe a name without values', [{ Key: 'Name' }]),
  describeStep('describe a bad path option', [{ Key: 'Path', Option: 'Equals', Values: ['/conf'] }]),
  describeStep('describe an aws path', [{ Key: 'Path', Values: ['/aws/service'] }]),
  describeStep('describe a bad key', [{ Key: 'Colour', Values: ['blue'] }]),
  {
    name: 'describe with both kinds of filter',
    call: (c) =>
      c.send(
        new DescribeParametersCommand({
          Filters: [{ Key: 'Type', Values: ['SecureString'] }],
          ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }],
        }),
      ),
  },
  {
    name: 'describe with a deprecated filter',
    call: (c) => c.send(new DescribeParametersCommand({ Filters: [{ Key: 'Type', Values: ['SecureString'] }] })),
    ignore: ['ARN', 'Policies'],
  },
  {
    name: 'label reserved prefixes',
    call: (c) => c.send(new LabelParameterVersionCommand({ Name: '/conf/a', Labels: ['awsLabel', 'ssmLabel', 'ok'] })),
  },
  {
    name: 'put with tags',
    call: (c) =>
      c.send(
        new PutParameterCommand({
          Name: '/conf/tagged',
          Value: 't',
          Type: 'String',
          Tags: [{ Key: 'team', Value: 'core' }],
        }),
      ),
  },
  { name: 'list tags', call: (c) => c.send(new ListTagsForResourceCommand(tagged)) },
  {
    name: 'add tags',
    call: (c) =>
      c.send(
        new AddTagsToResourceCommand({
          ...tagged,
          Tags: [
            { Key: 'team', Value: 'platform' },
            { Key: 'env', Value: 'prod' },
          ],
        }),
      ),
  },
  { name: 'list added tags', call: (c) => c.send(new ListTagsForResourceCommand(tagged)) },
  describeStep('describe by tag', [{ Key: 'tag:env', Values: ['prod'] }]),
  describeStep('describe by tag key', [{ Key: 'tag:team' }]),
  {
    name: 'overwrite keeps tags',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/tagged', Value: 't2', Overwrite: true })),
  },
  { name: 'list tags after overwrite', call: (c) => c.send(new ListTagsForResourceCommand(tagged)) },
  {
    name: 'remove tags',
    call: (c) => c.send(new RemoveTagsFromResourceCommand({ ...tagged, TagKeys: ['team', 'absent'] })),
  },
  { name: 'list remaining tags', call: (c) => c.send(new ListTagsForResourceCommand(tagged)) },
  {
    name: 'list tags untagged',
    call: (c) => c.send(new ListTagsForResourceCommand({ ...tagged, ResourceId: '/conf/a' })),
  },
  {
    name: 'tags with overwrite',
    call: (c) =>
      c.send(
        new PutParameterCommand({
          Name: '/conf/tagged',
          Value: 'x',
          Overwrite: true,
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      ),
  },
  {
    name: 'add tags missing',
    call: (c) =>
      c.send(new AddTagsToResourceCommand({ ...tagged, ResourceId: '/conf/none', Tags: [{ Key: 'k', Value: 'v' }] })),
  },
  {
    name: 'list tags missing',
    call: (c) => c.send(new ListTagsForResourceCommand({ ...tagged, ResourceId: '/conf/none' })),
  },
  {
    name: 'remove tags missing',
    call: (c) => c.send(new RemoveTagsFromResourceCommand({ ...tagged, ResourceId: '/conf/none', TagKeys: ['k'] })),
  },
  {
    name: 'list tags of a managed instance',
    call: (c) => c.send(new ListTagsForResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: 'mi-0123' })),
  },
  { name: 'delete tagged', call: (c) => c.send(new DeleteParameterCommand({ Name: '/conf/tagged' })) },
  {
    name: 'recreate untagged',
    call: (c) => c.send(new PutParameterCommand({ Name: '/conf/tagged', Value: 'n', Type: 'String' })),
  },
  { name: 'list tags of recreated', call: (c) => c.send(new ListTagsForResourceCommand(tagged)) },
  { name: 'history missing', call: (c) => c.send(new GetParameterHistoryCommand({ Name: '/conf/missing' })) },
  { name: 'delete', call: (c) => c.send(new DeleteParameterCommand({ Name: '/conf/list' })) },
  { name: 'delete missing', call: (c) => c.send(new DeleteParameterCommand({ Name: '/conf/list' })) },
  {
    name: 'delete several',
    call: (c) => c.send(new DeleteParametersCommand({ Names: ['/conf/nested/deep', '/conf/missing'] })),
  },
];

/**
 * Members compared by value as well as type: they are deterministic in both emulators. Values, ciphertexts, ARNs
 * and dates are not.
 */
const VALUE_MEMBERS = new Set([
  'Name',
  'Type',
  'Version',
  'ParameterVersion',
  'Tier',
  'DataType',
  'Labels',
  'InvalidLabels',
  'InvalidParameters',
  'DeletedParameters',
  'TagList',
]);

/** What an answer looks like: member names and types (and values of `VALUE_MEMBERS`), or the error's name. */
function shape(value: unknown, ignore: readonly string[]): unknown {
  if (value instanceof Date) return 'Date';
  // AWS documents no order for listings, so lists are compared as sorted sets.
  if (Array.isArray(value)) return value.map((item) => shape(item, ignore)).sort(byJson);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([key, member]) => key !== '$metadata' && !ignore.includes(key) && member !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, member]) => [key, VALUE_MEMBERS.has(key) ? member : shape(member, ignore)]);
    return Object.fromEntries(entries);
  }
  return typeof value;
}

function byJson(a: unknown, b: unknown): number {
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

async function outcome(step: Step, client: SSMClient): Promise<unknown> {
  try {
    return shape(await step.call(client), step.ignore ?? []);
  } catch (error) {
    return { error: (error as Error).name };
  }
}

describeWithMoto('SSM conformance with moto', (moto) => {
  let motoClient: SSMClient;
  let emulator: RunningEmulator;
  let emulatorClient: SSMClient;

  beforeAll(async () => {
    motoClient = ssmClient(moto.endpoint);
    emulator = await startEmulator();
    emulatorClient = ssmClient(emulator.endpoint);
  });

  afterAll(async () => {
    motoClient?.destroy();
    emulatorClient?.destroy();
    await emulator?.stop();
  });

  it('answers the same sequence of SDK calls with the same shapes and errors as moto', async () => {
    const differences: string[] = [];
    const onMoto: Record<string, unknown> = {};
    for (const step of STEPS) {
      const expected = await outcome(step, motoClient);
      const actual = await outcome(step, emulatorClient);
      onMoto[step.name] = expected;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(
          `${step.name}:\n  moto:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`,
        );
      }
    }
    // Guard against a vacuous pass (every step failing the same way on both sides): the sequence must have
    // succeeded and failed where intended.
    expect(onMoto['get latest']).toMatchObject({ Parameter: { Name: '/conf/a', Version: 2 } });
    expect(onMoto['get missing']).toEqual({ error: 'ParameterNotFound' });
    expect(onMoto['put existing']).toEqual({ error: 'ParameterAlreadyExists' });
    expect(onMoto['list remaining tags']).toEqual({ TagList: [{ Key: 'env', Value: 'prod' }] });
    expect(onMoto['list tags missing']).toEqual({ error: 'InvalidResourceId' });
    expect(onMoto['describe by tag']).toMatchObject({ Parameters: [{ Name: '/conf/tagged' }] });
    expect(onMoto['describe a path recursively, SecureStrings only']).toMatchObject({
      Parameters: [{ Name: '/conf/secret' }],
    });
    expect(differences.join('\n')).toBe('');
  });
});
