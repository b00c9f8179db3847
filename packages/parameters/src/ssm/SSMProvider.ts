import {
  GetParametersByPathCommand,
  type GetParametersByPathCommandInput,
  type GetParametersByPathCommandOutput,
  PutParameterCommand,
  type PutParameterCommandInput,
  type PutParameterCommandOutput,
} from '@aws-sdk/client-ssm';
import { addMethods } from '../base/addMethods.js';
import { BaseProvider } from '../base/BaseProvider.js';
import { assertPrefetchRecord } from '../base/prefetchArguments.js';
import type { CacheEngine } from '../engine/CacheEngine.js';
import type { SourceRequest } from '../engine/EntryStore.js';
import type { CacheKey } from '../engine/options.js';
import { SetParameterError } from '../errors.js';
import type {
  SSMGetMultipleOptions,
  SSMGetOptionsBase,
  SSMGetParametersByNameOptions,
  SSMSetOptions,
} from '../types/SSMProvider.js';
import { type BatchHooks, getParametersByNameBatched } from './parametersByName.js';
import { SSMProvider as SSMProviderCore, ssmInternals } from './SSMProviderCore.js';

/** What the methods below use of an `SSMProvider`: its protected members, seen from outside the class body. */
interface SSMInternals {
  readonly engine: CacheEngine;
  send<Output>(command: unknown): Promise<Output>;
  cacheKeyOf(name: string, options?: object): CacheKey;
  maxAgeMsOf(maxAge: number | undefined): number;
  transformAndValidate(raw: string, name: string, options: SSMGetOptionsBase): Promise<unknown>;
  singleSource(name: string, options?: SSMGetOptionsBase): SourceRequest<unknown>;
  getCacheKey(name: string, options?: object): string;
  cacheValue(key: string, value: unknown, maxAge: number | undefined, source?: SourceRequest<unknown>): void;
  invalidate(name: string): void;
  getParametersByName(
    parameters: Record<string, SSMGetParametersByNameOptions>,
    options?: SSMGetParametersByNameOptions,
  ): Promise<unknown>;
}

/** `SSMProvider`'s methods beyond `get` (typed and documented on the class, in `SSMProviderCore.ts`). */
const ssmMethods: ThisType<SSMInternals> & Record<string, unknown> = {
  getParametersByName(
    parameters: Record<string, SSMGetParametersByNameOptions>,
    options?: SSMGetParametersByNameOptions,
  ): Promise<unknown> {
    // Not imported on first use like the writes: a batch must be in flight as the call returns, for the reads
    // that follow a prefetch to join it.
    const hooks: BatchHooks = {
      engine: this.engine,
      send: (command) => this.send(command),
      keyFor: (name, opts) => this.cacheKeyOf(name, opts),
      maxAgeMs: (maxAge) => this.maxAgeMsOf(maxAge),
      transform: (raw, name, opts) => this.transformAndValidate(raw, name, opts),
      sourceOf: (name, opts) => this.singleSource(name, opts),
      decryptByDefault: () => ssmInternals.decrypts(this, undefined),
    };
    return getParametersByNameBatched(hooks, parameters, options);
  },

  prefetchByName(
    parameters: Record<string, SSMGetParametersByNameOptions>,
    options?: Omit<SSMGetParametersByNameOptions, 'throwOnError'>,
  ): Promise<void> {
    assertPrefetchRecord(parameters, 'prefetchByName');
    return this.getParametersByName(parameters, { ...options, throwOnError: false }).then(
      () => undefined,
      () => undefined,
    );
  },

  async set(name: string, options: SSMSetOptions): Promise<number> {
    // Refused before any call, with the error class Powertools gives once AWS has refused them.
    if (typeof name !== 'string' || name === '') {
      throw new SetParameterError(`The name to set must be a non-empty string, got ${describe(name)}`);
    }
    if (typeof options?.value !== 'string') {
      throw new SetParameterError(`The value to set for '${name}' must be a string, got ${describe(options?.value)}`);
    }
    const type = options.parameterType ?? 'String';
    const input: PutParameterCommandInput = {
      Tier: options.tier ?? 'Standard',
      Type: type,
      Overwrite: options.overwrite ?? false,
      ...(options.kmsKeyId ? { KeyId: options.kmsKeyId } : {}),
      ...(options.description ? { Description: options.description } : {}),
      ...options.sdkOptions,
      Name: name,
      Value: options.value,
    };
    let output: PutParameterCommandOutput;
    try {
      output = await this.send(new PutParameterCommand(input));
    } catch (error) {
      throw new SetParameterError(`Unable to set parameter with name ${name}`, { cause: error });
    }
    this.invalidate(name);
    // Cached as the get it answers would fetch it, so that refresh-ahead keeps it fresh as it does a read value.
    const readOptions = { decrypt: input.Type === 'SecureString' };
    this.cacheValue(
      this.getCacheKey(name, readOptions),
      options.value,
      undefined,
      this.singleSource(name, readOptions),
    );
    return output.Version as number;
  },

  async _getMultiple(
    path: string,
    options?: NonNullable<SSMGetMultipleOptions>,
  ): Promise<Record<string, string | undefined>> {
    const input: GetParametersByPathCommandInput = {
      ...options?.sdkOptions,
      Path: path,
      WithDecryption: ssmInternals.decrypts(this, options),
      Recursive: options?.recursive ?? options?.sdkOptions?.Recursive,
    };
    const parameters: Record<string, string | undefined> = {};
    let nextToken: string | undefined;
    do {
      const page: GetParametersByPathCommandOutput = await this.send(
        new GetParametersByPathCommand({ ...input, NextToken: nextToken }),
      );
      for (const parameter of page.Parameters ?? []) {
        const fullName = parameter.Name ?? '';
        let relative = fullName.startsWith(path) ? fullName.slice(path.length) : fullName;
        if (relative.startsWith('/')) relative = relative.slice(1);
        parameters[relative] = parameter.Value;
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return parameters;
  },
};

/** Completes `SSMProvider` (on the complete `BaseProvider`) with every method beyond `get`. */
function withSsmMethods(core: typeof SSMProviderCore, base: typeof BaseProvider): typeof SSMProviderCore {
  if (!(core.prototype instanceof base)) throw new TypeError('SSMProvider must extend BaseProvider');
  return addMethods(core, ssmMethods);
}

/**
 * Reads and writes AWS Systems Manager Parameter Store parameters, with the cache of `BaseProvider`.
 *
 * @example
 * ```ts
 * import { SSMProvider } from '@paramkit/parameters/ssm';
 *
 * const ssm = new SSMProvider({ clientConfig: { region: 'eu-west-1' } });
 * const db = await ssm.get('/app/db', { decrypt: true, transform: 'json', maxAge: 60 });
 * ```
 */
export const SSMProvider: typeof SSMProviderCore = /* @__PURE__ */ withSsmMethods(SSMProviderCore, BaseProvider);
export type SSMProvider = SSMProviderCore;

/** What a refused argument was, without its content (a value to set may be a secret). */
function describe(argument: unknown): string {
  if (argument === '') return 'an empty string';
  return argument === null ? 'null' : typeof argument;
}
