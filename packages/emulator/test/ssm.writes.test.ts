import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  HierarchyLevelLimitExceededException,
  HierarchyTypeMismatchException,
  InvalidAllowedPatternException,
  InvalidKeyId,
  LabelParameterVersionCommand,
  ParameterAlreadyExists,
  ParameterMaxVersionLimitExceeded,
  ParameterNotFound,
  ParameterPatternMismatchException,
  ParameterVersionLabelLimitExceeded,
  ParameterVersionNotFound,
  PutParameterCommand,
  type PutParameterCommandInput,
  UnlabelParameterVersionCommand,
  ValidationException,
} from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { useSsm } from './support/ssm.js';

const ctx = useSsm();

const put = (input: Partial<PutParameterCommandInput>) =>
  ctx.client.send(new PutParameterCommand({ Name: '/app/p', Value: 'v', Type: 'String', ...input }));
const putError = (input: Partial<PutParameterCommandInput>) => rejection(put(input));
const value = async (Name: string) =>
  (await ctx.client.send(new GetParameterCommand({ Name, WithDecryption: true }))).Parameter?.Value;

describe('PutParameter', () => {
  it('creates version 1, then needs Overwrite for each next version', async () => {
    expect(await put({})).toMatchObject({ Version: 1, Tier: 'Standard' });
    expect(await putError({ Value: 'w' })).toBeInstanceOf(ParameterAlreadyExists);
    expect(await put({ Value: 'w', Overwrite: true, Type: undefined })).toMatchObject({ Version: 2 });
    expect(await value('/app/p')).toBe('w');
  });

  it('keeps the type, description and key of earlier versions when an update leaves them out', async () => {
    await put({ Type: 'SecureString', KeyId: 'alias/mine', Description: 'first', Value: 'a' });
    await put({ Type: undefined, Overwrite: true, Value: 'b' });
    const { Parameters } = await ctx.client.send(new GetParameterHistoryCommand({ Name: '/app/p' }));
    expect(Parameters?.[1]).toMatchObject({ Type: 'SecureString', KeyId: 'alias/mine', Description: 'first' });
  });

  it('requires a type for a new parameter and refuses to change it later', async () => {
    expect(await putError({ Type: undefined })).toBeInstanceOf(ValidationException);
    await put({});
    expect(await putError({ Type: 'SecureString', Overwrite: true })).toBeInstanceOf(HierarchyTypeMismatchException);
  });

  it('validates required members, enums and the value', async () => {
    expect((await putError({ Value: undefined })).message).toContain("at 'value'");
    expect((await putError({ Name: undefined })).message).toContain("at 'name'");
    expect(await putError({ Type: 'Number' as never })).toBeInstanceOf(ValidationException);
    expect(await putError({ Tier: 'Premium' as never })).toBeInstanceOf(ValidationException);
    expect(await putError({ Value: '' })).toBeInstanceOf(ValidationException);
    expect(await putError({ DataType: 'TEXT' })).toBeInstanceOf(ValidationException);
    expect(await putError({ Description: 'd'.repeat(1025) })).toBeInstanceOf(ValidationException);
  });

  it.each([
    ['/aws/reserved', 'prefixed'],
    ['SSM-thing', 'prefixed'],
    ['/app/has space', 'invalid'],
    ['/app//double', 'invalid'],
    ['/app/trailing/', 'invalid'],
    ['/app/p:1', 'invalid'],
    ['relative/path', 'fully qualified'],
    [`/${'n'.repeat(1011)}`, 'maximum length'],
  ])('rejects the name %s with ValidationException', async (Name, message) => {
    const error = await putError({ Name });
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain(message);
  });

  it('allows 15 hierarchy levels and answers HierarchyLevelLimitExceededException beyond', async () => {
    const levels = (n: number) => `/${Array.from({ length: n }, (_, i) => `l${i}`).join('/')}`;
    await expect(put({ Name: levels(15) })).resolves.toMatchObject({ Version: 1 });
    expect(await putError({ Name: levels(16) })).toBeInstanceOf(HierarchyLevelLimitExceededException);
  });

  it('enforces the tier value sizes; Intelligent-Tiering picks Advanced for large values', async () => {
    const large = 'x'.repeat(5000);
    expect((await putError({ Value: large })).message).toContain('4096');
    expect(await put({ Value: large, Tier: 'Intelligent-Tiering' })).toMatchObject({ Tier: 'Advanced' });
    expect(await put({ Name: '/small', Tier: 'Intelligent-Tiering' })).toMatchObject({ Tier: 'Standard' });
    expect(await putError({ Name: '/huge', Value: 'x'.repeat(8193), Tier: 'Advanced' })).toBeInstanceOf(
      ValidationException,
    );
  });

  it('never downgrades an advanced parameter', async () => {
    await put({ Tier: 'Advanced' });
    expect(await put({ Overwrite: true, Value: 'w' })).toMatchObject({ Tier: 'Advanced' });
    expect(await putError({ Overwrite: true, Tier: 'Standard' })).toBeInstanceOf(ValidationException);
  });

  it('checks KeyId: SecureString only, and well-formed', async () => {
    expect(await putError({ KeyId: 'alias/x' })).toBeInstanceOf(ValidationException);
    expect(await putError({ Type: 'SecureString', KeyId: 'not-a-key' })).toBeInstanceOf(InvalidKeyId);
    const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await expect(put({ Type: 'SecureString', KeyId: keyArn })).resolves.toMatchObject({ Version: 1 });
  });

  it('checks the value against AllowedPattern, which must be a valid regular expression', async () => {
    expect(await putError({ AllowedPattern: '^\\d+$', Value: 'abc' })).toBeInstanceOf(
      ParameterPatternMismatchException,
    );
    expect(await putError({ AllowedPattern: '(' })).toBeInstanceOf(InvalidAllowedPatternException);
    await put({ AllowedPattern: '^\\d+$', Value: '42' });
    // The stored pattern keeps applying to later versions.
    expect(await putError({ Overwrite: true, Value: 'abc' })).toBeInstanceOf(ParameterPatternMismatchException);
  });

  it('never changes a DataType to or from aws:ec2:image, as the Parameter Store guide says', async () => {
    await put({});
    const toImage = await putError({ Overwrite: true, Value: 'ami-0123456789abcdef0', DataType: 'aws:ec2:image' });
    expect(toImage).toBeInstanceOf(ValidationException);
    expect(toImage.message).toContain("can't be changed from text to aws:ec2:image");
    await put({ Name: '/ami', Value: 'ami-0123456789abcdef0', DataType: 'aws:ec2:image' });
    expect(await putError({ Name: '/ami', Overwrite: true, Value: 'plain', DataType: 'text' })).toBeInstanceOf(
      ValidationException,
    );
    // Left out, the data type is kept, so the new value is checked as an image id too.
    await put({ Name: '/ami', Overwrite: true, Value: 'ami-12345678', Type: undefined });
    const { Parameter } = await ctx.client.send(new GetParameterCommand({ Name: '/ami' }));
    expect(Parameter).toMatchObject({ Value: 'ami-12345678', DataType: 'aws:ec2:image', Version: 2 });
  });

  it('answers an aws:ec2:image value that is not an AMI id with success, and stores nothing, as AWS does', async () => {
    expect(await put({ Value: 'not-an-ami', DataType: 'aws:ec2:image' })).toMatchObject({ Version: 1 });
    expect(await rejection(ctx.client.send(new GetParameterCommand({ Name: '/app/p' })))).toBeInstanceOf(
      ParameterNotFound,
    );
    await put({ Value: 'ami-12345678', DataType: 'aws:ec2:image' });
    expect(await put({ Overwrite: true, Value: 'ami-XYZ', Type: undefined })).toMatchObject({ Version: 2 });
    expect(await value('/app/p')).toBe('ami-12345678');
    expect(() => ctx.emulator.ssm.putParameter({ name: '/app/p', value: 'ami-1', dataType: 'aws:ec2:image' })).toThrow(
      TypeError,
    );
  });

  it('refuses Tags together with Overwrite', async () => {
    expect(await putError({ Overwrite: true, Tags: [{ Key: 'k', Value: 'v' }] })).toBeInstanceOf(ValidationException);
    await expect(put({ Tags: [{ Key: 'k', Value: 'v' }] })).resolves.toMatchObject({ Version: 1 });
  });

  it('keeps 100 versions, dropping the oldest unless a label pins it', async () => {
    for (let i = 1; i <= 100; i++) ctx.emulator.ssm.putParameter({ name: '/app/p', value: `v${i}` });
    expect(await put({ Overwrite: true, Value: 'v101', Type: undefined })).toMatchObject({ Version: 101 });
    expect(await rejection(ctx.client.send(new GetParameterCommand({ Name: '/app/p:1' })))).toBeInstanceOf(
      ParameterVersionNotFound,
    );
    ctx.emulator.ssm.labelVersion('/app/p', 2, ['pinned']);
    expect(await putError({ Overwrite: true, Value: 'v102', Type: undefined })).toBeInstanceOf(
      ParameterMaxVersionLimitExceeded,
    );
  });
});

describe('DeleteParameter and DeleteParameters', () => {
  it('deletes a parameter with its history; a missing one is ParameterNotFound', async () => {
    await put({});
    await ctx.client.send(new DeleteParameterCommand({ Name: '/app/p' }));
    expect(await rejection(ctx.client.send(new GetParameterCommand({ Name: '/app/p' })))).toBeInstanceOf(
      ParameterNotFound,
    );
    expect(await rejection(ctx.client.send(new DeleteParameterCommand({ Name: '/app/p' })))).toBeInstanceOf(
      ParameterNotFound,
    );
    expect(await put({})).toMatchObject({ Version: 1 });
  });

  it('deletes several and reports the missing ones', async () => {
    await put({ Name: '/a' });
    await put({ Name: '/b' });
    const result = await ctx.client.send(new DeleteParametersCommand({ Names: ['/a', '/missing', '/b'] }));
    expect(result).toMatchObject({ DeletedParameters: ['/a', '/b'], InvalidParameters: ['/missing'] });
    expect(ctx.emulator.ssm.listNames()).toEqual([]);
    const tooMany = Array.from({ length: 11 }, (_, i) => `/p${i}`);
    expect(await rejection(ctx.client.send(new DeleteParametersCommand({ Names: tooMany })))).toBeInstanceOf(
      ValidationException,
    );
  });
});

describe('LabelParameterVersion', () => {
  const label = (Labels: string[], ParameterVersion?: number, Name = '/app/p') =>
    ctx.client.send(new LabelParameterVersionCommand({ Name, Labels, ParameterVersion }));

  beforeEach(async () => {
    await put({ Value: 'one' });
    await put({ Value: 'two', Overwrite: true });
  });

  it('labels the latest version by default and moves a label between versions', async () => {
    expect(await label(['prod'])).toMatchObject({ ParameterVersion: 2, InvalidLabels: [] });
    expect(await value('/app/p:prod')).toBe('two');
    expect(await label(['prod'], 1)).toMatchObject({ ParameterVersion: 1 });
    expect(await value('/app/p:prod')).toBe('one');
    const { Parameters } = await ctx.client.send(new GetParameterHistoryCommand({ Name: '/app/p' }));
    expect(Parameters?.map((p) => p.Labels)).toEqual([['prod'], []]);
  });

  it('reports labels that break the rules and applies the rest', async () => {
    const result = await label(['ok.label-1', '1st', 'awsy', 'SSMx', 'bad/char', 'fine']);
    expect(result.InvalidLabels).toEqual(['1st', 'awsy', 'SSMx', 'bad/char']);
    expect(await value('/app/p:fine')).toBe('two');
  });

  it('refuses a version that is not a whole number, never printing it as a float', async () => {
    for (const version of [1.5, 1e21]) {
      const error = await rejection(label(['x'], version));
      expect({ version, name: error.name, message: error.message }).toEqual({
        version,
        name: 'SerializationException',
        message: 'NUMBER_VALUE cannot be converted to Long',
      });
      expect(() => ctx.emulator.ssm.labelVersion('/app/p', version, ['x'])).toThrow(
        'NUMBER_VALUE cannot be converted to Long',
      );
    }
  });

  it('answers ParameterNotFound, ParameterVersionNotFound and the label limits', async () => {
    expect(await rejection(label(['x'], undefined, '/missing'))).toBeInstanceOf(ParameterNotFound);
    expect(await rejection(label(['x'], 9))).toBeInstanceOf(ParameterVersionNotFound);
    expect(await rejection(label(['l'.repeat(101)]))).toBeInstanceOf(ValidationException);
    await label(Array.from({ length: 10 }, (_, i) => `l${i}`));
    expect(await rejection(label(['eleventh']))).toBeInstanceOf(ParameterVersionLabelLimitExceeded);
  });
});

describe('UnlabelParameterVersion', () => {
  const unlabel = (Labels: string[], ParameterVersion?: number, Name = '/app/p') =>
    ctx.client.send(new UnlabelParameterVersionCommand({ Name, Labels, ParameterVersion }));

  beforeEach(async () => {
    await put({ Value: 'one' });
    await ctx.client.send(new LabelParameterVersionCommand({ Name: '/app/p', Labels: ['prod', 'blue'] }));
  });

  it('removes the labels a version has and reports the others as invalid', async () => {
    expect(await unlabel(['prod', 'green', 'prod'], 1)).toMatchObject({
      RemovedLabels: ['prod'],
      InvalidLabels: ['green'],
    });
    expect(await rejection(value('/app/p:prod'))).toBeInstanceOf(ParameterNotFound);
    expect(await value('/app/p:blue')).toBe('one');
  });

  it('needs the version, and answers ParameterNotFound and ParameterVersionNotFound', async () => {
    const noVersion = await rejection(unlabel(['prod']));
    expect(noVersion.message).toBe(
      "1 validation error detected: Value null at 'parameterVersion' failed to satisfy constraint: Member must not be null",
    );
    expect(await rejection(unlabel(['x'], 1, '/missing'))).toBeInstanceOf(ParameterNotFound);
    expect(await rejection(unlabel(['x'], 9))).toBeInstanceOf(ParameterVersionNotFound);
  });
});
