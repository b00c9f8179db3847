import {
  BatchExecuteStatementCommand,
  CreateTableCommand,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  ExecuteTransactionCommand,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynamoHarness, startDynamo, tableInput } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

let h: DynamoHarness;
beforeAll(async () => {
  h = await startDynamo();
});
afterAll(() => h.stop());
beforeEach(async () => {
  h.service.reset();
  await h.client.send(new CreateTableCommand(tableInput('music', ['artist', 'S'], ['song', 'S'])));
  for (const [artist, song, year, tags] of [
    ['Acme', 'Alpha', 2001, ['rock']],
    ['Acme', 'Beta', 2005, ['pop', 'rock']],
    ['Acme', 'Gamma', 2010, []],
    ['Zed', 'Omega', 1999, ['jazz']],
  ] as const) {
    await h.client.send(
      new ExecuteStatementCommand({
        Statement: `INSERT INTO music VALUE {'artist': ?, 'song': ?, 'year': ?, 'tags': ?}`,
        Parameters: [
          marshall({ v: artist }).v,
          marshall({ v: song }).v,
          marshall({ v: year }).v,
          marshall({ v: tags }).v,
        ] as never,
      }),
    );
  }
});

const run = async (Statement: string, values: unknown[] = [], extra: Partial<ExecuteStatementCommandInput> = {}) => {
  const answer = await h.client.send(
    new ExecuteStatementCommand({
      Statement,
      ...(values.length > 0 ? { Parameters: values.map((v) => marshall({ v }).v) as never } : {}),
      ...extra,
    }),
  );
  return { ...answer, plain: (answer.Items ?? []).map((item) => unmarshall(item as never)) };
};
const item = async (artist: string, song: string) =>
  (await h.client.send(new GetItemCommand({ TableName: 'music', Key: marshall({ artist, song }) }))).Item;

describe('PartiQL ExecuteStatement', () => {
  it('selects in key order, with conditions, projections and ORDER BY', async () => {
    expect((await run(`SELECT song FROM music WHERE artist = 'Acme'`)).plain).toEqual([
      { song: 'Alpha' },
      { song: 'Beta' },
      { song: 'Gamma' },
    ]);
    expect(
      (await run(`SELECT song, "year" FROM "music" WHERE artist = ? AND "year" BETWEEN 2004 AND 2011`, ['Acme'])).plain,
    ).toEqual([
      { song: 'Beta', year: 2005 },
      { song: 'Gamma', year: 2010 },
    ]);
    expect((await run(`SELECT song FROM music WHERE contains(tags, 'rock') AND NOT song = 'Alpha'`)).plain).toEqual([
      { song: 'Beta' },
    ]);
    expect(
      (await run(`SELECT song FROM music WHERE artist IN ['Zed', 'Nobody'] OR begins_with(song, 'G')`)).plain,
    ).toEqual([{ song: 'Gamma' }, { song: 'Omega' }]);
    expect((await run(`SELECT tags[0] FROM music WHERE artist = 'Acme' AND song = 'Beta'`)).plain).toEqual([
      { tags: ['pop'] },
    ]);
    expect(
      (await run(`SELECT song FROM music WHERE artist = 'Acme' ORDER BY song DESC`)).plain.map((i) => i.song),
    ).toEqual(['Gamma', 'Beta', 'Alpha']);
    expect((await run(`SELECT song FROM music WHERE size(tags) = 0 OR "year" < 2000`)).plain).toEqual([
      { song: 'Gamma' },
      { song: 'Omega' },
    ]);
    expect((await run(`SELECT song FROM music WHERE missingattr IS MISSING AND artist = 'Zed'`)).plain).toEqual([
      { song: 'Omega' },
    ]);
  });

  it('pages a SELECT with Limit and NextToken', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await run('SELECT song FROM music', [], { Limit: 3, ...(token ? { NextToken: token } : {}) });
      seen.push(...page.plain.map((i) => i.song as string));
      token = page.NextToken;
    } while (token);
    expect(seen).toEqual(['Alpha', 'Beta', 'Gamma', 'Omega']);
    const bad = await rejection(run('SELECT song FROM music', [], { NextToken: 'not-a-token' }));
    expect(bad.message).toBe('Invalid NextToken');
  });

  it('inserts, updates and deletes one item each, as AWS documents', async () => {
    const duplicate = await rejection(run(`INSERT INTO music VALUE {'artist': 'Acme', 'song': 'Alpha'}`));
    expect([duplicate.name, duplicate.message]).toEqual([
      'DuplicateItemException',
      'Duplicate primary key exists in table',
    ]);
    const updated = await run(
      `UPDATE music SET "year" = "year" + 1 SET tags = list_append(tags, ['new']) REMOVE missing WHERE artist = 'Acme' AND song = 'Alpha' RETURNING ALL NEW *`,
    );
    expect(updated.plain).toEqual([{ artist: 'Acme', song: 'Alpha', year: 2002, tags: ['rock', 'new'] }]);
    const modified = await run(
      `UPDATE music SET label = 'X' WHERE artist = 'Zed' AND song = 'Omega' RETURNING MODIFIED NEW *`,
    );
    expect(modified.plain).toEqual([{ label: 'X' }]);
    const missing = await rejection(run(`UPDATE music SET label = 'X' WHERE artist = 'Nobody' AND song = 'None'`));
    expect(missing.name).toBe('ConditionalCheckFailedException');
    const failed = await rejection(
      run(`UPDATE music SET label = 'Y' WHERE artist = 'Zed' AND song = 'Omega' AND "year" > 2000`, [], {
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    expect(failed.name).toBe('ConditionalCheckFailedException');
    expect((failed as { Item?: unknown }).Item).toMatchObject({ label: { S: 'X' } });
    const partial = await rejection(run(`UPDATE music SET label = 'Z' WHERE artist = 'Zed'`));
    expect(partial.message).toBe('Where clause does not contain a mandatory equality on all key attributes');
    const keyUpdate = await rejection(run(`UPDATE music SET song = 'Z' WHERE artist = 'Zed' AND song = 'Omega'`));
    expect(keyUpdate.message).toContain('This attribute is part of the key');
    const deleted = await run(`DELETE FROM music WHERE artist = 'Acme' AND song = 'Gamma' RETURNING ALL OLD *`);
    expect(deleted.plain).toEqual([{ artist: 'Acme', song: 'Gamma', year: 2010, tags: [] }]);
    expect(await item('Acme', 'Gamma')).toBeUndefined();
    // A DELETE of an item that does not exist succeeds and deletes nothing.
    expect((await run(`DELETE FROM music WHERE artist = 'Acme' AND song = 'Gamma'`)).Items).toEqual([]);
    expect(await item('Acme', 'Beta')).toBeDefined();
  });

  it('refuses statements it cannot read, naming what was wrong', async () => {
    const cases: [string, unknown[], string][] = [
      [
        'SELEC * FROM music',
        [],
        "Statement wasn't well formed, can't be processed: expected SELECT, INSERT, UPDATE, DELETE or EXISTS",
      ],
      [`SELECT * FROM music WHERE artist = 'Acme' AND`, [], 'found the end of the statement'],
      [`SELECT * FROM music WHERE artist = ?`, [], "Number of parameters in request and statement don't match."],
      [
        `SELECT * FROM music WHERE artist = 'x'`,
        ['extra'],
        "Number of parameters in request and statement don't match.",
      ],
      [`SELECT * FROM music WHERE ${'('.repeat(100)}artist = 'x'${')'.repeat(100)}`, [], 'nests deeper than 64 levels'],
      [`SELECT * FROM music.byYear`, [], 'The table does not have the specified index: byYear'],
      [`SELECT * FROM music ORDER BY song`, [], 'Must have WHERE clause in the statement when using ORDER BY clause.'],
      [`INSERT INTO music VALUE {'artist': 'A'}`, [], 'Missing the key song in the item'],
      [`INSERT INTO music VALUE <<'a', 1>>`, [], 'must hold strings, numbers or binary values of one type'],
      ["SELECT * FROM music WHERE song = 'unterminated", [], 'unterminated string'],
    ];
    for (const [statement, values, message] of cases) {
      const error = await rejection(run(statement, values));
      expect(error.name, statement).toBe('ValidationException');
      expect(error.message, statement).toContain(message);
    }
    const table = await rejection(run(`SELECT * FROM nope`));
    expect(table.name).toBe('ResourceNotFoundException');
  });
});

describe('PartiQL SELECT as DynamoDB runs it', () => {
  const numbered = async () => {
    await h.client.send(new CreateTableCommand(tableInput('series', ['pk', 'S'], ['n', 'N'])));
    for (const pk of ['a', 'b']) {
      for (let n = 1; n <= 10; n++) await run(`INSERT INTO series VALUE {'pk': ?, 'n': ?, 'tag': ?}`, [pk, n, `t${n}`]);
    }
  };
  const pages = async (statement: string, limit: number) => {
    const all: unknown[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await run(statement, [], { Limit: limit, ...(NextToken ? { NextToken } : {}) });
      all.push(page.plain.map((row) => row.n));
      NextToken = page.NextToken;
    } while (NextToken);
    return all;
  };

  it('reads a partition by its sort key conditions, so Limit counts only the items in the range', async () => {
    await numbered();
    expect(await pages(`SELECT n FROM series WHERE pk = 'a' AND n > 5`, 2)).toEqual([[6, 7], [8, 9], [10]]);
    expect(await pages(`SELECT n FROM series WHERE n BETWEEN 8 AND 9 AND pk = 'a'`, 1)).toEqual([[8], [9]]);
    // A condition on another attribute is a filter: the items it drops still count towards Limit.
    expect(await pages(`SELECT n FROM series WHERE pk = 'a' AND tag = 't3'`, 5)).toEqual([[3], []]);
  });

  it('reads the partitions of an IN list in its order, and orders by the keys ORDER BY names', async () => {
    await numbered();
    expect(await pages(`SELECT n FROM series WHERE pk IN ['b', 'a'] AND n <= 2`, 3)).toEqual([[1, 2, 1], [2]]);
    const ordered = await run(`SELECT pk, n FROM series WHERE pk IN ['a', 'b'] AND n < 3 ORDER BY pk DESC, n DESC`);
    expect(ordered.plain.map((row) => `${row.pk}${row.n}`)).toEqual(['b2', 'b1', 'a2', 'a1']);
    const byPartition = await run(`SELECT n FROM series WHERE pk = 'a' AND n > 8 ORDER BY pk, n DESC`);
    expect(byPartition.plain.map((row) => row.n)).toEqual([10, 9]);
    expect((await run(`SELECT n FROM series WHERE pk = 'a' AND n < 3 ORDER BY pk`)).plain).toEqual([
      { n: 1 },
      { n: 2 },
    ]);
    const descending = await pages(`SELECT n FROM series WHERE pk = 'b' AND n >= 7 ORDER BY n DESC`, 3);
    expect(descending).toEqual([[10, 9, 8], [7]]);
    const tooMany = Array.from({ length: 51 }, (_, i) => `'p${i}'`).join(', ');
    const error = await rejection(run(`SELECT * FROM series WHERE pk IN [${tooMany}]`));
    expect(error.message).toBe('The IN operator takes at most 50 partition key values');
    const tooLong = Array.from({ length: 101 }, (_, i) => `${i}`).join(', ');
    expect((await rejection(run(`SELECT * FROM series WHERE tag IN [${tooLong}]`))).message).toBe(
      'The IN operator takes at most 100 values',
    );
  });

  it('refuses a NextToken of another table or index, or one that is not its own, with a 400', async () => {
    await h.client.send(
      new CreateTableCommand({
        ...tableInput('indexed', ['pk', 'S']),
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byG',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: 'byGKeys',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
    for (const pk of ['x', 'y']) await run(`INSERT INTO indexed VALUE {'pk': ?, 'g': 'same'}`, [pk]);
    const first = await run(`SELECT * FROM indexed`, [], { Limit: 1 });
    expect(first.NextToken).toBeDefined();
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
    for (const NextToken of [
      first.NextToken as string,
      forged({ t: 'indexed', i: 'byG', k: {} }),
      forged({ t: 'indexed', i: 'byG', k: { other: { S: 'x' } } }),
      'not base64 at all',
    ]) {
      const error = await rejection(run(`SELECT * FROM "indexed"."byG" WHERE g = 'same'`, [], { NextToken }));
      expect(error.name, NextToken).toBe('ValidationException');
      expect(error.message).toBe('Invalid NextToken');
    }
    const consistent = await rejection(
      run(`SELECT * FROM "indexed"."byG" WHERE g = 'same'`, [], { ConsistentRead: true }),
    );
    expect(consistent.message).toBe('Consistent reads are not supported on global secondary indexes');
    // Read by its key, an index refuses a filter on what it does not hold; a scan of it matches nothing.
    const unprojected = await rejection(run(`SELECT * FROM "indexed"."byGKeys" WHERE g = 'same' AND other = 1`));
    expect(unprojected.message).toBe(
      'One or more parameter values were invalid: Secondary index byGKeys does not project one or more filter attributes: [other]',
    );
    expect((await run(`SELECT * FROM "indexed"."byGKeys" WHERE other = 1`)).plain).toEqual([]);
  });

  it('never quotes a literal of the statement in an error, double-quoted by mistake or a set member', async () => {
    const cases = [
      `INSERT INTO music VALUE {'artist': 'Acme', 'song': 'S', 'password': "hunter2-secret"}`,
      `INSERT INTO music VALUE {'artist': 'Acme', 'song': 'S', 'codes': <<'hunter2-secret', 'hunter2-secret'>>}`,
      `SELECT * FROM music WHERE artist = "hunter2-secret" AND`,
      `INSERT INTO music VALUE {12345678: 'x'}`,
    ];
    for (const statement of cases) {
      const error = await rejection(run(statement));
      expect(error.name, statement).toBe('ValidationException');
      expect(error.message, statement).not.toMatch(/hunter2|12345678/);
    }
  });

  it('refuses an UPDATE acting twice on one path, and a DELETE returning anything but ALL OLD', async () => {
    for (const statement of [
      `UPDATE music SET plays = 1, plays = 2 WHERE artist = 'Acme' AND song = 'Alpha'`,
      `UPDATE music SET plays = 1 REMOVE plays WHERE artist = 'Acme' AND song = 'Alpha'`,
      `UPDATE music SET m.a.b = 2, m.a = 3 WHERE artist = 'Acme' AND song = 'Alpha'`,
    ]) {
      expect((await rejection(run(statement))).message, statement).toMatch(
        /^Invalid UpdateExpression: Two document paths overlap/,
      );
    }
    const error = await rejection(
      run(`DELETE FROM music WHERE artist = 'Acme' AND song = 'Alpha' RETURNING ALL NEW *`),
    );
    expect(error.message).toContain('DELETE can only return ALL OLD *');
    const deleted = await run(`DELETE FROM music WHERE artist = 'Acme' AND song = 'Alpha' RETURNING ALL OLD *`);
    expect(deleted.plain).toEqual([expect.objectContaining({ song: 'Alpha', year: 2001 })]);
  });
});

describe('PartiQL batches and transactions', () => {
  it('checks a transaction with EXISTS, the condition check of TransactWriteItems', async () => {
    const transact = (condition: string) =>
      h.client.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            {
              Statement: `EXISTS(SELECT * FROM music WHERE artist = 'Acme' AND song = 'Beta' AND ${condition})`,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
            { Statement: `UPDATE music SET plays = 1 WHERE artist = 'Acme' AND song = 'Alpha'` },
          ],
        }),
      );
    const cancelled = await rejection(transact('"year" > 2010'));
    expect(cancelled.name).toBe('TransactionCanceledException');
    const reasons = (cancelled as { CancellationReasons?: { Code?: string; Item?: unknown }[] }).CancellationReasons;
    expect(reasons?.map((reason) => reason.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    expect(unmarshall(reasons?.[0]?.Item as never)).toMatchObject({ song: 'Beta', year: 2005 });
    expect(unmarshall((await item('Acme', 'Alpha')) as never)).not.toHaveProperty('plays');
    await transact('"year" = 2005');
    expect(unmarshall((await item('Acme', 'Alpha')) as never)).toMatchObject({ plays: 1 });
    // A missing item fails the check; EXISTS means nothing outside a transaction.
    const missing = await rejection(
      h.client.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `EXISTS(SELECT * FROM music WHERE artist = 'Nobody' AND song = 'None')` },
            { Statement: `DELETE FROM music WHERE artist = 'Zed' AND song = 'Omega'` },
          ],
        }),
      ),
    );
    expect(missing.name).toBe('TransactionCanceledException');
    expect(await item('Zed', 'Omega')).toBeDefined();
    const alone = await rejection(run(`EXISTS(SELECT * FROM music WHERE artist = 'Acme' AND song = 'Beta')`));
    expect(alone.message).toBe('EXISTS can only be used in a transaction (ExecuteTransaction)');
  });

  it('refuses a transaction whose statement is wrong whatever the items hold, before judging any condition', async () => {
    for (const statement of [
      `UPDATE music SET plays = 1 WHERE artist = 'Acme'`,
      `UPDATE music SET song = 'Other' WHERE artist = 'Acme' AND song = 'Beta'`,
      `INSERT INTO music VALUE {'artist': 'Acme'}`,
    ]) {
      const error = await rejection(
        h.client.send(
          new ExecuteTransactionCommand({
            TransactStatements: [
              { Statement: statement },
              { Statement: `DELETE FROM music WHERE artist = 'Zed' AND song = 'Omega'` },
            ],
          }),
        ),
      );
      expect(error.name, statement).toBe('ValidationException');
    }
    expect(await item('Zed', 'Omega')).toBeDefined();
  });

  it('answers each statement of a batch on its own', async () => {
    const reads = await h.client.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `SELECT song FROM music WHERE artist = 'Acme' AND song = 'Beta'` },
          { Statement: `SELECT * FROM music WHERE artist = 'Acme' AND song = 'Nope'` },
          { Statement: `SELECT * FROM music WHERE artist = 'Acme'` },
        ],
      }),
    );
    expect(reads.Responses).toEqual([
      { TableName: 'music', Item: { song: { S: 'Beta' } } },
      { TableName: 'music' },
      {
        TableName: 'music',
        Error: {
          Code: 'ValidationError',
          Message: 'Where clause does not contain a mandatory equality on all key attributes',
        },
      },
    ]);
    const writes = await h.client.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `INSERT INTO music VALUE {'artist': 'New', 'song': 'One'}` },
          { Statement: `INSERT INTO music VALUE {'artist': 'Acme', 'song': 'Alpha'}` },
        ],
      }),
    );
    expect(writes.Responses?.map((r) => r.Error?.Code)).toEqual([undefined, 'DuplicateItem']);
    expect(await item('New', 'One')).toBeDefined();
    const mixed = await rejection(
      h.client.send(
        new BatchExecuteStatementCommand({
          Statements: [
            { Statement: `SELECT * FROM music WHERE artist = 'Acme' AND song = 'Beta'` },
            { Statement: `DELETE FROM music WHERE artist = 'Acme' AND song = 'Beta'` },
          ],
        }),
      ),
    );
    expect(mixed.message).toBe('Batch must contain either all reads or all writes');
  });

  it('applies a transaction all or none', async () => {
    const statements = (last: string) => [
      { Statement: `UPDATE music SET plays = 1 WHERE artist = 'Acme' AND song = 'Alpha'` },
      { Statement: `DELETE FROM music WHERE artist = 'Zed' AND song = 'Omega'` },
      { Statement: last },
    ];
    const cancelled = await rejection(
      h.client.send(
        new ExecuteTransactionCommand({
          TransactStatements: statements(`INSERT INTO music VALUE {'artist': 'Acme', 'song': 'Beta'}`),
        }),
      ),
    );
    expect(cancelled.name).toBe('TransactionCanceledException');
    expect(
      (cancelled as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.map((r) => r.Code),
    ).toEqual(['None', 'None', 'DuplicateItem']);
    expect(unmarshall((await item('Acme', 'Alpha')) as never)).not.toHaveProperty('plays');
    expect(await item('Zed', 'Omega')).toBeDefined();
    await h.client.send(
      new ExecuteTransactionCommand({
        TransactStatements: statements(`INSERT INTO music VALUE {'artist': 'Acme', 'song': 'Delta'}`),
      }),
    );
    expect(unmarshall((await item('Acme', 'Alpha')) as never)).toMatchObject({ plays: 1 });
    expect(await item('Zed', 'Omega')).toBeUndefined();
    const reads = await h.client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [{ Statement: `SELECT "year" FROM music WHERE artist = 'Acme' AND song = 'Beta'` }],
      }),
    );
    expect(reads.Responses).toEqual([{ Item: { year: { N: '2005' } } }]);
    const twice = await rejection(
      h.client.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `UPDATE music SET a = 1 WHERE artist = 'Acme' AND song = 'Beta'` },
            { Statement: `DELETE FROM music WHERE artist = 'Acme' AND song = 'Beta'` },
          ],
        }),
      ),
    );
    expect(twice.message).toBe('Transaction request cannot include multiple operations on one item');
  });
});
