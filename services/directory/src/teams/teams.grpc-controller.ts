import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DirectoryMessage as Req } from '@crm/proto';
import { TeamsService } from './teams.service';

/** gRPC transport of teams: translation only. */
@Injectable()
@GrpcService(crm.directory.v1.TeamsServiceService)
export class TeamsGrpcController implements AsyncService<crm.directory.v1.TeamsServiceServer> {
  constructor(private readonly teams: TeamsService) {}

  async createTeam(request: Req<'CreateTeamRequest'>, ctx: CallContext) {
    return { team: await this.teams.create(ctx.principal, request.name) };
  }

  async getTeam(request: Req<'GetTeamRequest'>, ctx: CallContext) {
    return { team: await this.teams.get(ctx.principal, request.id) };
  }

  async updateTeam(request: Req<'UpdateTeamRequest'>, ctx: CallContext) {
    return { team: await this.teams.rename(ctx.principal, request.id, request.name) };
  }

  async deleteTeam(request: Req<'DeleteTeamRequest'>, ctx: CallContext) {
    await this.teams.delete(ctx.principal, request.id);
    return {};
  }

  async listTeams(request: Req<'ListTeamsRequest'>, ctx: CallContext) {
    return { teams: await this.teams.list(ctx.principal, { ...pageOf(request.page), ids: request.ids, ...(request.name !== undefined ? { name: request.name } : {}) }) };
  }
}
