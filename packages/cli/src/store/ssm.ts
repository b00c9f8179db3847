import {
  AddTagsToResourceCommand,
  DeleteParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  type GetParameterHistoryCommandOutput,
  GetParametersByPathCommand,
  type GetParametersByPathCommandOutput,
  GetParametersCommand,
  type ParameterTier,
  type ParameterType,
  type Tag,
} from '@aws-sdk/client-ssm';
import type { SSMProvider } from '@paramkit/parameters/ssm';
import { toEnvName } from '../envNames.js';
import { type Entry, type OnProgress, relativeKey } from './types.js';

/** Parameter Store's tiers, as `--tier` takes them. */
export const TIERS: readonly ParameterTier[] = ['Standard', 'Advanced', 'Intelligent-Tiering'];
/** The longest value (in characters) each tier holds: Standard 4 KB, Advanced 8 KB. */
export const MAX_STANDARD_VALUE = 4096;
export const MAX_ADVANCED_VALUE = 8192;

/** GetParametersByPath returns at most ten parameters a page. */
const PAGE_SIZE = 10;
/** DeleteParameters takes at most ten names a call. */
const DELETE_BATCH = 10;

/** Every parameter under `path` (all pages), decrypted when `decrypt`. */
export async function readSsmPath(
  ssm: SSMProvider,
  path: string,
  options: { recursive: boolean; decrypt: boolean; onProgress?: OnProgress },
): Promise<Entry[]> {
  const entries: Entry[] = [];
  let nextToken: string | undefined;
  do {
    const page: GetParametersByPathCommandOutput = await ssm.client.send(
      new GetParametersByPathCommand({
        Path: path,
        Recursive: options.recursive,
        WithDecryption: options.decrypt,
        MaxResults: PAGE_SIZE,
        NextToken: nextToken,
      }),
    );
    for (const parameter of page.Parameters ?? []) {
      const name = parameter.Name ?? '';
      const key = relativeKey(path, name);
      entries.push({
        key,
        name,
        value: parameter.Value ?? '',
        secret: parameter.Type === 'SecureString',
        envName: toEnvName(key),
        type: parameter.Type,
        version: parameter.Version === undefined ? undefined : String(parameter.Version),
        modified: parameter.LastModifiedDate,
      });
    }
    options.onProgress?.(entries.length);
    nextToken = page.NextToken;
  } while (nextToken);
  return entries;
}

/** The type of an existing parameter, or `undefined` when there is none. */
export async function ssmTypeOf(ssm: SSMProvider, name: string): Promise<ParameterType | undefined> {
  try {
    const output = await ssm.client.send(new GetParameterCommand({ Name: name }));
    return output.Parameter?.Type as ParameterType | undefined;
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return undefined;
    throw error;
  }
}

/** GetParameters takes at most ten names a call. */
const GET_BATCH = 10;

/**
 * The types of parameters by the names asked for (`/a`, `/a:3`), in GetParameters calls of ten, undecrypted: the
 * values are not what is wanted. Names that do not exist are left out.
 */
export async function ssmTypes(ssm: SSMProvider, names: readonly string[]): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  const batches: string[][] = [];
  for (let start = 0; start < names.length; start += GET_BATCH) batches.push(names.slice(start, start + GET_BATCH));
  await Promise.all(
    batches.map(async (batch) => {
      const output = await ssm.client.send(new GetParametersCommand({ Names: batch, WithDecryption: false }));
      for (const parameter of output.Parameters ?? []) {
        if (parameter.Name === undefined || parameter.Type === undefined) continue;
        types.set(`${parameter.Name}${parameter.Selector ?? ''}`, parameter.Type);
      }
    }),
  );
  return types;
}

/** One version of a parameter, newest last. */
export interface HistoryEntry {
  version: string;
  modified: Date | undefined;
  by: string | undefined;
  labels: string[];
  type: string | undefined;
  value: string | undefined;
  /** SSM's tier of this version (`Standard`, `Advanced`); secrets have none. */
  tier?: string | undefined;
}

export async function ssmHistory(ssm: SSMProvider, name: string, reveal: boolean): Promise<HistoryEntry[]> {
  const history: HistoryEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page: GetParameterHistoryCommandOutput = await ssm.client.send(
      new GetParameterHistoryCommand({ Name: name, WithDecryption: reveal, MaxResults: 50, NextToken: nextToken }),
    );
    for (const version of page.Parameters ?? []) {
      history.push({
        version: String(version.Version ?? ''),
        modified: version.LastModifiedDate,
        by: version.LastModifiedUser,
        labels: version.Labels ?? [],
        type: version.Type,
        value: reveal ? version.Value : undefined,
        tier: version.Tier,
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return history;
}

/** What a put asks for; `type` undefined keeps an existing parameter's type (and makes new ones SecureString). */
export interface SsmPut {
  name: string;
  value: string;
  type: ParameterType | undefined;
  overwrite: boolean;
  tags: Tag[];
  description?: string | undefined;
  kmsKeyId?: string | undefined;
  /** Parameter Store's tier; Standard (the library's default) holds up to 4 KB, Advanced up to 8 KB. */
  tier?: ParameterTier | undefined;
}

/** The result of a put: the new version, and whether the tags could not be applied (with why). */
export interface SsmPutResult {
  version: number;
  tagError?: unknown;
}

/** The type a put writes: the one asked for, else the existing parameter's, else SecureString (safe by default). */
export const DEFAULT_NEW_TYPE: ParameterType = 'SecureString';

/**
 * Writes a parameter with the library's `SSMProvider.set`. PutParameter refuses tags together with `Overwrite`, so a
 * tagged put first tries to create; an existing parameter (with `overwrite`) is then updated and tagged apart.
 */
export async function putSsm(ssm: SSMProvider, put: SsmPut, knownType?: ParameterType): Promise<SsmPutResult> {
  const existingType = put.type ?? knownType ?? (put.overwrite ? await ssmTypeOf(ssm, put.name) : undefined);
  const options = {
    value: put.value,
    parameterType: put.type ?? existingType ?? DEFAULT_NEW_TYPE,
    ...(put.description === undefined ? {} : { description: put.description }),
    ...(put.kmsKeyId === undefined ? {} : { kmsKeyId: put.kmsKeyId }),
    ...(put.tier === undefined ? {} : { tier: put.tier }),
  };
  // The library sends Tier 'Standard' when none is given, and AWS refuses that for an Advanced parameter (it never
  // downgrades one): an overwrite without --tier sends no tier, so the parameter keeps the one it has.
  const overwriting = {
    ...options,
    overwrite: true,
    ...(put.tier === undefined ? { sdkOptions: { Tier: undefined } } : {}),
  };
  if (put.tags.length === 0) {
    return { version: await ssm.set(put.name, put.overwrite ? overwriting : { ...options, overwrite: false }) };
  }
  try {
    return { version: await ssm.set(put.name, { ...options, overwrite: false, sdkOptions: { Tags: put.tags } }) };
  } catch (error) {
    if (!put.overwrite || (error as Error).cause === undefined || !isAlreadyExists((error as Error).cause)) throw error;
  }
  const version = await ssm.set(put.name, overwriting);
  try {
    await ssm.client.send(
      new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: put.name, Tags: put.tags }),
    );
    return { version };
  } catch (tagError) {
    return { version, tagError };
  }
}

function isAlreadyExists(error: unknown): boolean {
  return (error as Error | null)?.name === 'ParameterAlreadyExists';
}

/** Deletes parameters, ten a call; returns the names deleted and those that did not exist. */
export async function deleteSsm(
  ssm: SSMProvider,
  names: readonly string[],
): Promise<{ deleted: string[]; missing: string[]; failed: Array<{ name: string; error: unknown }> }> {
  const deleted: string[] = [];
  const missing: string[] = [];
  // A refused call fails its own batch only: the batches before it were deleted, and those after it are still tried.
  const failed: Array<{ name: string; error: unknown }> = [];
  for (let start = 0; start < names.length; start += DELETE_BATCH) {
    const batch = names.slice(start, start + DELETE_BATCH);
    try {
      const output = await ssm.client.send(new DeleteParametersCommand({ Names: batch }));
      deleted.push(...(output.DeletedParameters ?? []));
      missing.push(...(output.InvalidParameters ?? []));
    } catch (error) {
      failed.push(...batch.map((name) => ({ name, error })));
    }
  }
  return { deleted, missing, failed };
}
