import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';
import { TEAMS_CLIENT } from '../directory.constants';

const ignored = z.unknown().optional();
export const TeamWrite = z.strictObject({ name: z.string().max(255), id: ignored, created_at: ignored, updated_at: ignored });

export function presentTeam(t: crm.directory.v1.Team) {
  return { id: Number(t.id), name: t.name, created_at: sellTime(t.createdAt), updated_at: sellTime(t.updatedAt) };
}

/** Teams (Sell's user groups, `group` on a user): everyone reads them, admins change them. */
@Controller('v2/teams')
export class TeamsHttpController {
  constructor(
    @Inject(TEAMS_CLIENT) private readonly client: crm.directory.v1.TeamsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = { page: { page, perPage }, ids: q.ids('ids') ?? [], name: q.string('name') };
    q.assertNoUnknown();
    const { teams } = await this.upstream.call(this.client, this.client.listTeams, request, principal);
    return collection('team', teams.map((t) => ({ data: presentTeam(t) })), pageLinks('/v2/teams', q.normalised(), page, perPage, teams.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { name } = parseSellBody(body, TeamWrite, 'team');
    const { team } = await this.upstream.call(this.client, this.client.createTeam, { name }, principal);
    return single('team', presentTeam(team!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { team } = await this.upstream.call(this.client, this.client.getTeam, { id: pathId(id, 'team') }, principal);
    return single('team', presentTeam(team!));
  }

  @Put(':id')
  async rename(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'team');
    const { name } = parseSellBody(body, TeamWrite, 'team');
    const { team } = await this.upstream.call(this.client, this.client.updateTeam, { id: valid, name }, principal);
    return single('team', presentTeam(team!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteTeam, { id: pathId(id, 'team') }, principal);
  }
}
