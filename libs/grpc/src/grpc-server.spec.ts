import { makeGenericClientConstructor, type Client, type ServiceDefinition } from '@grpc/grpc-js';
import { principalToMetadata, type Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { createGrpcClient, callUnary, type UnaryMethod } from './grpc-client';
import { MAX_ERROR_STRING_CHARS } from './grpc-errors';
import { bindUnaryService, registerErrorTranslator, startGrpcServer, type GrpcServerHost } from './grpc-server';

// A JSON-serialized service, so the test needs no generated contract.
const json = { serialize: (v: unknown) => Buffer.from(JSON.stringify(v)), deserialize: (b: Buffer) => JSON.parse(b.toString('utf8')) as unknown };
const method = (name: string) => ({
  path: `/test.Probe/${name}`,
  requestStream: false,
  responseStream: false,
  requestSerialize: json.serialize,
  requestDeserialize: json.deserialize,
  responseSerialize: json.serialize,
  responseDeserialize: json.deserialize,
});
const definition: ServiceDefinition = { Reject: method('Reject'), Throw: method('Throw'), ThrowSync: method('ThrowSync'), Refused: method('Refused'), Echo: method('Echo') };

interface Input {
  field: string;
}

const principal: Principal = { tenantId: '11111111-1111-4111-8111-111111111111', userId: '7', role: 'user', visibleOwnerIds: ['7'] };
const logged: unknown[] = [];
const logger = { error: (obj: object) => logged.push(obj), info: () => undefined };

const impl = {
  Reject: async ({ field }: Input) => {
    throw new DomainError('INVALID_PROBE', ErrorKind.InvalidArgument, `${field} is not valid`, { resource: field, violations: [{ field, code: 'invalid', message: `${field}!` }] });
  },
  Throw: async () => {
    throw new TypeError('a bug');
  },
  ThrowSync: () => {
    throw new RangeError('a synchronous bug');
  },
  Refused: async () => {
    throw Object.assign(new Error('invalid input syntax for type date: ""'), { code: '22007' });
  },
  Echo: async (input: Input) => input,
};

registerErrorTranslator((error) => ((error as { code?: string }).code === '22007' ? new DomainError('INVALID_VALUE', ErrorKind.InvalidArgument, 'a value is not valid') : undefined));

let host: GrpcServerHost;
let client: Client;

function call(name: keyof typeof impl, field: string): Promise<unknown> {
  const fn = (client as unknown as Record<string, UnaryMethod<Input, unknown>>)[name]!;
  return callUnary(client, fn, { field }, { principal, timeoutMs: 5_000 });
}

beforeAll(async () => {
  host = await startGrpcServer('127.0.0.1', 0, [{ definition, implementation: bindUnaryService(definition, impl as never, logger), name: 'test.Probe' }]);
  const Ctor = makeGenericClientConstructor(definition, 'Probe');
  client = createGrpcClient(Ctor as never, `127.0.0.1:${host.port}`);
});

afterAll(async () => {
  client.close();
  await host.shutdown();
});

describe('domain errors over gRPC', () => {
  it.each([
    ['accented Latin', 'column_mapping.prénom'],
    ['CJK', '名前'],
    ['emoji', 'budget 💰🚀'],
    ['NUL and control characters', 'a\u0000b\u0007c\r\nd'],
    ['right-to-left text', 'שם פרטי'],
  ])('carries %s in field names and messages unchanged', async (_name, field) => {
    const error = (await call('Reject', field).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('INVALID_PROBE');
    expect(error.kind).toBe(ErrorKind.InvalidArgument);
    expect(error.message).toBe(`${field} is not valid`);
    expect(error.details).toEqual({ resource: field, violations: [{ field, code: 'invalid', message: `${field}!` }] });
  });

  it('replaces a lone surrogate instead of failing the call', async () => {
    const error = (await call('Reject', 'x\uD800y').catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('INVALID_PROBE');
    expect(error.details.violations?.[0]?.field).toBe('x\uFFFDy');
  });

  it('bounds very long input and still answers with the domain error', async () => {
    const field = 'é'.repeat(200_000);
    const error = (await call('Reject', field).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('INVALID_PROBE');
    expect(error.kind).toBe(ErrorKind.InvalidArgument);
    expect(error.message.length).toBeLessThanOrEqual(MAX_ERROR_STRING_CHARS);
    expect(error.details.violations?.[0]?.field.startsWith('éééé')).toBe(true);
  });

  it('answers INTERNAL with an error id for a bug, sync or async, and keeps serving', async () => {
    for (const name of ['Throw', 'ThrowSync'] as const) {
      const error = (await call(name, 'x').catch((e: unknown) => e)) as DomainError;
      expect(error.kind).toBe(ErrorKind.Internal);
      expect(error.message).toMatch(/^internal error [0-9a-f-]{36}$/);
    }
    expect(logged).toHaveLength(2);
    await expect(call('Echo', 'still here ✓')).resolves.toEqual({ field: 'still here ✓' });
  });

  it('answers a failure a registered translator recognises as that domain error', async () => {
    const error = (await call('Refused', 'x').catch((e: unknown) => e)) as DomainError;
    expect(error.kind).toBe(ErrorKind.InvalidArgument);
    expect(error.code).toBe('INVALID_VALUE');
  });

  it('refuses a call without caller metadata', async () => {
    const fn = (client as unknown as Record<string, UnaryMethod<Input, unknown>>).Echo!;
    const error = (await callUnary(client, fn, { field: 'x' }, { principal: undefined, timeoutMs: 5_000 }).catch((e: unknown) => e)) as DomainError;
    expect(error.kind).toBe(ErrorKind.Unauthenticated);
    expect(principalToMetadata(principal)['x-crm-user-id']).toBe('7');
  });
});
