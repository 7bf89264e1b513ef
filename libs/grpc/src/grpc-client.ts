import { credentials, Metadata, type CallOptions, type Client, type ServiceError } from '@grpc/grpc-js';
import { principalToMetadata, type Principal } from '@crm/auth';
import { domainErrorFromGrpc, isServiceError } from './grpc-errors';

export type ClientCtor<C> = new (address: string, creds: ReturnType<typeof credentials.createInsecure>, options?: object) => C;

export function createGrpcClient<C extends Client>(ctor: ClientCtor<C>, address: string, options: { maxMessageBytes?: number } = {}): C {
  return new ctor(address, credentials.createInsecure(), {
    'grpc.keepalive_time_ms': 60_000,
    // A restarted peer is found again within seconds (the default backoff grows to two minutes).
    'grpc.initial_reconnect_backoff_ms': 500,
    'grpc.max_reconnect_backoff_ms': 5_000,
    'grpc.max_receive_message_length': options.maxMessageBytes ?? 4 * 1024 * 1024,
    'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
  });
}

export type UnaryMethod<Req, Res> = (request: Req, metadata: Metadata, options: Partial<CallOptions>, callback: (error: ServiceError | null, response: Res) => void) => unknown;

export interface CallOptionsWithCaller {
  /** The user the call acts for; absent only for RPCs bound with bindAnonymousUnaryService. */
  principal: Principal | undefined;
  /** Per-call deadline; every call has one so a slow dependency cannot hold a request forever. */
  timeoutMs: number;
}

/** Calls a unary RPC as the given caller; failures come back as domain errors. */
export function callUnary<Req, Res>(client: Client, method: UnaryMethod<Req, Res>, request: Req, options: CallOptionsWithCaller): Promise<Res> {
  const metadata = new Metadata();
  if (options.principal) for (const [k, v] of Object.entries(principalToMetadata(options.principal))) metadata.set(k, v);
  return new Promise<Res>((resolve, reject) => {
    method.call(client, request, metadata, { deadline: new Date(Date.now() + options.timeoutMs) }, (error, response) => {
      if (error) reject(isServiceError(error) ? domainErrorFromGrpc(error) : error);
      else resolve(response);
    });
  });
}
