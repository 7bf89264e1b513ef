import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DirectoryMessage as Req } from '@crm/proto';
import { AccessTokensService } from './access-tokens.service';

/** gRPC transport of personal access tokens: translation only. */
@Injectable()
@GrpcService(crm.directory.v1.AccessTokensServiceService)
export class AccessTokensGrpcController implements AsyncService<crm.directory.v1.AccessTokensServiceServer> {
  constructor(private readonly tokens: AccessTokensService) {}

  async createAccessToken(request: Req<'CreateAccessTokenRequest'>, ctx: CallContext) {
    return this.tokens.create(ctx.principal, { name: request.name, scopes: request.scopes, ...(request.expiresAt ? { expiresAt: request.expiresAt } : {}) });
  }

  async listAccessTokens(request: Req<'ListAccessTokensRequest'>, ctx: CallContext) {
    return { accessTokens: await this.tokens.list(ctx.principal, { ...pageOf(request.page), ...(request.userId !== undefined ? { userId: request.userId } : {}) }) };
  }

  async revokeAccessToken(request: Req<'RevokeAccessTokenRequest'>, ctx: CallContext) {
    await this.tokens.revoke(ctx.principal, request.id);
    return {};
  }
}
