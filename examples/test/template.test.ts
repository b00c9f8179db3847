// Checks examples/template.yaml against the handlers: each function's policy allows exactly the AWS calls its handler
// makes (observed by running it against the emulator), no more; resources are scoped; the build entry points and
// environment variables match the code. The template is read as text: no YAML library is installed, and the
// template keeps to block style with two-space indents, which is all this reading needs.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { clearCache as clearMiddyCache } from '@paramkit/middy';
import { clearCaches } from '@paramkit/parameters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as featureFlags } from '../appconfig-flags/handler.js';
import { handler as tenantSettings } from '../dynamodb/handler.js';
import { handler as middyOrders } from '../middy/handler.js';
import { handler as secrets } from '../secrets/handler.js';
import { handler as ssmConfig } from '../ssm/handler.js';
import { type FakeDatabase, startFakeDatabase } from './fakeDatabase.js';

const examples = new URL('../', import.meta.url);
const template = readFileSync(new URL('template.yaml', examples), 'utf8');

/** The IAM actions each AWS operation needs. BatchGetSecretValue also checks GetSecretValue on every secret. */
const ACTIONS_OF_OPERATION: Record<string, string[]> = {
  GetParameter: ['ssm:GetParameter'],
  GetParameters: ['ssm:GetParameters'],
  GetParametersByPath: ['ssm:GetParametersByPath'],
  GetSecretValue: ['secretsmanager:GetSecretValue'],
  BatchGetSecretValue: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue'],
  StartConfigurationSession: ['appconfig:StartConfigurationSession'],
  GetLatestConfiguration: ['appconfig:GetLatestConfiguration'],
  GetItem: ['dynamodb:GetItem'],
  Query: ['dynamodb:Query'],
};
/** Variables Lambda sets itself; a handler may read them without the template declaring them. */
const RUNTIME_VARIABLES = new Set(['AWS_REGION']);

let emulator: RunningEmulator;
let database: FakeDatabase;

/**
 * Each function of the template and a run of its handler that makes every call the handler can make (for the
 * secrets example that includes the read after a rotation).
 */
const runs: Record<string, () => Promise<unknown>> = {
  SsmConfigFunction: () => ssmConfig(),
  SecretsFunction: async () => {
    await secrets({ orderId: 'o-1' });
    database.password = 'rotated';
    emulator.secretsManager.putSecretValue(
      'orders/db',
      JSON.stringify({ url: database.url, username: 'app', password: 'rotated' }),
    );
    await secrets({ orderId: 'o-1' });
  },
  FeatureFlagsFunction: () => featureFlags({ items: 1 }),
  TenantSettingsFunction: () => tenantSettings({ tenant: 'acme' }),
  MiddyFunction: () => {
    clearMiddyCache(); // the drop-in's own provider, which clearCaches() does not reach
    return middyOrders({ orderId: 'o-1' }, { awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 } as never);
  },
};

beforeAll(async () => {
  database = await startFakeDatabase({
    username: 'app',
    password: 'first',
    orders: [{ id: 'o-1', total: 1, status: 'paid' }],
  });
  emulator = await startEmulator({
    port: 0,
    seed: {
      ssm: {
        parameters: [
          {
            name: '/orders/prod/config',
            type: 'SecureString',
            value: JSON.stringify({ database: { host: 'db', port: 5432 }, maxConnections: 1 }),
          },
          { name: '/orders/prod/api-url', value: 'https://api.example.com' },
          { name: '/orders/prod/banner', value: 'hello' },
          { name: '/orders/prod/endpoints/us-east-1', value: 'https://us.example.com' },
        ],
      },
      secretsmanager: {
        secrets: [
          { name: 'orders/db', value: { url: database.url, username: 'app', password: 'first' } },
          { name: 'orders/signing-key', value: 'key' },
        ],
      },
      appconfig: {
        applications: [
          {
            name: 'shop',
            environments: [
              {
                name: 'prod',
                profiles: [
                  {
                    name: 'flags',
                    content: { newCheckout: { enabled: true }, cartLimit: { enabled: false, maxItems: 1 } },
                  },
                ],
              },
            ],
          },
        ],
      },
      dynamodb: {
        tables: [
          { name: 'settings', partitionKey: 'id', items: [{ id: 'maintenance', value: false }] },
          {
            name: 'tenant-settings',
            partitionKey: 'id',
            sortKey: 'sk',
            items: [
              { id: 'acme', sk: 'plan', value: 'free' },
              { id: 'acme', sk: 'seats', value: 1 },
              { id: 'acme', sk: 'limits.json', value: '{"rps":1}' },
            ],
          },
        ],
      },
    },
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    CONFIG_PATH: '/orders/prod',
    DB_SECRET_ID: 'orders/db',
    SIGNING_KEY_SECRET_ID: 'orders/signing-key',
    APPCONFIG_APPLICATION: 'shop',
    APPCONFIG_ENVIRONMENT: 'prod',
    APPCONFIG_PROFILE: 'flags',
    SETTINGS_TABLE: 'settings',
    TENANT_SETTINGS_TABLE: 'tenant-settings',
  });
});
afterAll(async () => {
  await emulator.stop();
  await database.stop();
});

/** The lines of each resource under `Resources:`, by logical id. */
function resources(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines.slice(lines.indexOf('Resources:') + 1)) {
    if (/^\S/.test(line)) break; // the next top-level section
    const header = /^ {2}(\w+):$/.exec(line);
    if (header?.[1]) {
      current = [];
      found.set(header[1], current);
    } else current?.push(line);
  }
  return found;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The lines nested under each `key:` line of a block, one array per occurrence. */
function under(lines: string[], key: string): string[][] {
  const sections: string[][] = [];
  lines.forEach((line, index) => {
    if (line.trim() !== `${key}:`) return;
    const depth = indentOf(line);
    const section: string[] = [];
    for (const next of lines.slice(index + 1)) {
      if (next.trim() === '') continue;
      if (indentOf(next) <= depth) break;
      section.push(next);
    }
    sections.push(section);
  });
  return sections;
}

/** `- item` lines of a section, as items, without quotes. */
const items = (section: string[]) => section.map((line) => unquote(line.trim().replace(/^- /, '')));
const unquote = (text: string) => text.replace(/^(['"])(.*)\1$/, '$2');

/** The statements of a function's inline policies: their actions and resource lines. */
function statements(lines: string[]) {
  return lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() === '- Effect: Allow')
    .map(({ line, index }) => {
      const body = [line.replace('- Effect', '  Effect')];
      for (const next of lines.slice(index + 1)) {
        if (indentOf(next) <= indentOf(line)) break;
        body.push(next);
      }
      const [actions = []] = under(body, 'Action');
      const resource = unquote(
        body
          .find((l) => l.trim().startsWith('Resource:'))
          ?.trim()
          .slice('Resource:'.length)
          .trim() ?? '',
      );
      return { actions: items(actions), resource, body: body.join('\n') };
    });
}

const functions = [...resources(template)].filter(([, lines]) =>
  lines.some((line) => line.trim() === 'Type: AWS::Serverless::Function'),
);

describe('the SAM template', () => {
  it('deploys every example handler on nodejs20.x', () => {
    expect(functions.map(([id]) => id).sort()).toEqual(Object.keys(runs).sort());
    expect(template).toMatch(/^ {4}Runtime: nodejs20\.x$/m);
  });

  describe.each(functions)('%s', (id, lines) => {
    const [entryPoints = []] = under(lines, 'EntryPoints');
    const entry = items(entryPoints)[0] ?? '';
    const source = existsSync(new URL(entry, examples)) ? readFileSync(new URL(entry, examples), 'utf8') : '';

    it('builds a handler that exists, under the name Lambda calls', () => {
      expect(source).toMatch(/^export const handler = /m);
      expect(lines).toContain(`      Handler: ${basename(entry, '.ts')}.handler`);
      expect(items(under(lines, 'External')[0] ?? [])).toEqual(['@aws-sdk/*']);
    });

    it('declares every environment variable the handler reads', () => {
      const declared = items(under(lines, 'Variables')[0] ?? []).map((line) => line.split(':')[0]);
      const read = [...source.matchAll(/process\.env\.([A-Z_]+)/g)].map((match) => match[1] ?? '');
      const readByHelper = [...source.matchAll(/requiredEnv\('([A-Z_]+)'\)/g)].map((match) => match[1] ?? '');
      const names = [...read, ...readByHelper].filter((n) => !RUNTIME_VARIABLES.has(n));
      // Every handler reads its resource names from the environment: finding none means the patterns above no
      // longer match the source, and the loop below would check nothing.
      expect(names.length, `no environment variable found in ${entry}`).toBeGreaterThan(0);
      for (const name of names) {
        expect(declared, `${name} is read by ${entry}`).toContain(name);
      }
    });

    it('allows exactly the calls the handler makes', async () => {
      clearCaches(); // a cold start, so that every call shows
      emulator.requests.reset();
      const run = runs[id];
      if (!run) throw new Error(`no run for ${id}`);
      await run();
      const operations = Object.keys(emulator.requests.snapshot());
      const needed = new Set(
        operations.flatMap((operation) => {
          const actions = ACTIONS_OF_OPERATION[operation];
          if (!actions) throw new Error(`${operation}: add its IAM actions to ACTIONS_OF_OPERATION`);
          return actions;
        }),
      );
      // A SecureString read with decryption needs kms:Decrypt on a customer managed key (which the emulator lacks).
      if (/decrypt: true/.test(source)) needed.add('kms:Decrypt');
      const granted = statements(lines).flatMap((statement) => statement.actions);
      expect(new Set(granted)).toEqual(needed);
      expect(granted).toHaveLength(needed.size); // no action granted twice
    });

    it('scopes every statement to resources, except where IAM has none to scope', () => {
      const policy = statements(lines);
      expect(policy.length).toBeGreaterThan(0);
      for (const statement of policy) {
        if (statement.resource === '*') {
          expect(statement.actions, statement.body).toEqual(['secretsmanager:BatchGetSecretValue']);
        } else {
          expect(statement.body, statement.body).toMatch(/Resource:\s*(!Sub arn:|!Ref |!GetAtt |\n\s+- !Sub arn:)/);
          expect(statement.body).not.toMatch(/:\*$|:\*\n/m);
        }
      }
    });
  });
});
