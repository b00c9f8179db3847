// Type-level parity with Powertools 2.35, subpath by subpath: the same exported names, and the same types for the
// same calls. Where paramkit differs on purpose, the test asserts paramkit's type and names the section of
// docs/differences.md (or the provider page) that lists the difference.
import * as ptRoot from '@aws-lambda-powertools/parameters';
import * as ptAppConfig from '@aws-lambda-powertools/parameters/appconfig';
import type * as ptAppConfigTypes from '@aws-lambda-powertools/parameters/appconfig/types';
import * as ptAgent from '@aws-lambda-powertools/parameters/appconfig-agent';
import type * as ptAgentTypes from '@aws-lambda-powertools/parameters/appconfig-agent/types';
import * as ptBase from '@aws-lambda-powertools/parameters/base';
import type * as ptBaseTypes from '@aws-lambda-powertools/parameters/base/types';
import * as ptDynamo from '@aws-lambda-powertools/parameters/dynamodb';
import type * as ptDynamoTypes from '@aws-lambda-powertools/parameters/dynamodb/types';
import type * as ptErrors from '@aws-lambda-powertools/parameters/errors';
import * as ptSecrets from '@aws-lambda-powertools/parameters/secrets';
import type * as ptSecretsTypes from '@aws-lambda-powertools/parameters/secrets/types';
import * as ptSsm from '@aws-lambda-powertools/parameters/ssm';
import type * as ptSsmTypes from '@aws-lambda-powertools/parameters/ssm/types';
import type { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { describe, expectTypeOf, it } from 'vitest';
import * as pkAppConfig from '../src/appconfig/index.js';
import * as pkAgent from '../src/appconfig-agent/index.js';
import * as pkBase from '../src/base/index.js';
import * as pkDynamo from '../src/dynamodb/index.js';
import * as pkErrors from '../src/errors.js';
import * as pkRoot from '../src/index.js';
import * as pkSecrets from '../src/secrets/index.js';
import * as pkSsm from '../src/ssm/index.js';
// The `/x/types` subpaths: package.json maps `./ssm/types` to `types/SSMProvider`, and so on.
import type * as pkAgentTypes from '../src/types/AppConfigAgent.js';
import type * as pkAppConfigTypes from '../src/types/AppConfigProvider.js';
import type * as pkBaseTypes from '../src/types/BaseProvider.js';
import type * as pkDynamoTypes from '../src/types/DynamoDBProvider.js';
import type * as pkSecretsTypes from '../src/types/SecretsProvider.js';
import type * as pkSsmTypes from '../src/types/SSMProvider.js';

type Config = { host: string; port: number };
type JSONValue = pkRoot.JSONValue;
/** The names of `B`'s value exports that `A` lacks: `never` when `A` exports all of them. */
type Missing<A, B> = Exclude<keyof B, keyof A>;
/** The type of field `K` of every member of the union `T` (distributive), `never` where a member lacks it. */
type Field<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/** Every key of every member of a union. */
type AllKeys<T> = T extends unknown ? keyof T : never;
/** `T`'s fields as one object, with paramkit's transform functions, schemas and own options left out. */
type Fields<T, Keys extends PropertyKey> = {
  [K in Keys]: Exclude<Field<NonNullable<T>, K>, pkBaseTypes.TransformFunction>;
};

const pt = {
  ssm: new ptSsm.SSMProvider(),
  secrets: new ptSecrets.SecretsProvider(),
  appConfig: new ptAppConfig.AppConfigProvider({ environment: 'e', application: 'a' }),
  dynamo: new ptDynamo.DynamoDBProvider({ tableName: 't' }),
};
const pk = {
  ssm: new pkSsm.SSMProvider(),
  secrets: new pkSecrets.SecretsProvider(),
  appConfig: new pkAppConfig.AppConfigProvider({ environment: 'e', application: 'a' }),
  dynamo: new pkDynamo.DynamoDBProvider({ tableName: 't' }),
};
declare const someTransform: 'json' | 'binary';

describe('every subpath exports at least the values Powertools exports', () => {
  it('., /base, /errors, /ssm, /secrets, /appconfig, /appconfig-agent, /dynamodb', () => {
    expectTypeOf<Missing<typeof pkRoot, typeof ptRoot>>().toBeNever();
    expectTypeOf<Missing<typeof pkBase, typeof ptBase>>().toBeNever();
    expectTypeOf<Missing<typeof pkErrors, typeof ptErrors>>().toBeNever();
    expectTypeOf<Missing<typeof pkSsm, typeof ptSsm>>().toBeNever();
    expectTypeOf<Missing<typeof pkSecrets, typeof ptSecrets>>().toBeNever();
    expectTypeOf<Missing<typeof pkAppConfig, typeof ptAppConfig>>().toBeNever();
    expectTypeOf<Missing<typeof pkAgent, typeof ptAgent>>().toBeNever();
    expectTypeOf<Missing<typeof pkDynamo, typeof ptDynamo>>().toBeNever();
  });

  it('the root subpath: clearCaches, Transform, the error classes', () => {
    expectTypeOf(pkRoot.clearCaches).toEqualTypeOf(ptRoot.clearCaches);
    expectTypeOf(pkRoot.Transform).toEqualTypeOf(ptRoot.Transform);
    expectTypeOf(pkRoot.GetParameterError).toEqualTypeOf(pkErrors.GetParameterError);
    expectTypeOf(pkRoot.ParameterNotFoundError).toEqualTypeOf(pkErrors.ParameterNotFoundError);
    expectTypeOf(pkRoot.TransformParameterError).toEqualTypeOf(pkErrors.TransformParameterError);
  });
});

describe('/errors: the same constructors, inheritance and cause', () => {
  it('constructors take the arguments Powertools’ take', () => {
    expectTypeOf(pkErrors.GetParameterError).constructorParameters.toEqualTypeOf<
      ConstructorParameters<typeof ptErrors.GetParameterError>
    >();
    expectTypeOf(pkErrors.ParameterNotFoundError).constructorParameters.toEqualTypeOf<
      ConstructorParameters<typeof ptErrors.ParameterNotFoundError>
    >();
    expectTypeOf(pkErrors.SetParameterError).constructorParameters.toEqualTypeOf<
      ConstructorParameters<typeof ptErrors.SetParameterError>
    >();
    // paramkit adds an optional `{ cause }` (STYLE: every error takes `{ cause }`); Powertools' two arguments fit.
    expectTypeOf<ConstructorParameters<typeof ptErrors.TransformParameterError>>().toExtend<
      ConstructorParameters<typeof pkErrors.TransformParameterError>
    >();
    expectTypeOf(pkErrors.TransformParameterError).constructorParameters.toEqualTypeOf<
      [transform: string, message: string, options?: ErrorOptions]
    >();
  });

  it('inherit as in Powertools, and carry `cause`', () => {
    expectTypeOf<pkErrors.ParameterNotFoundError>().toExtend<pkErrors.GetParameterError>();
    expectTypeOf<pkErrors.GetParameterError>().toExtend<Error>();
    expectTypeOf<pkErrors.SetParameterError>().toExtend<Error>();
    expectTypeOf<pkErrors.TransformParameterError>().toExtend<Error>();
    expectTypeOf<pkErrors.GetParameterError['cause']>().toEqualTypeOf<ptErrors.GetParameterError['cause']>();
    expectTypeOf<pkErrors.SetParameterError['cause']>().toEqualTypeOf<ptErrors.SetParameterError['cause']>();
    // A paramkit error is usable wherever code expects the Powertools one (it only adds `originalError`).
    expectTypeOf<pkErrors.GetParameterError>().toExtend<ptErrors.GetParameterError>();
    expectTypeOf<pkErrors.ParameterNotFoundError>().toExtend<ptErrors.ParameterNotFoundError>();
    expectTypeOf<pkErrors.SetParameterError>().toExtend<ptErrors.SetParameterError>();
    expectTypeOf<pkErrors.TransformParameterError>().toExtend<ptErrors.TransformParameterError>();
  });
});

describe('/base and /base/types', () => {
  it('exports every type name of /base/types, with the same types where nothing is paramkit-only', () => {
    expectTypeOf<pkBaseTypes.TransformOptions>().toEqualTypeOf<ptBaseTypes.TransformOptions>();
    expectTypeOf<pkBaseTypes.ExpirableValueInterface>().toEqualTypeOf<ptBaseTypes.ExpirableValueInterface>();
    expectTypeOf<pkBaseTypes.GetMaybeUndefined<string, { throwOnMissing: true }>>().toEqualTypeOf<
      ptBaseTypes.GetMaybeUndefined<string, { throwOnMissing: true }>
    >();
    expectTypeOf<pkBaseTypes.GetMaybeUndefined<string, { maxAge: 1 }>>().toEqualTypeOf<
      ptBaseTypes.GetMaybeUndefined<string, { maxAge: 1 }>
    >();
    // Options paramkit extends (cache settings, schema, transform functions) still take Powertools' values.
    expectTypeOf<ptBaseTypes.BaseProviderConstructorOptions>().toExtend<pkBaseTypes.BaseProviderConstructorOptions>();
    expectTypeOf<Omit<ptBaseTypes.GetOptionsInterface, 'transform'>>().toExtend<pkBaseTypes.GetOptionsInterface>();
    expectTypeOf<ptBaseTypes.GetMultipleOptionsInterface>().toExtend<pkBaseTypes.GetMultipleOptionsInterface>();
    expectTypeOf<ptBaseTypes.BaseProviderInterface['clearCache']>().toEqualTypeOf<
      pkBaseTypes.BaseProviderInterface['clearCache']
    >();
  });

  it('GetOptionsInterface.transform is a transform name, not any string (finding: not in differences.md)', () => {
    // Powertools types it `Omit<TransformOptions, 'auto'>`, an object type with string's methods, which every string
    // (and a `String` object) satisfies; paramkit names the transforms it has.
    expectTypeOf<Field<pkBaseTypes.GetOptionsInterface, 'transform'>>().toEqualTypeOf<
      'json' | 'binary' | pkBaseTypes.TransformFunction | undefined
    >();
    expectTypeOf<'anything'>().toExtend<ptBaseTypes.GetOptionsInterface['transform']>();
    expectTypeOf<'anything'>().not.toExtend<pkBaseTypes.GetOptionsInterface['transform']>();
  });

  it('BaseProvider has the public methods of Powertools’, with the same types', () => {
    type PkBase = pkBase.BaseProvider;
    type PtBase = ptBase.BaseProvider;
    expectTypeOf<PkBase['addToCache']>().toEqualTypeOf<PtBase['addToCache']>();
    expectTypeOf<PkBase['clearCache']>().toEqualTypeOf<PtBase['clearCache']>();
    expectTypeOf<PkBase['hasKeyExpiredInCache']>().toEqualTypeOf<PtBase['hasKeyExpiredInCache']>();
    expectTypeOf<PkBase['get']>().returns.toEqualTypeOf<ReturnType<PtBase['get']>>();
    expectTypeOf<PkBase['getMultiple']>().returns.toEqualTypeOf<ReturnType<PtBase['getMultiple']>>();
    expectTypeOf<PkBase['get']>().parameter(0).toEqualTypeOf<string>();
    expectTypeOf<PkBase['getMultiple']>().parameter(0).toEqualTypeOf<string>();
    expectTypeOf<ptBaseTypes.GetMultipleOptionsInterface>().toExtend<Parameters<PkBase['getMultiple']>[1]>();
    // Powertools requires the constructor's argument (`super({})`); paramkit takes it or not.
    expectTypeOf<ConstructorParameters<typeof ptBase.BaseProvider>>().toExtend<
      ConstructorParameters<typeof pkBase.BaseProvider>
    >();
  });

  it('DEFAULT_PROVIDERS and clearCaches', () => {
    expectTypeOf(pkBase.clearCaches).toEqualTypeOf(ptRoot.clearCaches);
    expectTypeOf(ptBase.DEFAULT_PROVIDERS).toEqualTypeOf<Record<string, ptBaseTypes.BaseProviderInterface>>();
    expectTypeOf(pkBase.DEFAULT_PROVIDERS).toEqualTypeOf<Record<string, pkBaseTypes.BaseProviderInterface>>();
    // Every provider can be put there, as in Powertools.
    expectTypeOf(pk.ssm).toExtend<pkBaseTypes.BaseProviderInterface>();
    expectTypeOf(pk.secrets).toExtend<pkBaseTypes.BaseProviderInterface>();
    expectTypeOf(pk.appConfig).toExtend<pkBaseTypes.BaseProviderInterface>();
    expectTypeOf(pk.dynamo).toExtend<pkBaseTypes.BaseProviderInterface>();
  });

  it('GetOptions and GetMultipleOptions have the same constructors and fields, but for transform', () => {
    expectTypeOf<Omit<pkBase.GetOptions, 'transform'>>().toEqualTypeOf<Omit<ptBase.GetOptions, 'transform'>>();
    expectTypeOf<Omit<pkBase.GetMultipleOptions, 'transform'>>().toEqualTypeOf<
      Omit<ptBase.GetMultipleOptions, 'transform'>
    >();
    expectTypeOf<pkBase.GetMultipleOptions['transform']>().toEqualTypeOf<ptBase.GetMultipleOptions['transform']>();
    expectTypeOf<ConstructorParameters<typeof ptBase.GetMultipleOptions>>().toExtend<
      ConstructorParameters<typeof pkBase.GetMultipleOptions>
    >();
    // Finding (not in differences.md): Powertools types `GetOptions.transform` as any transform, 'auto' included,
    // and `GetMultipleOptions` extends `GetOptions`; paramkit leaves 'auto' out of `GetOptions.transform`, so a
    // `GetMultipleOptions` is not a `GetOptions` (src/base/GetOptions.ts, outside src/types: reported).
    expectTypeOf<ptBase.GetOptions['transform']>().toEqualTypeOf<'json' | 'binary' | 'auto' | undefined>();
    expectTypeOf<pkBase.GetOptions['transform']>().toEqualTypeOf<'json' | 'binary' | undefined>();
    expectTypeOf<ptBase.GetMultipleOptions>().toExtend<ptBase.GetOptions>();
    expectTypeOf<pkBase.GetMultipleOptions>().not.toExtend<pkBase.GetOptions>();
  });
});

describe('/ssm/types: every name, with Powertools’ types where nothing is paramkit-only', () => {
  type GetKeys = AllKeys<NonNullable<ptSsmTypes.SSMGetOptions>>;
  type MultipleKeys = AllKeys<NonNullable<ptSsmTypes.SSMGetMultipleOptions>>;

  it('option types: Powertools’ options are paramkit options, field by field the same', () => {
    expectTypeOf<ptSsmTypes.SSMGetOptions>().toExtend<pkSsmTypes.SSMGetOptions>();
    expectTypeOf<ptSsmTypes.SSMGetMultipleOptions>().toExtend<pkSsmTypes.SSMGetMultipleOptions>();
    expectTypeOf<ptSsmTypes.SSMGetParametersByNameOptions>().toExtend<pkSsmTypes.SSMGetParametersByNameOptions>();
    expectTypeOf<ptSsmTypes.SSMProviderOptions>().toExtend<pkSsmTypes.SSMProviderOptions>();
    expectTypeOf<Fields<pkSsmTypes.SSMGetOptions, GetKeys>>().toEqualTypeOf<
      Fields<ptSsmTypes.SSMGetOptions, GetKeys>
    >();
    expectTypeOf<Fields<pkSsmTypes.SSMGetMultipleOptions, MultipleKeys>>().toEqualTypeOf<
      Fields<ptSsmTypes.SSMGetMultipleOptions, MultipleKeys>
    >();
    expectTypeOf<Omit<pkSsmTypes.SSMGetParametersByNameOptions, 'schema' | 'transform'>>().toEqualTypeOf<
      Omit<ptSsmTypes.SSMGetParametersByNameOptions, 'transform'>
    >();
    expectTypeOf<pkSsmTypes.SSMSetOptions>().toEqualTypeOf<ptSsmTypes.SSMSetOptions>();
    expectTypeOf<Field<pkSsmTypes.SSMProviderOptions, 'clientConfig'>>().toEqualTypeOf<
      Field<ptSsmTypes.SSMProviderOptions, 'clientConfig'>
    >();
    expectTypeOf<Field<pkSsmTypes.SSMProviderOptions, 'awsSdkV3Client'>>().toEqualTypeOf<
      Field<ptSsmTypes.SSMProviderOptions, 'awsSdkV3Client'>
    >();
  });

  it('output types', () => {
    expectTypeOf<pkSsmTypes.SSMGetOutput>().toEqualTypeOf<ptSsmTypes.SSMGetOutput>();
    expectTypeOf<pkSsmTypes.SSMGetOutput<Config>>().toEqualTypeOf<ptSsmTypes.SSMGetOutput<Config>>();
    expectTypeOf<pkSsmTypes.SSMGetOutput<undefined, { transform: 'json' }>>().toEqualTypeOf<
      ptSsmTypes.SSMGetOutput<undefined, ptSsmTypes.SSMGetOptions & { transform: 'json' }>
    >();
    expectTypeOf<pkSsmTypes.SSMGetMultipleOutput>().toEqualTypeOf<ptSsmTypes.SSMGetMultipleOutput>();
    expectTypeOf<pkSsmTypes.SSMGetMultipleOutput<number>>().toEqualTypeOf<ptSsmTypes.SSMGetMultipleOutput<number>>();
    expectTypeOf<pkSsmTypes.SSMGetParametersByNameOutput>().toEqualTypeOf<ptSsmTypes.SSMGetParametersByNameOutput>();
    expectTypeOf<pkSsmTypes.SSMGetParametersByNameOutput<string>>().toEqualTypeOf<
      ptSsmTypes.SSMGetParametersByNameOutput<string>
    >();
    expectTypeOf<pkSsmTypes.GetMaybeUndefined<1, { throwOnMissing: true }>>().toEqualTypeOf<
      ptSsmTypes.GetMaybeUndefined<1, { throwOnMissing: true }>
    >();
  });

  it('the internal shapes Powertools exports', () => {
    expectTypeOf<pkSsmTypes.SSMGetParametersByNameOutputInterface>().toEqualTypeOf<ptSsmTypes.SSMGetParametersByNameOutputInterface>();
    expectTypeOf<ptSsmTypes.SSMSplitBatchAndDecryptParametersOutputType>().toExtend<pkSsmTypes.SSMSplitBatchAndDecryptParametersOutputType>();
    expectTypeOf<ptSsmTypes.SSMGetParametersByNameFromCacheOutputType>().toExtend<pkSsmTypes.SSMGetParametersByNameFromCacheOutputType>();
  });

  it('/ssm re-exports the option and output types under the same names', () => {
    expectTypeOf<pkSsm.SSMGetOptions>().toEqualTypeOf<pkSsmTypes.SSMGetOptions>();
    expectTypeOf<pkSsm.SSMGetMultipleOptions>().toEqualTypeOf<pkSsmTypes.SSMGetMultipleOptions>();
    expectTypeOf<pkSsm.SSMGetParametersByNameOptions>().toEqualTypeOf<pkSsmTypes.SSMGetParametersByNameOptions>();
    expectTypeOf<pkSsm.SSMSetOptions>().toEqualTypeOf<pkSsmTypes.SSMSetOptions>();
    expectTypeOf<pkSsm.SSMProviderOptions>().toEqualTypeOf<pkSsmTypes.SSMProviderOptions>();
  });
});

describe('getParameter and SSMProvider.get: the same types for the same calls', () => {
  it('without options, and with options that do not change the type', () => {
    expectTypeOf(pkSsm.getParameter('/a')).toEqualTypeOf(ptSsm.getParameter('/a'));
    expectTypeOf(pkSsm.getParameter('/a', undefined)).toEqualTypeOf(ptSsm.getParameter('/a', undefined));
    expectTypeOf(pkSsm.getParameter('/a', {})).toEqualTypeOf(ptSsm.getParameter('/a', {}));
    expectTypeOf(pkSsm.getParameter('/a', { decrypt: true })).toEqualTypeOf(
      ptSsm.getParameter('/a', { decrypt: true }),
    );
    expectTypeOf(pkSsm.getParameter('/a', { maxAge: 0 })).toEqualTypeOf(ptSsm.getParameter('/a', { maxAge: 0 }));
    expectTypeOf(pkSsm.getParameter('/a', { forceFetch: true })).toEqualTypeOf(
      ptSsm.getParameter('/a', { forceFetch: true }),
    );
    expectTypeOf(pkSsm.getParameter('/a', { throwOnMissing: false })).toEqualTypeOf(
      ptSsm.getParameter('/a', { throwOnMissing: false }),
    );
    expectTypeOf(pkSsm.getParameter('/a', { sdkOptions: { WithDecryption: true } })).toEqualTypeOf(
      ptSsm.getParameter('/a', { sdkOptions: { WithDecryption: true } }),
    );
    expectTypeOf(pk.ssm.get('/a')).toEqualTypeOf(pt.ssm.get('/a'));
    expectTypeOf(pk.ssm.get('/a', { decrypt: false, maxAge: 10, forceFetch: false })).toEqualTypeOf(
      pt.ssm.get('/a', { decrypt: false, maxAge: 10, forceFetch: false }),
    );
  });

  it('transforms', () => {
    expectTypeOf(pkSsm.getParameter('/a', { transform: 'json' })).toEqualTypeOf(
      ptSsm.getParameter('/a', { transform: 'json' }),
    );
    expectTypeOf(pkSsm.getParameter('/a', { transform: 'binary' })).toEqualTypeOf(
      ptSsm.getParameter('/a', { transform: 'binary' }),
    );
    expectTypeOf(pkSsm.getParameter('/a', { transform: pkRoot.Transform.JSON })).toEqualTypeOf(
      ptSsm.getParameter('/a', { transform: ptRoot.Transform.JSON }),
    );
    // Finding: with a transform that may be 'json' or 'binary', Powertools' type is `undefined` (its output type
    // matches no member); paramkit's is either transform's value (it was `string`, fixed in types/BaseProvider.ts).
    expectTypeOf(ptSsm.getParameter('/a', { transform: someTransform })).resolves.toEqualTypeOf<undefined>();
    expectTypeOf(pkSsm.getParameter('/a', { transform: someTransform })).resolves.toEqualTypeOf<
      JSONValue | undefined
    >();
    expectTypeOf(pkSsm.getParameters('/p', { transform: someTransform })).resolves.toEqualTypeOf<
      Record<string, JSONValue> | undefined
    >();
    expectTypeOf(pkSsm.getParameter('/a', { transform: 'json', decrypt: true, maxAge: 5 })).toEqualTypeOf(
      ptSsm.getParameter('/a', { transform: 'json', decrypt: true, maxAge: 5 }),
    );
    expectTypeOf(pk.ssm.get('/a', { transform: 'json' })).toEqualTypeOf(pt.ssm.get('/a', { transform: 'json' }));
    expectTypeOf(pk.ssm.get('/a', { transform: 'binary' })).toEqualTypeOf(pt.ssm.get('/a', { transform: 'binary' }));
    // @ts-expect-error 'auto' is for getParameters only, in both
    ptSsm.getParameter('/a', { transform: 'auto' });
    // @ts-expect-error 'auto' is for getParameters only, in both
    pkSsm.getParameter('/a', { transform: 'auto' });
  });

  it('throwOnMissing: true', () => {
    expectTypeOf(pkSsm.getParameter('/a', { throwOnMissing: true })).toEqualTypeOf(
      ptSsm.getParameter('/a', { throwOnMissing: true }),
    );
    expectTypeOf(pkSsm.getParameter('/a', { transform: 'json', throwOnMissing: true })).toEqualTypeOf(
      ptSsm.getParameter('/a', { transform: 'json', throwOnMissing: true }),
    );
    expectTypeOf(pkSsm.getParameter('/a', { transform: 'binary', throwOnMissing: true, decrypt: true })).toEqualTypeOf(
      ptSsm.getParameter('/a', { transform: 'binary', throwOnMissing: true, decrypt: true }),
    );
    expectTypeOf(pk.ssm.get('/a', { throwOnMissing: true, forceFetch: true })).toEqualTypeOf(
      pt.ssm.get('/a', { throwOnMissing: true, forceFetch: true }),
    );
  });

  it('an explicit type argument', () => {
    expectTypeOf(pkSsm.getParameter<Config>('/a')).toEqualTypeOf(ptSsm.getParameter<Config>('/a'));
    expectTypeOf(pkSsm.getParameter<Config>('/a', { transform: 'json' })).toEqualTypeOf(
      ptSsm.getParameter<Config>('/a', { transform: 'json' }),
    );
    expectTypeOf(pkSsm.getParameter<Config>('/a', { throwOnMissing: false })).toEqualTypeOf(
      ptSsm.getParameter<Config>('/a', { throwOnMissing: false }),
    );
    expectTypeOf(pk.ssm.get<number>('/a')).toEqualTypeOf(pt.ssm.get<number>('/a'));
    expectTypeOf(
      pkSsm.getParameter<Config, { transform: 'json'; throwOnMissing: true }>('/a', {
        transform: 'json',
        throwOnMissing: true,
      }),
    ).toEqualTypeOf(
      ptSsm.getParameter<Config, { transform: 'json'; throwOnMissing: true }>('/a', {
        transform: 'json',
        throwOnMissing: true,
      }),
    );
  });

  it('an explicit type argument with throwOnMissing: true (deliberate: differences.md, Types)', () => {
    expectTypeOf(ptSsm.getParameter<Config>('/a', { throwOnMissing: true })).resolves.toEqualTypeOf<
      Config | undefined
    >();
    expectTypeOf(pkSsm.getParameter<Config>('/a', { throwOnMissing: true })).resolves.toEqualTypeOf<Config>();
    expectTypeOf(pt.ssm.get<Config>('/a', { throwOnMissing: true })).resolves.toEqualTypeOf<Config | undefined>();
    expectTypeOf(pk.ssm.get<Config>('/a', { throwOnMissing: true })).resolves.toEqualTypeOf<Config>();
  });

  it('an options object typed SSMGetOptions', () => {
    const options = {} as ptSsmTypes.SSMGetOptions;
    expectTypeOf(pkSsm.getParameter('/a', options)).toEqualTypeOf(ptSsm.getParameter('/a', options));
    expectTypeOf(pk.ssm.get('/a', options)).toEqualTypeOf(pt.ssm.get('/a', options));
  });
});

describe('getParameters and SSMProvider.getMultiple', () => {
  it('without options and with each option', () => {
    expectTypeOf(pkSsm.getParameters('/p')).toEqualTypeOf(ptSsm.getParameters('/p'));
    expectTypeOf(pkSsm.getParameters('/p', {})).toEqualTypeOf(ptSsm.getParameters('/p', {}));
    expectTypeOf(pkSsm.getParameters('/p', { recursive: true, decrypt: true })).toEqualTypeOf(
      ptSsm.getParameters('/p', { recursive: true, decrypt: true }),
    );
    expectTypeOf(pkSsm.getParameters('/p', { maxAge: 1, forceFetch: true })).toEqualTypeOf(
      ptSsm.getParameters('/p', { maxAge: 1, forceFetch: true }),
    );
    expectTypeOf(pkSsm.getParameters('/p', { sdkOptions: { MaxResults: 10 } })).toEqualTypeOf(
      ptSsm.getParameters('/p', { sdkOptions: { MaxResults: 10 } }),
    );
    expectTypeOf(pkSsm.getParameters('/p', { throwOnTransformError: true, transform: 'json' })).toEqualTypeOf(
      ptSsm.getParameters('/p', { throwOnTransformError: true, transform: 'json' }),
    );
    expectTypeOf(pkSsm.getParameters('/p', { transform: 'binary' })).toEqualTypeOf(
      ptSsm.getParameters('/p', { transform: 'binary' }),
    );
    expectTypeOf(pkSsm.getParameters('/p', { transform: 'auto' })).toEqualTypeOf(
      ptSsm.getParameters('/p', { transform: 'auto' }),
    );
    expectTypeOf(pkSsm.getParameters('/p', { throwOnMissing: true })).toEqualTypeOf(
      ptSsm.getParameters('/p', { throwOnMissing: true }),
    );
    expectTypeOf(pkSsm.getParameters<number>('/p')).toEqualTypeOf(ptSsm.getParameters<number>('/p'));
    expectTypeOf(pkSsm.getParameters<Config>('/p', { transform: 'json' })).toEqualTypeOf(
      ptSsm.getParameters<Config>('/p', { transform: 'json' }),
    );
  });

  it('the provider method', () => {
    expectTypeOf(pk.ssm.getMultiple('/p')).toEqualTypeOf(pt.ssm.getMultiple('/p'));
    expectTypeOf(pk.ssm.getMultiple('/p', { transform: 'json' })).toEqualTypeOf(
      pt.ssm.getMultiple('/p', { transform: 'json' }),
    );
    expectTypeOf(pk.ssm.getMultiple('/p', { transform: 'auto', recursive: true })).toEqualTypeOf(
      pt.ssm.getMultiple('/p', { transform: 'auto', recursive: true }),
    );
    expectTypeOf(pk.ssm.getMultiple('/p', { transform: 'binary' })).toEqualTypeOf(
      pt.ssm.getMultiple('/p', { transform: 'binary' }),
    );
    expectTypeOf(pk.ssm.getMultiple<number>('/p')).toEqualTypeOf(pt.ssm.getMultiple<number>('/p'));
  });
});

describe('getParametersByName and SSMProvider.getParametersByName', () => {
  it('the record and the options', () => {
    const names = { '/a': {}, '/b': { transform: 'json' }, '/c': { decrypt: true, maxAge: 1 } } as const;
    expectTypeOf(pkSsm.getParametersByName({ '/a': {} })).toEqualTypeOf(ptSsm.getParametersByName({ '/a': {} }));
    expectTypeOf(pkSsm.getParametersByName(names)).toEqualTypeOf(ptSsm.getParametersByName(names));
    expectTypeOf(pkSsm.getParametersByName(names, { decrypt: true, maxAge: 60, transform: 'binary' })).toEqualTypeOf(
      ptSsm.getParametersByName(names, { decrypt: true, maxAge: 60, transform: 'binary' }),
    );
    expectTypeOf(pkSsm.getParametersByName(names, { throwOnError: false })).toEqualTypeOf(
      ptSsm.getParametersByName(names, { throwOnError: false }),
    );
    expectTypeOf(pkSsm.getParametersByName<string>(names, { throwOnError: false })).toEqualTypeOf(
      ptSsm.getParametersByName<string>(names, { throwOnError: false }),
    );
    expectTypeOf(pkSsm.getParametersByName<Config>(names)).toEqualTypeOf(ptSsm.getParametersByName<Config>(names));
    expectTypeOf(pk.ssm.getParametersByName(names, { throwOnError: true })).toEqualTypeOf(
      pt.ssm.getParametersByName(names, { throwOnError: true }),
    );
    expectTypeOf(pk.ssm.getParametersByName<number>(names)).toEqualTypeOf(pt.ssm.getParametersByName<number>(names));
  });

  it('gives `_errors` as string[] | undefined, and values by name', async () => {
    const { _errors, ...values } = await pkSsm.getParametersByName<string>({ '/a': {} }, { throwOnError: false });
    const powertools = await ptSsm.getParametersByName<string>({ '/a': {} }, { throwOnError: false });
    expectTypeOf(_errors).toEqualTypeOf(powertools._errors);
    expectTypeOf(_errors).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(values['/a']).toEqualTypeOf<string | undefined>();
  });
});

describe('setParameter and SSMProvider.set', () => {
  it('return the version', () => {
    expectTypeOf(pkSsm.setParameter('/a', { value: 'v' })).toEqualTypeOf(ptSsm.setParameter('/a', { value: 'v' }));
    const all = {
      value: 'v',
      overwrite: true,
      description: 'd',
      parameterType: 'SecureString',
      tier: 'Intelligent-Tiering',
      kmsKeyId: 'k',
      sdkOptions: { AllowedPattern: '.*' },
    } as const;
    expectTypeOf(pkSsm.setParameter('/a', all)).toEqualTypeOf(ptSsm.setParameter('/a', all));
    expectTypeOf(pk.ssm.set('/a', all)).toEqualTypeOf(pt.ssm.set('/a', all));
    expectTypeOf(pkSsm.setParameter).parameters.toEqualTypeOf<Parameters<typeof ptSsm.setParameter>>();
  });
});

describe('SSMProvider: constructor, client and cache methods', () => {
  it('takes Powertools’ constructor options and types `client` as an SSMClient', () => {
    expectTypeOf<ConstructorParameters<typeof ptSsm.SSMProvider>>().toExtend<
      ConstructorParameters<typeof pkSsm.SSMProvider>
    >();
    expectTypeOf(pk.ssm.client).toEqualTypeOf(pt.ssm.client);
    expectTypeOf(pk.ssm.client).toEqualTypeOf<SSMClient>();
    new pkSsm.SSMProvider({ awsSdkV3Client: pk.ssm.client });
    new pkSsm.SSMProvider({ clientConfig: { region: 'eu-west-1' } });
    // @ts-expect-error a client or a client configuration, not both (as in Powertools)
    new pkSsm.SSMProvider({ awsSdkV3Client: pk.ssm.client, clientConfig: {} });
  });

  it('addToCache, clearCache and hasKeyExpiredInCache', () => {
    expectTypeOf(pk.ssm.addToCache).toEqualTypeOf(pt.ssm.addToCache);
    expectTypeOf(pk.ssm.clearCache).toEqualTypeOf(pt.ssm.clearCache);
    expectTypeOf(pk.ssm.hasKeyExpiredInCache).toEqualTypeOf(pt.ssm.hasKeyExpiredInCache);
  });
});

describe('/secrets and /secrets/types', () => {
  type GetKeys = AllKeys<NonNullable<ptSecretsTypes.SecretsGetOptions>>;

  it('types', () => {
    expectTypeOf<ptSecretsTypes.SecretsGetOptions>().toExtend<pkSecretsTypes.SecretsGetOptions>();
    expectTypeOf<ptSecretsTypes.SecretsProviderOptions>().toExtend<pkSecretsTypes.SecretsProviderOptions>();
    expectTypeOf<Fields<pkSecretsTypes.SecretsGetOptions, GetKeys>>().toEqualTypeOf<
      Fields<ptSecretsTypes.SecretsGetOptions, GetKeys>
    >();
    expectTypeOf<pkSecretsTypes.SecretsGetOutput>().toEqualTypeOf<ptSecretsTypes.SecretsGetOutput>();
    expectTypeOf<pkSecretsTypes.SecretsGetOutput<Config>>().toEqualTypeOf<ptSecretsTypes.SecretsGetOutput<Config>>();
    expectTypeOf<pkSecretsTypes.GetMaybeUndefined<1, object>>().toEqualTypeOf<
      ptSecretsTypes.GetMaybeUndefined<1, object>
    >();
    expectTypeOf<Field<pkSecretsTypes.SecretsProviderOptions, 'clientConfig'>>().toEqualTypeOf<
      Field<ptSecretsTypes.SecretsProviderOptions, 'clientConfig'>
    >();
    expectTypeOf<pkSecrets.SecretsGetOptions>().toEqualTypeOf<pkSecretsTypes.SecretsGetOptions>();
    expectTypeOf<pkSecrets.SecretsProviderOptions>().toEqualTypeOf<pkSecretsTypes.SecretsProviderOptions>();
  });

  it('getSecret and SecretsProvider.get', () => {
    expectTypeOf(pkSecrets.getSecret('s')).toEqualTypeOf(ptSecrets.getSecret('s'));
    expectTypeOf(pkSecrets.getSecret('s', {})).toEqualTypeOf(ptSecrets.getSecret('s', {}));
    expectTypeOf(pkSecrets.getSecret('s', { maxAge: 1, forceFetch: true })).toEqualTypeOf(
      ptSecrets.getSecret('s', { maxAge: 1, forceFetch: true }),
    );
    expectTypeOf(pkSecrets.getSecret('s', { transform: 'json' })).toEqualTypeOf(
      ptSecrets.getSecret('s', { transform: 'json' }),
    );
    expectTypeOf(pkSecrets.getSecret('s', { transform: 'binary' })).toEqualTypeOf(
      ptSecrets.getSecret('s', { transform: 'binary' }),
    );
    // Finding (see getParameter): Powertools gives `undefined`, paramkit either transform's value.
    expectTypeOf(ptSecrets.getSecret('s', { transform: someTransform })).resolves.toEqualTypeOf<undefined>();
    expectTypeOf(pkSecrets.getSecret('s', { transform: someTransform })).resolves.toEqualTypeOf<
      JSONValue | undefined
    >();
    expectTypeOf(pkSecrets.getSecret('s', { throwOnMissing: true })).toEqualTypeOf(
      ptSecrets.getSecret('s', { throwOnMissing: true }),
    );
    expectTypeOf(pkSecrets.getSecret('s', { transform: 'json', throwOnMissing: true })).toEqualTypeOf(
      ptSecrets.getSecret('s', { transform: 'json', throwOnMissing: true }),
    );
    expectTypeOf(pkSecrets.getSecret('s', { throwOnMissing: false })).toEqualTypeOf(
      ptSecrets.getSecret('s', { throwOnMissing: false }),
    );
    expectTypeOf(pkSecrets.getSecret('s', { sdkOptions: { VersionStage: 'AWSPREVIOUS' } })).toEqualTypeOf(
      ptSecrets.getSecret('s', { sdkOptions: { VersionStage: 'AWSPREVIOUS' } }),
    );
    expectTypeOf(pkSecrets.getSecret<Config>('s', { transform: 'json' })).toEqualTypeOf(
      ptSecrets.getSecret<Config>('s', { transform: 'json' }),
    );
    expectTypeOf(pk.secrets.get('s')).toEqualTypeOf(pt.secrets.get('s'));
    expectTypeOf(pk.secrets.get('s', { transform: 'binary', throwOnMissing: true })).toEqualTypeOf(
      pt.secrets.get('s', { transform: 'binary', throwOnMissing: true }),
    );
    expectTypeOf(pk.secrets.get<Config>('s')).toEqualTypeOf(pt.secrets.get<Config>('s'));
    // Deliberate (differences.md, Types): the explicit type argument keeps throwOnMissing.
    expectTypeOf(ptSecrets.getSecret<Config>('s', { throwOnMissing: true })).resolves.toEqualTypeOf<
      Config | undefined
    >();
    expectTypeOf(pkSecrets.getSecret<Config>('s', { throwOnMissing: true })).resolves.toEqualTypeOf<Config>();
    // @ts-expect-error SecretId is the name argument, in both
    ptSecrets.getSecret('s', { sdkOptions: { SecretId: 'x' } });
    // @ts-expect-error SecretId is the name argument, in both
    pkSecrets.getSecret('s', { sdkOptions: { SecretId: 'x' } });
  });

  it('SecretsProvider: constructor, client, getMultiple and the cache methods', () => {
    expectTypeOf<ConstructorParameters<typeof ptSecrets.SecretsProvider>>().toExtend<
      ConstructorParameters<typeof pkSecrets.SecretsProvider>
    >();
    expectTypeOf(pk.secrets.client).toEqualTypeOf(pt.secrets.client);
    expectTypeOf(pk.secrets.client).toEqualTypeOf<SecretsManagerClient>();
    expectTypeOf(pk.secrets.getMultiple('/p')).toEqualTypeOf(pt.secrets.getMultiple('/p'));
    expectTypeOf(pk.secrets.addToCache).toEqualTypeOf(pt.secrets.addToCache);
    expectTypeOf(pk.secrets.clearCache).toEqualTypeOf(pt.secrets.clearCache);
  });
});

describe('/appconfig and /appconfig/types', () => {
  type GetKeys = AllKeys<NonNullable<ptAppConfigTypes.AppConfigGetOptions>>;
  const where = { application: 'a', environment: 'e' } as const;

  it('types', () => {
    expectTypeOf<ptAppConfigTypes.AppConfigGetOptions>().toExtend<pkAppConfigTypes.AppConfigGetOptions>();
    expectTypeOf<ptAppConfigTypes.GetAppConfigOptions>().toExtend<pkAppConfigTypes.GetAppConfigOptions>();
    expectTypeOf<ptAppConfigTypes.AppConfigProviderOptions>().toExtend<pkAppConfigTypes.AppConfigProviderOptions>();
    expectTypeOf<Fields<pkAppConfigTypes.AppConfigGetOptions, GetKeys>>().toEqualTypeOf<
      Fields<ptAppConfigTypes.AppConfigGetOptions, GetKeys>
    >();
    expectTypeOf<pkAppConfigTypes.AppConfigGetOutput>().toEqualTypeOf<ptAppConfigTypes.AppConfigGetOutput>();
    expectTypeOf<pkAppConfigTypes.AppConfigGetOutput<Config>>().toEqualTypeOf<
      ptAppConfigTypes.AppConfigGetOutput<Config>
    >();
    expectTypeOf<Field<pkAppConfigTypes.AppConfigProviderOptions, 'environment' | 'application'>>().toEqualTypeOf<
      Field<ptAppConfigTypes.AppConfigProviderOptions, 'environment' | 'application'>
    >();
    expectTypeOf<Field<pkAppConfigTypes.AppConfigProviderOptions, 'clientConfig'>>().toEqualTypeOf<
      Field<ptAppConfigTypes.AppConfigProviderOptions, 'clientConfig'>
    >();
    expectTypeOf<pkAppConfigTypes.GetMaybeUndefined<1, object>>().toEqualTypeOf<
      ptAppConfigTypes.GetMaybeUndefined<1, object>
    >();
    expectTypeOf<pkAppConfig.AppConfigGetOptions>().toEqualTypeOf<pkAppConfigTypes.AppConfigGetOptions>();
    expectTypeOf<pkAppConfig.GetAppConfigOptions>().toEqualTypeOf<pkAppConfigTypes.GetAppConfigOptions>();
  });

  it('getAppConfig', () => {
    // Finding: with no `get` option beside where to read, Powertools' type is `undefined` (its options have no
    // member in common with `AppConfigGetOptionsTransformNone`, so no branch of its output type matches), though
    // the value is the configuration's bytes; paramkit's is `Uint8Array | undefined`.
    expectTypeOf(ptAppConfig.getAppConfig('p', { environment: 'e' })).resolves.toEqualTypeOf<undefined>();
    expectTypeOf(ptAppConfig.getAppConfig('p', where)).resolves.toEqualTypeOf<undefined>();
    expectTypeOf(pkAppConfig.getAppConfig('p', { environment: 'e' })).resolves.toEqualTypeOf<Uint8Array | undefined>();
    expectTypeOf(pkAppConfig.getAppConfig('p', where)).resolves.toEqualTypeOf<Uint8Array | undefined>();
    expectTypeOf(pkAppConfig.getAppConfig('p', { ...where, maxAge: 5 })).toEqualTypeOf(
      ptAppConfig.getAppConfig('p', { ...where, maxAge: 5 }),
    );
    expectTypeOf(pkAppConfig.getAppConfig('p', { ...where, transform: 'json' })).toEqualTypeOf(
      ptAppConfig.getAppConfig('p', { ...where, transform: 'json' }),
    );
    expectTypeOf(pkAppConfig.getAppConfig('p', { ...where, transform: 'binary' })).toEqualTypeOf(
      ptAppConfig.getAppConfig('p', { ...where, transform: 'binary' }),
    );
    expectTypeOf(pkAppConfig.getAppConfig('p', { ...where, maxAge: 1, forceFetch: true })).toEqualTypeOf(
      ptAppConfig.getAppConfig('p', { ...where, maxAge: 1, forceFetch: true }),
    );
    expectTypeOf(pkAppConfig.getAppConfig('p', { ...where, throwOnMissing: true })).toEqualTypeOf(
      ptAppConfig.getAppConfig('p', { ...where, throwOnMissing: true }),
    );
    expectTypeOf(pkAppConfig.getAppConfig('p', { ...where, transform: 'json', throwOnMissing: true })).toEqualTypeOf(
      ptAppConfig.getAppConfig('p', { ...where, transform: 'json', throwOnMissing: true }),
    );
    expectTypeOf(pkAppConfig.getAppConfig('p', { ...where, throwOnMissing: false })).toEqualTypeOf(
      ptAppConfig.getAppConfig('p', { ...where, throwOnMissing: false }),
    );
    expectTypeOf(
      pkAppConfig.getAppConfig('p', { ...where, sdkOptions: { RequiredMinimumPollIntervalInSeconds: 60 } }),
    ).toEqualTypeOf(
      ptAppConfig.getAppConfig('p', { ...where, sdkOptions: { RequiredMinimumPollIntervalInSeconds: 60 } }),
    );
    expectTypeOf(pkAppConfig.getAppConfig<Config>('p', { ...where, transform: 'json' })).toEqualTypeOf(
      ptAppConfig.getAppConfig<Config>('p', { ...where, transform: 'json' }),
    );
    expectTypeOf(ptAppConfig.getAppConfig<Config>('p', { ...where, throwOnMissing: true })).resolves.toEqualTypeOf<
      Config | undefined
    >();
    // Deliberate (differences.md, Types).
    expectTypeOf(
      pkAppConfig.getAppConfig<Config>('p', { ...where, throwOnMissing: true }),
    ).resolves.toEqualTypeOf<Config>();
    // @ts-expect-error the environment is required, in both
    ptAppConfig.getAppConfig('p', { application: 'a' });
    // @ts-expect-error the environment is required, in both
    pkAppConfig.getAppConfig('p', { application: 'a' });
  });

  it('AppConfigProvider', () => {
    expectTypeOf<ConstructorParameters<typeof ptAppConfig.AppConfigProvider>>().toExtend<
      ConstructorParameters<typeof pkAppConfig.AppConfigProvider>
    >();
    expectTypeOf(pk.appConfig.client).toEqualTypeOf(pt.appConfig.client);
    expectTypeOf(pk.appConfig.client).toEqualTypeOf<AppConfigDataClient>();
    expectTypeOf(pk.appConfig.get('p')).toEqualTypeOf(pt.appConfig.get('p'));
    expectTypeOf(pk.appConfig.get('p', { transform: 'json' })).toEqualTypeOf(
      pt.appConfig.get('p', { transform: 'json' }),
    );
    expectTypeOf(pk.appConfig.get('p', { transform: 'binary', throwOnMissing: true })).toEqualTypeOf(
      pt.appConfig.get('p', { transform: 'binary', throwOnMissing: true }),
    );
    expectTypeOf(pk.appConfig.get('p', { maxAge: 1, sdkOptions: {} })).toEqualTypeOf(
      pt.appConfig.get('p', { maxAge: 1, sdkOptions: {} }),
    );
    expectTypeOf(pk.appConfig.get<Config>('p')).toEqualTypeOf(pt.appConfig.get<Config>('p'));
    expectTypeOf(pk.appConfig.getMultiple('p')).toEqualTypeOf(pt.appConfig.getMultiple('p'));
    expectTypeOf(pk.appConfig.addToCache).toEqualTypeOf(pt.appConfig.addToCache);
    expectTypeOf(pk.appConfig.clearCache).toEqualTypeOf(pt.appConfig.clearCache);
    // @ts-expect-error the environment is required, in both
    new ptAppConfig.AppConfigProvider({ application: 'a' });
    // @ts-expect-error the environment is required, in both
    new pkAppConfig.AppConfigProvider({ application: 'a' });
  });
});

describe('/appconfig-agent and /appconfig-agent/types', () => {
  it('types', () => {
    expectTypeOf<ptAgentTypes.GetConfigOptions>().toExtend<pkAgentTypes.GetConfigOptions>();
    expectTypeOf<Omit<pkAgentTypes.GetConfigOptions, 'schema' | 'transform'>>().toEqualTypeOf<
      Omit<ptAgentTypes.GetConfigOptions, 'transform'>
    >();
    expectTypeOf<pkAgentTypes.AppConfigAgentGetOutput>().toEqualTypeOf<ptAgentTypes.AppConfigAgentGetOutput>();
    expectTypeOf<
      pkAgentTypes.AppConfigAgentGetOutput<undefined, { environment: 'e'; transform: 'json' }>
    >().toEqualTypeOf<ptAgentTypes.AppConfigAgentGetOutput<undefined, { environment: 'e'; transform: 'json' }>>();
    expectTypeOf<pkAgentTypes.AppConfigAgentGetConfigOutput>().toEqualTypeOf<ptAgentTypes.AppConfigAgentGetConfigOutput>();
    expectTypeOf<
      pkAgentTypes.AppConfigAgentGetConfigOutput<Config, { environment: 'e'; throwOnMissing: true }>
    >().toEqualTypeOf<ptAgentTypes.AppConfigAgentGetConfigOutput<Config, { environment: 'e'; throwOnMissing: true }>>();
  });

  it('getConfig', () => {
    expectTypeOf(pkAgent.getConfig('p', { environment: 'e' })).toEqualTypeOf(
      ptAgent.getConfig('p', { environment: 'e' }),
    );
    expectTypeOf(pkAgent.getConfig('p', { environment: 'e', application: 'a', timeout: 1 })).toEqualTypeOf(
      ptAgent.getConfig('p', { environment: 'e', application: 'a', timeout: 1 }),
    );
    expectTypeOf(pkAgent.getConfig('p', { environment: 'e', transform: 'json' })).toEqualTypeOf(
      ptAgent.getConfig('p', { environment: 'e', transform: 'json' }),
    );
    expectTypeOf(pkAgent.getConfig('p', { environment: 'e', transform: 'binary' })).toEqualTypeOf(
      ptAgent.getConfig('p', { environment: 'e', transform: 'binary' }),
    );
    expectTypeOf(pkAgent.getConfig('p', { environment: 'e', throwOnMissing: true })).toEqualTypeOf(
      ptAgent.getConfig('p', { environment: 'e', throwOnMissing: true }),
    );
    expectTypeOf(pkAgent.getConfig('p', { environment: 'e', transform: 'json', throwOnMissing: true })).toEqualTypeOf(
      ptAgent.getConfig('p', { environment: 'e', transform: 'json', throwOnMissing: true }),
    );
    expectTypeOf(pkAgent.getConfig('p', { environment: 'e', throwOnMissing: false })).toEqualTypeOf(
      ptAgent.getConfig('p', { environment: 'e', throwOnMissing: false }),
    );
    expectTypeOf(pkAgent.getConfig<Config>('p', { environment: 'e', transform: 'json' })).toEqualTypeOf(
      ptAgent.getConfig<Config>('p', { environment: 'e', transform: 'json' }),
    );
    // Deliberate (differences.md, Types).
    expectTypeOf(ptAgent.getConfig<Config>('p', { environment: 'e', throwOnMissing: true })).resolves.toEqualTypeOf<
      Config | undefined
    >();
    expectTypeOf(
      pkAgent.getConfig<Config>('p', { environment: 'e', throwOnMissing: true }),
    ).resolves.toEqualTypeOf<Config>();
  });
});

describe('/dynamodb and /dynamodb/types', () => {
  type GetKeys = AllKeys<NonNullable<ptDynamoTypes.DynamoDBGetOptions>>;
  type MultipleKeys = AllKeys<ptDynamoTypes.DynamoDBGetMultipleOptions>;

  it('types', () => {
    expectTypeOf<ptDynamoTypes.DynamoDBGetOptions>().toExtend<pkDynamoTypes.DynamoDBGetOptions>();
    expectTypeOf<ptDynamoTypes.DynamoDBGetMultipleOptions>().toExtend<pkDynamoTypes.DynamoDBGetMultipleOptions>();
    expectTypeOf<ptDynamoTypes.DynamoDBProviderOptions>().toExtend<pkDynamoTypes.DynamoDBProviderOptions>();
    expectTypeOf<Fields<pkDynamoTypes.DynamoDBGetOptions, GetKeys>>().toEqualTypeOf<
      Fields<ptDynamoTypes.DynamoDBGetOptions, GetKeys>
    >();
    expectTypeOf<Fields<pkDynamoTypes.DynamoDBGetMultipleOptions, MultipleKeys>>().toEqualTypeOf<
      Fields<ptDynamoTypes.DynamoDBGetMultipleOptions, MultipleKeys>
    >();
    type TableKeys = 'tableName' | 'keyAttr' | 'sortAttr' | 'valueAttr' | 'clientConfig' | 'awsSdkV3Client';
    expectTypeOf<Fields<pkDynamoTypes.DynamoDBProviderOptions, TableKeys>>().toEqualTypeOf<
      Fields<ptDynamoTypes.DynamoDBProviderOptions, TableKeys>
    >();
    expectTypeOf<pkDynamoTypes.DynamoDBGetOutput>().toEqualTypeOf<ptDynamoTypes.DynamoDBGetOutput>();
    expectTypeOf<pkDynamoTypes.DynamoDBGetOutput<Config>>().toEqualTypeOf<ptDynamoTypes.DynamoDBGetOutput<Config>>();
    expectTypeOf<pkDynamoTypes.GetMaybeUndefined<1, object>>().toEqualTypeOf<
      ptDynamoTypes.GetMaybeUndefined<1, object>
    >();
    // Deliberate (dynamodb.md, Differences from Powertools): getMultiple is typed as a record of values.
    expectTypeOf<ptDynamoTypes.DynamoDBGetMultipleOutput>().toEqualTypeOf<JSONValue>();
    expectTypeOf<pkDynamoTypes.DynamoDBGetMultipleOutput>().toEqualTypeOf<Record<string, JSONValue>>();
    expectTypeOf<pkDynamo.DynamoDBGetOptions>().toEqualTypeOf<pkDynamoTypes.DynamoDBGetOptions>();
    expectTypeOf<pkDynamo.DynamoDBProviderOptions>().toEqualTypeOf<pkDynamoTypes.DynamoDBProviderOptions>();
  });

  it('DynamoDBProvider.get', () => {
    expectTypeOf(pk.dynamo.get('k')).toEqualTypeOf(pt.dynamo.get('k'));
    expectTypeOf(pk.dynamo.get('k', {})).toEqualTypeOf(pt.dynamo.get('k', {}));
    expectTypeOf(pk.dynamo.get('k', { maxAge: 1, forceFetch: true })).toEqualTypeOf(
      pt.dynamo.get('k', { maxAge: 1, forceFetch: true }),
    );
    expectTypeOf(pk.dynamo.get('k', { sdkOptions: { ConsistentRead: true } })).toEqualTypeOf(
      pt.dynamo.get('k', { sdkOptions: { ConsistentRead: true } }),
    );
    expectTypeOf(pk.dynamo.get('k', { transform: 'json' })).toEqualTypeOf(pt.dynamo.get('k', { transform: 'json' }));
    expectTypeOf(pk.dynamo.get('k', { transform: 'binary' })).toEqualTypeOf(
      pt.dynamo.get('k', { transform: 'binary' }),
    );
    expectTypeOf(pk.dynamo.get('k', { throwOnMissing: true })).toEqualTypeOf(
      pt.dynamo.get('k', { throwOnMissing: true }),
    );
    expectTypeOf(pk.dynamo.get('k', { transform: 'binary', throwOnMissing: true })).toEqualTypeOf(
      pt.dynamo.get('k', { transform: 'binary', throwOnMissing: true }),
    );
    expectTypeOf(pk.dynamo.get('k', { throwOnMissing: false })).toEqualTypeOf(
      pt.dynamo.get('k', { throwOnMissing: false }),
    );
    expectTypeOf(pk.dynamo.get<Config>('k')).toEqualTypeOf(pt.dynamo.get<Config>('k'));
    // Deliberate (differences.md, Types).
    expectTypeOf(pt.dynamo.get<Config>('k', { throwOnMissing: true })).resolves.toEqualTypeOf<Config | undefined>();
    expectTypeOf(pk.dynamo.get<Config>('k', { throwOnMissing: true })).resolves.toEqualTypeOf<Config>();
  });

  it('DynamoDBProvider.getMultiple: a record (deliberate: dynamodb.md, Differences from Powertools)', () => {
    expectTypeOf(pt.dynamo.getMultiple('p')).resolves.toEqualTypeOf<JSONValue | undefined>();
    expectTypeOf(pk.dynamo.getMultiple('p')).resolves.toEqualTypeOf<Record<string, JSONValue> | undefined>();
    expectTypeOf(pt.dynamo.getMultiple('p', { transform: 'binary' })).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(pk.dynamo.getMultiple('p', { transform: 'binary' })).resolves.toEqualTypeOf<
      Record<string, string> | undefined
    >();
    expectTypeOf(pk.dynamo.getMultiple('p', { transform: 'auto', sdkOptions: { Limit: 5 } })).resolves.toEqualTypeOf<
      Record<string, JSONValue> | undefined
    >();
    // With a type argument, Powertools types the whole result as it; paramkit each value.
    expectTypeOf(pt.dynamo.getMultiple<number>('p')).resolves.toEqualTypeOf<number | undefined>();
    expectTypeOf(pk.dynamo.getMultiple<number>('p')).resolves.toEqualTypeOf<Record<string, number> | undefined>();
  });

  it('DynamoDBProvider: constructor, client and the cache methods', () => {
    expectTypeOf<ConstructorParameters<typeof ptDynamo.DynamoDBProvider>>().toExtend<
      ConstructorParameters<typeof pkDynamo.DynamoDBProvider>
    >();
    expectTypeOf(pk.dynamo.client).toEqualTypeOf(pt.dynamo.client);
    expectTypeOf(pk.dynamo.client).toEqualTypeOf<DynamoDBClient>();
    expectTypeOf(pk.dynamo.addToCache).toEqualTypeOf(pt.dynamo.addToCache);
    expectTypeOf(pk.dynamo.clearCache).toEqualTypeOf(pt.dynamo.clearCache);
    // @ts-expect-error tableName is required, in both
    new ptDynamo.DynamoDBProvider({ keyAttr: 'k' });
    // @ts-expect-error tableName is required, in both
    new pkDynamo.DynamoDBProvider({ keyAttr: 'k' });
  });
});

// Subclasses written as Powertools' docs write them (the import swapped). The same code is compiled against both
// packages' builds in the report's scratch project; these are the parts that differ.
describe('subclasses written for Powertools', () => {
  it('a custom provider implementing _get and _getMultiple compiles unchanged', () => {
    class EnvProvider extends pkBase.BaseProvider {
      constructor() {
        super({});
      }
      protected override async _get(name: string): Promise<string | undefined> {
        return process.env[name];
      }
      protected override async _getMultiple(path: string): Promise<Record<string, string | undefined>> {
        return Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith(path)));
      }
    }
    expectTypeOf(new EnvProvider().get('PORT', { maxAge: 60 })).toEqualTypeOf<Promise<unknown>>();
  });

  it('a subclass of SSMProvider overriding _get and _getMultiple compiles unchanged', () => {
    class LoggingSSMProvider extends pkSsm.SSMProvider {
      protected override async _get(name: string, options?: NonNullable<pkSsm.SSMGetOptions>) {
        return super._get(name, options);
      }
      protected override async _getMultiple(path: string, options?: NonNullable<pkSsm.SSMGetMultipleOptions>) {
        return super._getMultiple(path, options);
      }
    }
    expectTypeOf(new LoggingSSMProvider().get('/a')).toEqualTypeOf(pt.ssm.get('/a'));
  });

  it('findings: declarations that reject code Powertools accepts', () => {
    class Vault {
      read = async (name: string): Promise<Record<string, unknown>> => ({ name });
    }
    // Powertools' custom-provider docs declare `public client: Vault;`: `client` is a property of BaseProvider in
    // both (paramkit puts the accessor that creates it on first use on the prototype), so a field of that name
    // compiles; `override` only because this repository's tsconfig has noImplicitOverride, as it would with
    // Powertools.
    class VaultProvider extends pkBase.BaseProvider {
      public override client: Vault = new Vault();
      protected override async _get(name: string) {
        return this.client.read(name);
      }
      protected override async _getMultiple(): Promise<undefined> {
        return undefined;
      }
    }
    // Finding: `get` of SSMProvider, SecretsProvider and DynamoDBProvider is declared as a property (TypedGet's
    // `['get']`), so overriding it with a method is TS2425, and its throwOnMissing overload rejects Powertools'
    // own signature for it (TS2416) (src/ssm/SSMProviderCore.ts, src/secrets/SecretsProviderCore.ts,
    // src/dynamodb/DynamoDBProvider.ts).
    class TracedSSM extends pkSsm.SSMProvider {
      // @ts-expect-error TS2416 and TS2425
      public override async get<E = undefined, I extends pkSsm.SSMGetOptions | undefined = pkSsm.SSMGetOptions>(
        name: string,
        options?: NonNullable<I & pkSsm.SSMGetOptions>,
      ): Promise<pkSsm.GetMaybeUndefined<pkSsm.SSMGetOutput<E, I>, I>> {
        return super.get<E, I>(name, options);
      }
    }
    // SecretsProvider's and AppConfigProvider's `_getMultiple` keep Powertools' signature, so overrides written
    // for Powertools compile.
    class NoListSecrets extends pkSecrets.SecretsProvider {
      protected override async _getMultiple(_path: string, _options?: unknown): Promise<Record<string, unknown>> {
        return {};
      }
    }
    class NoListAppConfig extends pkAppConfig.AppConfigProvider {
      protected override async _getMultiple(_path: string, _options?: unknown): Promise<Record<string, unknown>> {
        return {};
      }
    }
    // DynamoDBProvider's `_get` and `_getMultiple` resolve to Powertools' types.
    class LoggingDynamo extends pkDynamo.DynamoDBProvider {
      protected override async _get(
        name: string,
        options?: NonNullable<pkDynamo.DynamoDBGetOptions>,
      ): Promise<JSONValue | undefined> {
        return super._get(name, options);
      }
      protected override async _getMultiple(
        path: string,
        options?: NonNullable<pkDynamo.DynamoDBGetMultipleOptions>,
      ): Promise<Record<string, JSONValue>> {
        return super._getMultiple(path, options);
      }
    }
    expectTypeOf([VaultProvider, TracedSSM, NoListSecrets, NoListAppConfig, LoggingDynamo]).not.toBeNever();
  });
});
