import {
  CreateSecretCommand,
  DeleteSecretCommand,
  ListSecretsCommand,
  type ListSecretsCommandOutput,
  ListSecretVersionIdsCommand,
  type ListSecretVersionIdsCommandOutput,
  type SecretListEntry,
  type Tag,
  TagResourceCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsProvider } from '@paramkit/parameters/secrets';
import { toEnvName } from '../envNames.js';
import type { HistoryEntry } from './ssm.js';
import { type Entry, type OnProgress, relativeKey } from './types.js';

/** A secrets "path" is a name prefix; a non-empty one is a folder, so `prod` means `prod/`. */
export function secretFolder(path: string): string {
  return path === '' || path.endsWith('/') ? path : `${path}/`;
}

/** The secrets whose names start with `prefix` (a folder); without `recursive`, not those in sub-folders. */
export async function listSecrets(
  secrets: SecretsProvider,
  prefix: string,
  recursive: boolean,
): Promise<SecretListEntry[]> {
  const folder = secretFolder(prefix);
  const found: SecretListEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page: ListSecretsCommandOutput = await secrets.client.send(
      new ListSecretsCommand({
        MaxResults: 100,
        NextToken: nextToken,
        ...(folder === '' ? {} : { Filters: [{ Key: 'name', Values: [folder] }] }),
      }),
    );
    for (const secret of page.SecretList ?? []) {
      const name = secret.Name ?? '';
      if (!name.startsWith(folder)) continue;
      if (!recursive && name.slice(folder.length).includes('/')) continue;
      found.push(secret);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return found.sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''));
}

/** The secrets under a folder with their values, read with the library's `getSecretsByName` (BatchGetSecretValue). */
export async function readSecretsFolder(
  secrets: SecretsProvider,
  prefix: string,
  options: { recursive: boolean; onProgress?: OnProgress },
): Promise<Entry[]> {
  const folder = secretFolder(prefix);
  const listed = await listSecrets(secrets, folder, options.recursive);
  const names = listed.map((secret) => secret.Name ?? '');
  const values =
    names.length === 0 ? {} : await secrets.getSecretsByName(Object.fromEntries(names.map((n) => [n, {}])));
  options.onProgress?.(names.length);
  return listed.map((secret) => {
    const name = secret.Name ?? '';
    const key = relativeKey(folder, name);
    const value = (values as Record<string, unknown>)[name];
    return {
      key,
      name: `secret:${name}`,
      value: textOf(value),
      binary: value instanceof Uint8Array,
      secret: true,
      envName: toEnvName(key),
      type: 'secret',
      version: currentVersion(secret),
      modified: secret.LastChangedDate,
    };
  });
}

/** The id of a listed secret's AWSCURRENT version, if the listing shows one. */
export function currentVersion(secret: SecretListEntry): string | undefined {
  const current = Object.entries(secret.SecretVersionsToStages ?? {}).find(([, stages]) =>
    stages.includes('AWSCURRENT'),
  );
  return current?.[0];
}

/** A secret's value as text: binary secrets as base64. */
export function textOf(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return typeof value === 'string' ? value : '';
}

/** The versions of a secret (deprecated ones included), with their values when `reveal`. */
export async function secretHistory(secrets: SecretsProvider, name: string, reveal: boolean): Promise<HistoryEntry[]> {
  const history: HistoryEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page: ListSecretVersionIdsCommandOutput = await secrets.client.send(
      new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true, NextToken: nextToken }),
    );
    for (const version of page.Versions ?? []) {
      history.push({
        version: version.VersionId ?? '',
        modified: version.CreatedDate,
        by: undefined,
        labels: version.VersionStages ?? [],
        type: 'secret',
        value: undefined,
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  history.sort((a, b) => (a.modified?.getTime() ?? 0) - (b.modified?.getTime() ?? 0));
  if (reveal) {
    for (const entry of history) {
      const value = await secrets.get(name, { sdkOptions: { VersionId: entry.version }, maxAge: 0 });
      entry.value = textOf(value);
    }
  }
  return history;
}

/** What a secret put asks for. */
export interface SecretPut {
  name: string;
  value: string | Uint8Array;
  overwrite: boolean;
  tags: Tag[];
  description?: string | undefined;
  kmsKeyId?: string | undefined;
}

/**
 * Creates a secret (with its tags) or, when it exists and `overwrite` is set, adds a version with the library's
 * `SecretsProvider.set` and tags it apart. Returns the new version id and, if tagging failed, why.
 */
export async function putSecret(
  secrets: SecretsProvider,
  put: SecretPut,
  known?: 'exists' | 'new',
): Promise<{ version: string; created: boolean; tagError?: unknown }> {
  if (known !== 'exists') {
    try {
      const created = await secrets.client.send(
        new CreateSecretCommand({
          Name: put.name,
          ...(typeof put.value === 'string' ? { SecretString: put.value } : { SecretBinary: put.value }),
          ...(put.tags.length === 0 ? {} : { Tags: put.tags }),
          ...(put.description === undefined ? {} : { Description: put.description }),
          ...(put.kmsKeyId === undefined ? {} : { KmsKeyId: put.kmsKeyId }),
        }),
      );
      return { version: created.VersionId ?? '', created: true };
    } catch (error) {
      if ((error as Error).name !== 'ResourceExistsException' || !put.overwrite) throw error;
    }
  }
  // An existing secret takes its new description and key first, so that the version written next is encrypted
  // with that key; a refused update writes nothing.
  if (put.description !== undefined || put.kmsKeyId !== undefined) {
    await secrets.client.send(
      new UpdateSecretCommand({
        SecretId: put.name,
        ...(put.description === undefined ? {} : { Description: put.description }),
        ...(put.kmsKeyId === undefined ? {} : { KmsKeyId: put.kmsKeyId }),
      }),
    );
  }
  const version = await secrets.set(put.name, { value: put.value });
  if (put.tags.length === 0) return { version, created: false };
  try {
    await secrets.client.send(new TagResourceCommand({ SecretId: put.name, Tags: put.tags }));
    return { version, created: false };
  } catch (tagError) {
    return { version, created: false, tagError };
  }
}

/** Deletes a secret: after a recovery window (7 to 30 days, AWS's default 30), or at once with `force`. */
export async function deleteSecret(
  secrets: SecretsProvider,
  name: string,
  options: { force: boolean; recoveryDays?: number | undefined },
): Promise<Date | undefined> {
  const output = await secrets.client.send(
    new DeleteSecretCommand({
      SecretId: name,
      ...(options.force ? { ForceDeleteWithoutRecovery: true } : {}),
      ...(options.recoveryDays === undefined ? {} : { RecoveryWindowInDays: options.recoveryDays }),
    }),
  );
  return output.DeletionDate;
}
