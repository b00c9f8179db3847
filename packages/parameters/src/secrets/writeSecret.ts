import {
  CreateSecretCommand,
  type CreateSecretCommandInput,
  type CreateSecretCommandOutput,
  PutSecretValueCommand,
  type PutSecretValueCommandInput,
  type PutSecretValueCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import { isNotFoundError } from '../engine/errorKinds.js';
import { SetParameterError } from '../errors.js';
import type { SecretsSetOptions } from '../types/SecretsProvider.js';

/** Sends one command with the provider's client (and counts it). */
export type SendCommand = <Output>(command: PutSecretValueCommand | CreateSecretCommand) => Promise<Output>;

/** What a write did, for the provider's cache. */
export interface WrittenSecret {
  versionId: string;
  /** Names the secret is known by in the service's answer (its name and ARN), to drop from the cache. */
  aliases: string[];
  /** Whether the new version is AWSCURRENT, i.e. what a plain `get` now reads. */
  current: boolean;
}

/**
 * Adds a version with `PutSecretValue`; with `createIfMissing`, a secret that does not exist is created with
 * `CreateSecret`. When another writer creates it first, the put is tried once more. Errors are `SetParameterError`s
 * that name the secret and the service's error code, never the value.
 */
export async function writeSecret(send: SendCommand, name: string, options: SecretsSetOptions): Promise<WrittenSecret> {
  if (typeof name !== 'string' || name === '') throw new TypeError('The secret name must be a non-empty string');
  const value = options?.value;
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
    throw new TypeError(`The value to set for secret '${name}' must be a string or a Uint8Array`);
  }
  const valueMember = typeof value === 'string' ? { SecretString: value } : { SecretBinary: value };
  const putInput: PutSecretValueCommandInput = { ...options.sdkOptions, SecretId: name, ...valueMember };
  try {
    try {
      return fromPut(await send<PutSecretValueCommandOutput>(new PutSecretValueCommand(putInput)), putInput);
    } catch (error) {
      if (options.createIfMissing !== true || !isNotFoundError(error)) throw error;
    }
    const createInput: CreateSecretCommandInput = {
      Name: name,
      ...valueMember,
      ...(options.description === undefined ? {} : { Description: options.description }),
      ...(options.kmsKeyId === undefined ? {} : { KmsKeyId: options.kmsKeyId }),
      ...(options.sdkOptions?.ClientRequestToken === undefined
        ? {}
        : { ClientRequestToken: options.sdkOptions.ClientRequestToken }),
    };
    try {
      const created = await send<CreateSecretCommandOutput>(new CreateSecretCommand(createInput));
      // The first version of a new secret is always AWSCURRENT.
      return { versionId: created.VersionId as string, aliases: aliasesOf(created), current: true };
    } catch (error) {
      if ((error as Error | null)?.name !== 'ResourceExistsException') throw error;
    }
    return fromPut(await send<PutSecretValueCommandOutput>(new PutSecretValueCommand(putInput)), putInput);
  } catch (error) {
    const code = error instanceof Error ? error.name : 'Error';
    throw new SetParameterError(`Unable to set secret with name ${name} (${code})`, { cause: error });
  }
}

function fromPut(output: PutSecretValueCommandOutput, input: PutSecretValueCommandInput): WrittenSecret {
  // The answer lists the new version's labels; without them, the labels asked for (AWSCURRENT by default) apply.
  const stages = output.VersionStages ?? input.VersionStages ?? ['AWSCURRENT'];
  return { versionId: output.VersionId as string, aliases: aliasesOf(output), current: stages.includes('AWSCURRENT') };
}

function aliasesOf(output: { ARN?: string | undefined; Name?: string | undefined }): string[] {
  return [output.ARN, output.Name].filter((alias): alias is string => typeof alias === 'string' && alias !== '');
}
