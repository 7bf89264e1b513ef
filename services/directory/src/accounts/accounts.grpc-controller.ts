import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DirectoryMessage as Req } from '@crm/proto';
import { AccountsService } from './accounts.service';

/** gRPC transport of account settings: translation only. */
@Injectable()
@GrpcService(crm.directory.v1.AccountsServiceService)
export class AccountsGrpcController implements AsyncService<crm.directory.v1.AccountsServiceServer> {
  constructor(private readonly accounts: AccountsService) {}

  async getAccount(_request: unknown, ctx: CallContext) {
    return { account: await this.accounts.get(ctx.principal) };
  }

  async updateAccount(request: Req<'UpdateAccountRequest'>, ctx: CallContext) {
    return { account: await this.accounts.update(ctx.principal, request.account ?? {}, request.updateMask ?? []) };
  }
}
