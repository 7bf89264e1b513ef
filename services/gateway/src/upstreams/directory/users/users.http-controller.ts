import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId, sellOptionalRef } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { Upstream } from '../../../upstream';
import { USERS_CLIENT } from '../../../gateway.constants';
import { presentUser } from './user.presenter';

export const USER_SORT_FIELDS = ['id', 'name', 'email', 'created_at', 'updated_at'] as const;
export const USER_ROLES = ['admin', 'manager', 'user'] as const;
export const USER_STATUSES = ['active', 'inactive'] as const;

const ignored = z.unknown().optional();

/** An admin's change to a user (beyond Sell, whose users are read-only); name and e-mail are Keycloak's. */
export const UserUpdate = z.strictObject({
  status: z.enum(USER_STATUSES).optional(),
  role: z.enum(USER_ROLES).optional(),
  reports_to: sellOptionalRef,
  group_id: sellOptionalRef,
  phone_number: z.string().max(64).nullable().optional(),
  timezone: z.string().max(64).nullable().optional(),
  ...Object.fromEntries(['id', 'name', 'email', 'invited', 'confirmed', 'team_name', 'group', 'created_at', 'updated_at', 'deleted_at'].map((k) => [k, ignored])),
});

/** An admin's invitation of a new user (beyond Sell): Keycloak emails them a link to set a password. */
export const UserInvitation = z.strictObject({
  name: z.string().max(255),
  email: z.string().max(254),
  role: z.enum(USER_ROLES),
  reports_to: sellOptionalRef,
  group_id: sellOptionalRef,
  phone_number: z.string().max(64).nullable().optional(),
  timezone: z.string().max(64).nullable().optional(),
});

function toInvitation(data: z.infer<typeof UserInvitation>): crm.directory.v1.UserInvitation {
  return {
    name: data.name,
    email: data.email,
    role: data.role,
    ...(data.reports_to ? { reportsTo: data.reports_to } : {}),
    ...(data.group_id ? { teamId: data.group_id } : {}),
    ...(data.phone_number ? { phoneNumber: data.phone_number } : {}),
    ...(data.timezone ? { timezone: data.timezone } : {}),
  };
}

/** The gRPC input and mask of a user change: a key sent as null clears it. */
function toUserInput(data: z.infer<typeof UserUpdate>): { user: crm.directory.v1.UserInput; updateMask: string[] } {
  const user: crm.directory.v1.UserInput = {};
  const updateMask: string[] = [];
  const set = <K extends keyof crm.directory.v1.UserInput>(path: string, key: K, value: crm.directory.v1.UserInput[K] | null | undefined) => {
    if (value === undefined) return;
    updateMask.push(path);
    if (value !== null) user[key] = value;
  };
  set('status', 'status', data.status);
  set('role', 'role', data.role);
  set('reports_to', 'reportsTo', data.reports_to);
  set('team_id', 'teamId', data.group_id);
  set('phone_number', 'phoneNumber', data.phone_number);
  set('timezone', 'timezone', data.timezone);
  return { user, updateMask };
}

/** Sell `/v2/users`: every user of the tenant reads the tenant's users. */
@Controller('v2/users')
export class UsersHttpController {
  constructor(
    @Inject(USERS_CLIENT) private readonly client: crm.directory.v1.UsersServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = {
      page: { page, perPage },
      ids: q.ids('ids') ?? [],
      name: q.string('name'),
      email: q.string('email'),
      role: q.oneOf('role', USER_ROLES),
      status: q.oneOf('status', USER_STATUSES),
      reportsTo: q.id('reports_to'),
      teamName: q.string('team_name'),
      groupId: q.id('group_id'),
      confirmed: q.bool('confirmed'),
      sort: q.sort('sort_by', USER_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const { users } = await this.upstream.call(this.client, this.client.listUsers, request, principal).catch(asQueryError);
    return collection('user', users.map((u) => ({ data: presentUser(u) })), pageLinks('/v2/users', q.normalised(), page, perPage, users.length === perPage));
  }

  @Get('self')
  async self(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    new SellQuery(raw).assertNoUnknown();
    return this.one(principal, principal.userId);
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() raw: RawQuery) {
    const valid = pathId(id, 'user');
    new SellQuery(raw).assertNoUnknown();
    return this.one(principal, valid);
  }

  @Post()
  @HttpCode(200)
  async invite(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const invitation = toInvitation(parseSellBody(body, UserInvitation, 'user'));
    const { user } = await this.upstream.call(this.client, this.client.inviteUser, { invitation }, principal);
    return single('user', presentUser(user!));
  }

  @Post(':id/invitation')
  @HttpCode(200)
  async resendInvitation(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() raw: RawQuery) {
    const valid = pathId(id, 'user');
    new SellQuery(raw).assertNoUnknown();
    const { user } = await this.upstream.call(this.client, this.client.resendInvitation, { id: valid }, principal);
    return single('user', presentUser(user!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'user');
    const { user, updateMask } = toUserInput(parseSellBody(body, UserUpdate, 'user'));
    const updated = await this.upstream.call(this.client, this.client.updateUser, { id: valid, user, updateMask }, principal);
    return single('user', presentUser(updated.user!));
  }

  private async one(principal: Principal, id: string) {
    const { user } = await this.upstream.call(this.client, this.client.getUser, { id }, principal);
    return single('user', presentUser(user!));
  }
}
