import { Injectable } from '@nestjs/common';
import { DomainError, ErrorKind } from '@crm/errors';
import { GrpcService, type AnonymousAsyncService } from '@crm/grpc';
import { crm, type DirectoryMessage as Req } from '@crm/proto';
import { CallersService } from './callers.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** gRPC transport of caller resolution for the gateway (no caller metadata yet): translation only. */
@Injectable()
@GrpcService(crm.directory.v1.CallersServiceService, { anonymous: true })
export class CallersGrpcController implements AnonymousAsyncService<crm.directory.v1.CallersServiceServer> {
  constructor(private readonly callers: CallersService) {}

  async resolveUser(request: Req<'ResolveUserRequest'>) {
    if (!UUID.test(request.tenantId)) throw new DomainError('INVALID_TENANT', ErrorKind.InvalidArgument, 'tenant_id must be a UUID');
    return { caller: await this.callers.resolveUser(request.tenantId.toLowerCase(), request.userId) };
  }

  async resolveAccessToken(request: Req<'ResolveAccessTokenRequest'>) {
    if (request.tokenHash.length !== 32) throw new DomainError('INVALID_TOKEN_HASH', ErrorKind.InvalidArgument, 'token_hash must be 32 bytes');
    return this.callers.resolveAccessToken(Buffer.from(request.tokenHash));
  }
}
