import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials, status as GrpcStatus, type Metadata, type sendUnaryData, type ServerUnaryCall, type ServiceDefinition, type ServiceError, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { principalFromMetadata, type Principal } from '@crm/auth';
import { DomainError } from '@crm/errors';
import { withEventCause, type EventCause } from '@crm/events';
import { domainErrorToGrpc } from './grpc-errors';

export interface CallContext {
  principal: Principal;
  metadata: Metadata;
}

export interface Logger {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** An async implementation of a generated service: each RPC takes the request and the caller. */
export type AsyncService<Server> = {
  [K in keyof Server as string extends K ? never : K]: Server[K] extends (call: ServerUnaryCall<infer Req, infer Res>, callback: sendUnaryData<infer Res2>) => void
    ? (request: Req, ctx: CallContext) => Promise<Res & Res2>
    : never;
};

/** An async implementation of a service whose callers are not users (no caller metadata). */
export type AnonymousAsyncService<Server> = {
  [K in keyof Server as string extends K ? never : K]: Server[K] extends (call: ServerUnaryCall<infer Req, infer Res>, callback: sendUnaryData<infer Res2>) => void
    ? (request: Req, ctx: AnonymousCallContext) => Promise<Res & Res2>
    : never;
};

export interface AnonymousCallContext {
  metadata: Metadata;
}

/**
 * Adapts an async service to grpc-js: reads the caller from metadata (no caller, no call),
 * and maps thrown domain errors to statuses once. Anything else becomes INTERNAL with an
 * error id that is logged with the stack and returned to the caller.
 */
export function bindUnaryService<S>(definition: ServiceDefinition, impl: AsyncService<S>, logger: Logger): UntypedServiceImplementation {
  return bindHandlers(
    definition,
    impl as Handlers<CallContext>,
    logger,
    (metadata) => {
      const principal = principalFromMetadata((k) => {
        const v = metadata.get(k)[0];
        return typeof v === 'string' ? v : undefined;
      });
      return principal ? { principal, metadata } : undefined;
    },
    // Events written for the call name its user as their actor.
    (ctx) => ({ actorId: ctx.principal.userId }),
  );
}

/**
 * Like bindUnaryService for RPCs that act for no user (public entry points such as capture form
 * submissions): the request alone decides the tenant, so caller metadata is not read.
 */
export function bindAnonymousUnaryService<S>(definition: ServiceDefinition, impl: AnonymousAsyncService<S>, logger: Logger): UntypedServiceImplementation {
  return bindHandlers(definition, impl as Handlers<AnonymousCallContext>, logger, (metadata) => ({ metadata }), () => ({}));
}

/** Recognises a failure that is the caller's doing although no domain code threw it (e.g. a value the database refused). */
export type ErrorTranslator = (error: unknown) => DomainError | undefined;
const translators: ErrorTranslator[] = [];

/** Registers a translator for every service bound in this process; the first that answers wins. */
export function registerErrorTranslator(translator: ErrorTranslator): void {
  if (!translators.includes(translator)) translators.push(translator);
}

function translate(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  for (const t of translators) {
    const translated = t(error);
    if (translated) return translated;
  }
  return error;
}

type Handlers<Ctx> = Record<string, (req: unknown, ctx: Ctx) => Promise<unknown>>;

function bindHandlers<Ctx>(
  definition: ServiceDefinition,
  impl: Handlers<Ctx>,
  logger: Logger,
  context: (metadata: Metadata) => Ctx | undefined,
  cause: (ctx: Ctx) => EventCause,
): UntypedServiceImplementation {
  const handlers: UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    const fn = impl[name];
    if (!fn) throw new Error(`missing implementation of ${method.path}`);
    handlers[name] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      // Whatever the handler or the mapping does, the call gets exactly one answer and nothing
      // escapes to the event loop: a throw here would end the process for every other caller.
      const answer = (error: Partial<ServiceError> | null, response?: unknown) => {
        try {
          callback(error, response);
        } catch (sendError) {
          logger.error({ err: sendError, rpc: method.path }, 'could not send the RPC answer');
          try {
            callback({ code: GrpcStatus.INTERNAL, details: 'internal error' });
          } catch {
            // the stream is gone; nothing more can be sent
          }
        }
      };
      const fail = (thrown: unknown) => {
        let error = translate(thrown);
        if (error instanceof DomainError) {
          try {
            answer(domainErrorToGrpc(error));
            return;
          } catch (mappingError) {
            error = mappingError;
          }
        }
        const errorId = randomUUID();
        logger.error({ err: error, errorId, rpc: method.path }, 'unhandled error in RPC');
        answer({ code: GrpcStatus.INTERNAL, details: `internal error ${errorId}` });
      };
      let ctx: Ctx | undefined;
      try {
        ctx = context(call.metadata);
      } catch (error) {
        fail(error);
        return;
      }
      if (!ctx) {
        answer({ code: GrpcStatus.UNAUTHENTICATED, details: 'missing or malformed caller metadata' });
        return;
      }
      const callerContext = ctx;
      withEventCause(cause(callerContext), () =>
        Promise.resolve()
          .then(() => fn.call(impl, call.request, callerContext))
          .then((response) => answer(null, response), fail),
      );
    };
  }
  return handlers;
}

export interface GrpcServerHost {
  server: Server;
  health: HealthImplementation;
  port: number;
  shutdown(): Promise<void>;
}

/** Starts a grpc-js server on host:port with the standard health service. */
export async function startGrpcServer(
  host: string,
  port: number,
  services: { definition: ServiceDefinition; implementation: UntypedServiceImplementation; name: string }[],
  options: { maxMessageBytes?: number } = {},
): Promise<GrpcServerHost> {
  const server = new Server({ 'grpc.max_receive_message_length': options.maxMessageBytes ?? 4 * 1024 * 1024, 'grpc.keepalive_time_ms': 60_000 });
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  health.addToServer(server);
  for (const s of services) {
    server.addService(s.definition, s.implementation);
    health.setStatus(s.name, 'SERVING');
  }
  const boundPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  health.setStatus('', 'SERVING');
  return {
    server,
    health,
    port: boundPort,
    shutdown: () =>
      new Promise<void>((resolve) => {
        health.setStatus('', 'NOT_SERVING');
        const timer = setTimeout(() => server.forceShutdown(), 10_000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
