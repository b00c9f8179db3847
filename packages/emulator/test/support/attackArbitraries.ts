import fc from 'fast-check';

// Generators of hostile requests for the emulator's attack suite: bodies built from the members the services read,
// filled with arbitrary JSON, wrong types, huge and deep values; targets, paths, methods and headers, real and random.

/** A marker put in every seeded value: it must never appear in an error answer or a log line. */
export const MARKER = 'SEEDMARK7Q';

/** The operations each JSON service speaks (plus names that are not operations). */
export const TARGETS: Readonly<Record<string, readonly string[]>> = {
  AmazonSSM: [
    'GetParameter',
    'GetParameters',
    'GetParametersByPath',
    'GetParameterHistory',
    'DescribeParameters',
    'PutParameter',
    'DeleteParameter',
    'DeleteParameters',
    'LabelParameterVersion',
    'UnlabelParameterVersion',
    'AddTagsToResource',
    'RemoveTagsFromResource',
    'ListTagsForResource',
  ],
  secretsmanager: [
    'BatchGetSecretValue',
    'CreateSecret',
    'DeleteSecret',
    'DescribeSecret',
    'GetSecretValue',
    'GetRandomPassword',
    'ListSecrets',
    'ListSecretVersionIds',
    'PutSecretValue',
    'RestoreSecret',
    'UpdateSecret',
    'UpdateSecretVersionStage',
    'RotateSecret',
    'CancelRotateSecret',
    'TagResource',
    'UntagResource',
    'PutResourcePolicy',
    'GetResourcePolicy',
    'DeleteResourcePolicy',
  ],
  DynamoDB_20120810: [
    'CreateTable',
    'DescribeTable',
    'DeleteTable',
    'ListTables',
    'PutItem',
    'GetItem',
    'DeleteItem',
    'UpdateItem',
    'BatchGetItem',
    'BatchWriteItem',
    'TransactGetItems',
    'TransactWriteItems',
    'Query',
    'Scan',
    'UpdateTable',
    'DescribeLimits',
    'ExecuteStatement',
    'BatchExecuteStatement',
    'ExecuteTransaction',
    'UpdateTimeToLive',
    'DescribeTimeToLive',
    'TagResource',
    'UntagResource',
    'ListTagsOfResource',
  ],
};

const NOT_OPERATIONS = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  'SendCommand',
  'ExecuteStatement',
];

/** The members the services read, so random bodies reach validation and the operations, not only the parser. */
const MEMBERS = [
  'Name',
  'Names',
  'Value',
  'Type',
  'Overwrite',
  'WithDecryption',
  'Path',
  'Recursive',
  'MaxResults',
  'NextToken',
  'ParameterFilters',
  'Labels',
  'ParameterVersion',
  'AllowedPattern',
  'Tier',
  'DataType',
  'KeyId',
  'Tags',
  'Description',
  'SecretId',
  'SecretString',
  'SecretBinary',
  'VersionId',
  'VersionStage',
  'VersionStages',
  'ClientRequestToken',
  'SecretIdList',
  'Filters',
  'IncludeDeprecated',
  'IncludePlannedDeletion',
  'SortOrder',
  'RecoveryWindowInDays',
  'ForceDeleteWithoutRecovery',
  'MoveToVersionId',
  'RemoveFromVersionId',
  'RotationRules',
  'RotateImmediately',
  'PasswordLength',
  'ExcludeCharacters',
  'IncludeSpace',
  'RotationLambdaARN',
  'TableName',
  'RequestItems',
  'TransactItems',
  'Key',
  'Item',
  'KeySchema',
  'AttributeDefinitions',
  'BillingMode',
  'ProvisionedThroughput',
  'ConditionExpression',
  'UpdateExpression',
  'KeyConditionExpression',
  'FilterExpression',
  'ProjectionExpression',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
  'Limit',
  'ExclusiveStartKey',
  'ScanIndexForward',
  'Segment',
  'TotalSegments',
  'ReturnValues',
  'Select',
  'ConsistentRead',
  'KeyConditions',
  'ReturnValuesOnConditionCheckFailure',
  'ReturnConsumedCapacity',
  'ApplicationIdentifier',
  'EnvironmentIdentifier',
  'ConfigurationProfileIdentifier',
  'RequiredMinimumPollIntervalInSeconds',
];

/** Names that exist in the seed, so some requests find real data and exercise the success paths too. */
export const SEEDED_NAMES = ['/app/db', '/app/secure', 'app/db', 'things', 'shop', 'prod', 'flags'];

const deep = fc
  .tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('{"a":', '[', '{"M":{"a":', '{"L":['))
  .map(([depth, open]) => {
    const close = { '{"a":': '}', '[': ']', '{"M":{"a":': '}}', '{"L":[': ']}' }[open] ?? '';
    return JSON.parse(`${open.repeat(depth)}1${close.repeat(depth)}`) as unknown;
  });

const expression = fc
  .array(
    fc.constantFrom(
      'id',
      '#n',
      ':v',
      '=',
      '<>',
      '<',
      'AND',
      'OR',
      'NOT',
      '(',
      ')',
      'BETWEEN',
      'IN',
      ',',
      '.',
      '[0]',
      'size(',
      'attribute_exists(',
      'begins_with(',
      'contains(',
      'attribute_type(',
      'constructor',
      '__proto__',
      ':',
      '#',
      'SET',
      'REMOVE',
      'ADD',
      'DELETE',
      '+',
      '-',
      'if_not_exists(',
      'list_append(',
      '[99999999999999999999]',
    ),
    { maxLength: 40 },
  )
  .map((tokens) => tokens.join(' '));

const attributeValue = fc.oneof(
  fc.record({ S: fc.oneof(fc.string(), fc.constant('FUZZ-VALUE')) }),
  fc.record({ N: fc.oneof(fc.constantFrom('1', '1e400', '-0', '1.50', 'NaN', ''), fc.string()) }),
  fc.record({ B: fc.string() }),
  fc.record({ SS: fc.array(fc.string(), { maxLength: 3 }) }),
  fc.record({ NULL: fc.jsonValue({ maxDepth: 1 }) }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Any value a member may be given: plausible, wrong-typed, huge or deep. */
const memberValue = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SEEDED_NAMES, '/aws/reference/secretsmanager/app/db', 'AWSCURRENT') },
  { weight: 2, arbitrary: expression },
  {
    weight: 2,
    arbitrary: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('id', '#n', ':v', '__proto__')), attributeValue, {
      maxKeys: 3,
    }),
  },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom('^(a+)+$', '(?=x)', '(', '\\', '[z-a]', `${'a'.repeat(40)}!`) },
  { weight: 1, arbitrary: fc.double() },
);

/** A JSON body: members the services know with arbitrary values, or anything at all. */
export const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.dictionary(fc.constantFrom(...MEMBERS), memberValue, { maxKeys: 6 }).map((b) => JSON.stringify(b)),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"Name":', 'null', '[]', '{"__proto__":{"Name":"/app/db"}}') },
);

/** An `X-Amz-Target`: a real operation, a prototype member, or random text. */
export const target = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(...Object.keys(TARGETS))
      .chain((prefix) => fc.constantFrom(...(TARGETS[prefix] ?? []), ...NOT_OPERATIONS).map((op) => `${prefix}.${op}`)),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...Object.keys(TARGETS)).map((p) => `${p}.`) },
);

/** A request path: the services' own, the admin routes that cannot change faults or state, odd and random ones. */
export const path = fc.oneof(
  { weight: 4, arbitrary: fc.constant('/') },
  { weight: 2, arbitrary: fc.constantFrom('/configurationsessions', '/configuration') },
  {
    weight: 2,
    arbitrary: fc
      .string({ maxLength: 60 })
      .map((token) => `/configuration?configuration_token=${encodeURIComponent(token)}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '//',
      '///x',
      '/%zz',
      '/?%',
      '/_paramkit/health',
      '/_paramkit/requests',
      '/_paramkit/seed',
      '*',
    ),
  },
  { weight: 2, arbitrary: fc.webPath() },
);

/** An HTTP method, including ones no service speaks. */
export const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant('POST') },
  { weight: 3, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') },
  { weight: 1, arbitrary: fc.constantFrom('PROPFIND', 'FOO', 'TRACE') },
);

/** Content types, right and wrong. */
export const contentType = fc.constantFrom(
  'application/x-amz-json-1.1',
  'application/x-amz-json-1.0',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
);

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const seededKey = fc.record({ id: fc.record({ S: fc.oneof(fc.constant('app/db'), fc.string({ maxLength: 8 })) }) });
const versionSelector = fc.oneof(
  fc.constantFrom('AWSCURRENT', 'AWSPREVIOUS', 'AWSPENDING', '1', '2', 'prod', ''),
  fc.uuid(),
  fc.string({ maxLength: 70 }),
);

/** PartiQL statements on the seeded tables, whole or cut short, with random text spliced in. */
const partiqlStatement = fc.oneof(
  fc.constantFrom(
    `SELECT * FROM things WHERE id = 'app/db'`,
    `SELECT secret, id FROM "things" WHERE id = ? OR begins_with(secret, 'x')`,
    `SELECT * FROM indexed."byOwner" WHERE owner = ?`,
    `INSERT INTO things VALUE {'id': ?, 'n': 1, 'l': [1, 'a', {'m': <<'s'>>}]}`,
    `UPDATE things SET n = n + 1 SET l = list_append(l, [2]) REMOVE x WHERE id = ? RETURNING ALL NEW *`,
    `UPDATE things SET s = set_add(s, <<'a'>>) WHERE id = 'app/db' AND attribute_type(s, 'SS')`,
    `DELETE FROM things WHERE id = ? AND n BETWEEN 1 AND 3 RETURNING ALL OLD *`,
    `SELECT * FROM things WHERE id = 'a' ORDER BY id DESC`,
    `SELECT * FROM things WHERE id IN ['app/db', ?, 'x'] AND n > 1 ORDER BY id DESC, n`,
    `EXISTS(SELECT * FROM things WHERE id = ? AND n >= 1)`,
    `SELECT * FROM indexed."byOwner" WHERE owner = 'o' AND begins_with(id, ?)`,
  ),
  fc
    .tuple(
      fc.constantFrom(
        `SELECT * FROM things WHERE `,
        `UPDATE things SET `,
        `INSERT INTO things VALUE `,
        'DELETE FROM ',
        'EXISTS(SELECT * FROM things WHERE ',
        `SELECT * FROM things WHERE id = 'a' ORDER BY `,
      ),
      fc.string({ maxLength: 40 }),
    )
    .map(([start, rest]) => start + rest),
  fc.string({ maxLength: 60 }),
);

/** A table with two global indexes, created before the attack (seeds declare no indexes), for requests to reach. */
export const INDEXED_TABLE = {
  TableName: 'indexed',
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  AttributeDefinitions: [
    { AttributeName: 'id', AttributeType: 'S' },
    { AttributeName: 'owner', AttributeType: 'S' },
    { AttributeName: 'rank', AttributeType: 'B' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'byOwner',
      KeySchema: [
        { AttributeName: 'owner', KeyType: 'HASH' },
        { AttributeName: 'rank', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['secret'] },
    },
    {
      IndexName: 'byRank',
      KeySchema: [{ AttributeName: 'rank', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
};

/** Requests shaped like an SDK's, aimed at seeded data, with some members perturbed: they reach the operations. */
export const plausible: fc.Arbitrary<{ target: string; body: string }> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'PutItem',
        'GetItem',
        'DeleteItem',
        'UpdateItem',
        'Query',
        'Scan',
        'BatchGetItem',
        'BatchWriteItem',
        'TransactGetItems',
        'TransactWriteItems',
        'CreateTable',
        'UpdateTable',
        'ExecuteStatement',
        'BatchExecuteStatement',
        'ExecuteTransaction',
        'UpdateTimeToLive',
        'TagResource',
        'UntagResource',
        'ListTagsOfResource',
      ),
      fc.record(
        {
          TableName: fc.constantFrom(
            'things',
            'indexed',
            'missing',
            'arn:aws:dynamodb:us-east-1:123456789012:table/things',
          ),
          // CreateTable with indexes, perturbed (`indexed` exists already: see INDEXED_TABLE).
          KeySchema: fc.constantFrom(
            [
              { AttributeName: 'id', KeyType: 'HASH' },
              { AttributeName: 'at', KeyType: 'RANGE' },
            ],
            [{ AttributeName: 'id', KeyType: 'HASH' }],
          ),
          AttributeDefinitions: fc.subarray(
            [
              { AttributeName: 'id', AttributeType: 'S' },
              { AttributeName: 'at', AttributeType: 'N' },
              { AttributeName: 'owner', AttributeType: 'S' },
              { AttributeName: 'rank', AttributeType: 'B' },
            ],
            { minLength: 1 },
          ),
          BillingMode: fc.constantFrom('PAY_PER_REQUEST', 'PROVISIONED'),
          GlobalSecondaryIndexes: fc.array(
            fc.record(
              {
                IndexName: fc.constantFrom('byOwner', 'x', 'byOwner'),
                KeySchema: fc.constantFrom(
                  [{ AttributeName: 'owner', KeyType: 'HASH' }],
                  [
                    { AttributeName: 'owner', KeyType: 'HASH' },
                    { AttributeName: 'rank', KeyType: 'RANGE' },
                  ],
                  [{ AttributeName: 'rank', KeyType: 'RANGE' }],
                ),
                Projection: fc.oneof(
                  fc.constantFrom({ ProjectionType: 'ALL' }, { ProjectionType: 'KEYS_ONLY' }),
                  fc.record({
                    ProjectionType: fc.constant('INCLUDE'),
                    NonKeyAttributes: fc.array(fc.string(), { maxLength: 3 }),
                  }),
                  fc.anything(),
                ),
                ProvisionedThroughput: fc.record({ ReadCapacityUnits: fc.integer(), WriteCapacityUnits: fc.integer() }),
              },
              { requiredKeys: ['IndexName', 'KeySchema', 'Projection'] },
            ),
            { maxLength: 2 },
          ),
          LocalSecondaryIndexes: fc.array(
            fc.record({
              IndexName: fc.constantFrom('byRank', 'byOwner'),
              KeySchema: fc.constantFrom([
                { AttributeName: 'id', KeyType: 'HASH' },
                { AttributeName: 'rank', KeyType: 'RANGE' },
              ]),
              Projection: fc.constantFrom({ ProjectionType: 'KEYS_ONLY' }, { ProjectionType: 'ALL' }),
            }),
            { maxLength: 1 },
          ),
          IndexName: fc.constantFrom('byOwner', 'byRank', 'nope'),
          GlobalSecondaryIndexUpdates: fc.array(
            fc.oneof(
              fc.record({
                Create: fc.record({
                  IndexName: fc.constantFrom('byOwner', 'byAt'),
                  KeySchema: fc.constantFrom(
                    [{ AttributeName: 'owner', KeyType: 'HASH' }],
                    [{ AttributeName: 'at', KeyType: 'HASH' }],
                  ),
                  Projection: fc.constantFrom({ ProjectionType: 'ALL' }, { ProjectionType: 'KEYS_ONLY' }),
                }),
              }),
              fc.record({ Delete: fc.record({ IndexName: fc.constantFrom('byOwner', 'byRank', 'nope') }) }),
              fc.record({
                Update: fc.record({
                  IndexName: fc.constantFrom('byOwner', 'nope'),
                  ProvisionedThroughput: fc.anything(),
                }),
              }),
              fc.anything(),
            ),
            { maxLength: 2 },
          ),
          DeletionProtectionEnabled: fc.boolean(),
          Statement: partiqlStatement,
          Parameters: fc.array(attributeValue, { maxLength: 3 }),
          Statements: fc.array(
            fc.record({ Statement: partiqlStatement, Parameters: fc.array(attributeValue, { maxLength: 2 }) }),
            {
              maxLength: 3,
            },
          ),
          TransactStatements: fc.array(fc.record({ Statement: partiqlStatement }), { maxLength: 3 }),
          NextToken: fc.oneof(fc.string(), fc.base64String()),
          TimeToLiveSpecification: fc.record({ Enabled: fc.boolean(), AttributeName: fc.string({ maxLength: 4 }) }),
          ResourceArn: fc.constantFrom(
            'arn:aws:dynamodb:us-east-1:123456789012:table/things',
            'arn:aws:dynamodb:us-east-1:123456789012:table/indexed',
            'arn:aws:dynamodb:us-east-1:123456789012:table/missing',
          ),
          Tags: fc.array(fc.record({ Key: fc.string({ maxLength: 5 }), Value: fc.string({ maxLength: 5 }) }), {
            maxLength: 3,
          }),
          TagKeys: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
          Select: fc.constantFrom('ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'),
          ConsistentRead: fc.boolean(),
          Key: seededKey,
          Item: fc
            .tuple(
              seededKey,
              fc.dictionary(
                fc.oneof(fc.constantFrom('owner', 'rank', 'at'), fc.string({ maxLength: 6 })),
                attributeValue,
                {
                  maxKeys: 3,
                },
              ),
            )
            .map(([k, rest]) => ({ ...rest, ...k })),
          KeyConditionExpression: fc.oneof(
            fc.constantFrom('id = :v', '#n = :v', 'owner = :v', 'owner = :v AND rank > :v', 'id = :v AND rank < :v'),
            expression,
          ),
          ConditionExpression: expression,
          FilterExpression: expression,
          ProjectionExpression: fc.oneof(fc.constantFrom('id', '#n', 'secret', 'id, secret'), expression),
          UpdateExpression: fc.oneof(
            fc.constantFrom(
              'SET secret = :v',
              'SET #n = if_not_exists(#n, :v) + :v',
              'SET l = list_append(if_not_exists(l, :v), :v)',
              'REMOVE secret, l[0]',
              'ADD c :v',
              'DELETE s :v',
              'SET m.a.b = :v REMOVE #n',
            ),
            expression,
          ),
          TransactItems: fc.array(
            fc.oneof(
              fc.record({
                Put: fc.record(
                  { TableName: fc.constant('things'), Item: seededKey, ConditionExpression: expression },
                  { requiredKeys: ['TableName', 'Item'] },
                ),
              }),
              fc.record({ Delete: fc.record({ TableName: fc.constant('things'), Key: seededKey }) }),
              fc.record({
                Update: fc.record({ TableName: fc.constant('things'), Key: seededKey, UpdateExpression: expression }),
              }),
              fc.record({
                ConditionCheck: fc.record({
                  TableName: fc.constant('things'),
                  Key: seededKey,
                  ConditionExpression: expression,
                }),
              }),
              fc.record({ Get: fc.record({ TableName: fc.constant('things'), Key: seededKey }) }),
              fc.anything(),
            ),
            { maxLength: 4 },
          ),
          RequestItems: fc.dictionary(
            fc.constantFrom('things', 'missing', '__proto__', 'x'),
            fc.oneof(
              fc.record(
                { Keys: fc.array(seededKey, { maxLength: 3 }), ProjectionExpression: expression },
                { requiredKeys: [] },
              ),
              fc.array(
                fc.oneof(
                  fc.record({ PutRequest: fc.record({ Item: seededKey }) }),
                  fc.record({ DeleteRequest: fc.record({ Key: seededKey }) }),
                  fc.anything(),
                ),
                { maxLength: 3 },
              ),
              fc.anything(),
            ),
            { maxKeys: 2 },
          ),
          ExpressionAttributeNames: fc.record({
            '#n': fc.oneof(fc.constantFrom('id', 'secret', '__proto__'), fc.string()),
          }),
          ExpressionAttributeValues: fc.record({ ':v': attributeValue }),
          Limit: fc.integer({ min: -1, max: 5 }),
          ExclusiveStartKey: seededKey,
          ReturnValues: fc.constantFrom('NONE', 'ALL_OLD', 'ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'),
          ScanIndexForward: fc.boolean(),
          Segment: fc.integer({ min: -1, max: 3 }),
          TotalSegments: fc.integer({ min: 0, max: 3 }),
        },
        { requiredKeys: ['TableName'] },
      ),
    )
    .map(([op, b]) => ({ target: `DynamoDB_20120810.${op}`, body: JSON.stringify(b) })),
  fc
    .tuple(
      fc.constantFrom(...(TARGETS.AmazonSSM ?? [])),
      fc.record(
        {
          Name: fc
            .tuple(
              fc.constantFrom('/app/db', '/app/secure', '/aws/reference/secretsmanager/app/db', '/app', 'app/db'),
              maybe(versionSelector),
            )
            .map(([n, s]) => (s === undefined ? n : `${n}:${s}`)),
          Names: fc.array(
            fc.constantFrom('/app/db', '/app/secure', '/aws/reference/secretsmanager/app/db:AWSCURRENT', '/x'),
            { maxLength: 4 },
          ),
          WithDecryption: fc.boolean(),
          Path: fc.constantFrom('/', '/app', '/app/'),
          Recursive: fc.boolean(),
          ParameterFilters: fc.array(
            fc.record({
              Key: fc.constantFrom('Type', 'Label', 'KeyId', 'Name', 'x'),
              Option: maybe(fc.constantFrom('Equals', 'BeginsWith')),
              Values: maybe(fc.array(fc.string(), { maxLength: 2 })),
            }),
            { maxLength: 2 },
          ),
          Value: fc.string(),
          Type: fc.constantFrom('String', 'SecureString', 'StringList'),
          Overwrite: fc.boolean(),
          Labels: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
          ParameterVersion: fc.integer({ min: 0, max: 3 }),
          AllowedPattern: fc.constantFrom('^.*$', '^(a+)+$', '\\d', '(?=x)'),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([op, b]) => ({ target: `AmazonSSM.${op}`, body: JSON.stringify(b) })),
  fc
    .tuple(
      fc.constantFrom(...(TARGETS.secretsmanager ?? [])),
      fc.record(
        {
          SecretId: fc.constantFrom('app/db', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db', 'missing'),
          Name: fc.constantFrom('app/db', 'new-secret'),
          SecretIdList: fc.array(fc.constantFrom('app/db', 'missing'), { maxLength: 3 }),
          SecretString: fc.string(),
          VersionStage: versionSelector,
          VersionStages: fc.array(fc.constantFrom('AWSCURRENT', 'AWSPENDING', 'X'), { maxLength: 2 }),
          VersionId: versionSelector,
          MoveToVersionId: versionSelector,
          RemoveFromVersionId: versionSelector,
          ClientRequestToken: fc.uuid(),
          RotationRules: fc.record(
            {
              AutomaticallyAfterDays: fc.integer({ min: -1, max: 1001 }),
              ScheduleExpression: fc.oneof(
                fc.constantFrom('rate(10 days)', 'rate(4 hours)', 'cron(0 16 1,15 * ? *)', 'rate(0 days)'),
                fc.string(),
              ),
              Duration: fc.constantFrom('2h', '3h', '25h', 'x'),
            },
            { requiredKeys: [] },
          ),
          RotateImmediately: fc.boolean(),
          RecoveryWindowInDays: fc.integer({ min: 6, max: 31 }),
          IncludeDeprecated: fc.boolean(),
          MaxResults: fc.integer({ min: 0, max: 101 }),
          ResourcePolicy: fc.oneof(
            fc.constantFrom(
              '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:*","Resource":"*"}]}',
              '{"Statement":{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*"}}',
              '{',
              '[]',
            ),
            fc.string(),
          ),
          BlockPublicPolicy: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([op, b]) => ({ target: `secretsmanager.${op}`, body: JSON.stringify(b) })),
);
