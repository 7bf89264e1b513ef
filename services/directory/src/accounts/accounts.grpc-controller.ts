import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DirectoryMessage as Req } from '@crm/proto';
import { AccountLogoService } from './account-logo.service';
import { AccountsService } from './accounts.service';

/** gRPC transport of account settings: translation only. */
@Injectable()
@GrpcService(crm.directory.v1.AccountsServiceService)
export class AccountsGrpcController implements AsyncService<crm.directory.v1.AccountsServiceServer> {
  constructor(
    private readonly accounts: AccountsService,
    private readonly logo: AccountLogoService,
  ) {}

  async getAccount(_request: unknown, ctx: CallContext) {
    return { account: await this.accounts.get(ctx.principal) };
  }

  async updateAccount(request: Req<'UpdateAccountRequest'>, ctx: CallContext) {
    return { account: await this.accounts.update(ctx.principal, request.account ?? {}, request.updateMask ?? []) };
  }

  async setAccountLogo(request: Req<'SetAccountLogoRequest'>, ctx: CallContext) {
    return { account: await this.logo.set(ctx.principal, request.contentType, Buffer.from(request.content)) };
  }

  async getAccountLogo(_request: unknown, ctx: CallContext) {
    return this.logo.get(ctx.principal);
  }

  async deleteAccountLogo(_request: unknown, ctx: CallContext) {
    return { account: await this.logo.delete(ctx.principal) };
  }
}
