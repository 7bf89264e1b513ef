import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../auth/auth.guard';
import { TeamMembers } from '../../auth/team-members';
import { collection } from '../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../sell/sell-query';
import { Upstream } from '../../upstream';
import { ACTIVITIES_CLIENT } from './notifications.constants';
import { NOTIFICATION_ID } from './notifications.http-controllers';
import { presentActivity } from './notification.presenter';

const MAX_PER_PAGE = 100;
const RECORD_TYPES = ['lead', 'contact', 'deal'] as const;

/**
 * The account's activity stream, newest first and paged by cursor, within what the caller may see
 * (by the current owner of each activity's record). Filters: kind (a comma list), owner_id,
 * team_id, actor_id, one record (resource_type with resource_id), and a period (from, to).
 */
@Controller('v2/activities')
export class ActivitiesHttpController {
  constructor(
    @Inject(ACTIVITIES_CLIENT) private readonly client: crm.notifications.v1.ActivitiesServiceClient,
    private readonly teams: TeamMembers,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const perPage = q.int('per_page', 1, MAX_PER_PAGE, 25);
    const cursor = q.string('cursor');
    const kinds = (q.string('kind') ?? '').split(',').map((k) => k.trim()).filter(Boolean);
    const ownerId = q.id('owner_id');
    const teamId = q.id('team_id');
    const actorId = q.id('actor_id');
    const resourceType = q.oneOf('resource_type', RECORD_TYPES);
    const resourceId = q.id('resource_id');
    const from = q.time('from');
    const to = q.time('to');
    q.assertNoUnknown();
    if (cursor !== undefined && !NOTIFICATION_ID.test(cursor)) throw SellHttpError.invalidParam('cursor', 'is not a cursor of this list');
    if ((resourceType === undefined) !== (resourceId === undefined)) throw SellHttpError.invalidParam('resource_type', 'resource_type and resource_id go together');
    const ownerIds = await this.teams.narrow(principal, ownerId, teamId);
    const request = { kinds, ownerIds, actorIds: actorId ? [actorId] : [], resourceType: resourceType ?? '', resourceId: resourceId ?? '0', from, to, beforeId: cursor ?? '', limit: perPage };
    const res = await this.upstream.call(this.client, this.client.listActivities, request, principal).catch(asQueryError);
    const last = res.activities[res.activities.length - 1];
    const next = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'cursor'));
    if (res.more && last) next.set('cursor', last.id);
    return collection('activity', res.activities.map((a) => ({ data: presentActivity(a) })), res.more ? { next_page: `/v2/activities?${next.toString()}` } : {});
  }
}
