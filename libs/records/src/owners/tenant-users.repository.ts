import { Injectable } from '@nestjs/common';
import { sql, type Transaction } from 'kysely';

export interface TenantUsersTable {
  tenant_id: string;
  user_id: string;
  active: boolean;
  described_at: Date;
}

export interface TenantUsersDatabase {
  tenant_users: TenantUsersTable;
}

type Trx = Transaction<TenantUsersDatabase>;

/** The only SQL about the tenants' users this service knows. */
@Injectable()
export class TenantUsersRepository {
  /** Whether each of these users is active, for those known here. */
  async find(trx: Trx, userIds: readonly string[]): Promise<Map<string, boolean>> {
    if (userIds.length === 0) return new Map();
    const rows = await trx.selectFrom('tenant_users').select(['user_id', 'active']).where('user_id', 'in', [...userIds]).execute();
    return new Map(rows.map((r) => [String(r.user_id), r.active]));
  }

  /** Records a description of a user unless a newer one is recorded already. */
  async describe(trx: Trx, tenantId: string, user: { id: string; active: boolean; describedAt: Date }): Promise<void> {
    await trx
      .insertInto('tenant_users')
      .values({ tenant_id: tenantId, user_id: user.id, active: user.active, described_at: user.describedAt })
      .onConflict((c) =>
        c.columns(['tenant_id', 'user_id']).doUpdateSet({ active: sql`excluded.active`, described_at: sql`excluded.described_at` }).where('tenant_users.described_at', '<=', sql<Date>`excluded.described_at`),
      )
      .execute();
  }
}
