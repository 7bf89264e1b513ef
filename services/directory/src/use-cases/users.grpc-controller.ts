import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DirectoryMessage as Req } from '@crm/proto';
import { UsersService } from '../users/users.service';
import { UserAdministration } from './user-administration.use-case';

/** gRPC transport of users: translation only (reads from the users module, changes through the use case). */
@Injectable()
@GrpcService(crm.directory.v1.UsersServiceService)
export class UsersGrpcController implements AsyncService<crm.directory.v1.UsersServiceServer> {
  constructor(
    private readonly users: UsersService,
    private readonly administration: UserAdministration,
  ) {}

  async getUser(request: Req<'GetUserRequest'>, ctx: CallContext) {
    return { user: await this.users.get(ctx.principal, request.id) };
  }

  async listUsers(request: Req<'ListUsersRequest'>, ctx: CallContext) {
    const users = await this.users.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.name !== undefined ? { name: request.name } : {}),
      ...(request.email !== undefined ? { email: request.email } : {}),
      ...(request.role !== undefined ? { role: request.role } : {}),
      ...(request.status !== undefined ? { status: request.status } : {}),
      ...(request.reportsTo !== undefined ? { reportsTo: request.reportsTo } : {}),
      ...(request.teamName !== undefined ? { teamName: request.teamName } : {}),
      ...(request.groupId !== undefined ? { teamId: request.groupId } : {}),
      ...(request.confirmed !== undefined ? { confirmed: request.confirmed } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { users };
  }

  async inviteUser(request: Req<'InviteUserRequest'>, ctx: CallContext) {
    return { user: await this.administration.invite(ctx.principal, request.invitation ?? { name: '', email: '', role: '' }) };
  }

  async resendInvitation(request: Req<'ResendInvitationRequest'>, ctx: CallContext) {
    return { user: await this.administration.resendInvitation(ctx.principal, request.id) };
  }

  async updateUser(request: Req<'UpdateUserRequest'>, ctx: CallContext) {
    return { user: await this.administration.update(ctx.principal, request.id, request.user ?? {}, request.updateMask ?? []) };
  }
}
