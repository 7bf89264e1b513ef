import type { crm } from '@crm/proto';
import { sellTime } from '../../../sell/sell-record';

/** A user in Sell's shape; `group` is the user's team. */
export function presentUser(u: crm.directory.v1.User) {
  return {
    id: Number(u.id),
    name: u.name,
    email: u.email,
    role: u.role,
    status: u.status,
    invited: u.invited,
    confirmed: u.confirmed,
    phone_number: u.phoneNumber ?? null,
    timezone: u.timezone ?? null,
    reports_to: u.reportsTo === undefined ? null : Number(u.reportsTo),
    team_name: u.team?.name ?? null,
    group: u.team ? { id: Number(u.team.id), name: u.team.name } : null,
    created_at: sellTime(u.createdAt),
    updated_at: sellTime(u.updatedAt),
    deleted_at: sellTime(u.deletedAt),
  };
}
