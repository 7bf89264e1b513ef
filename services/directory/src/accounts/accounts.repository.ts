import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Trx } from '../database';

export interface AccountsTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  currency: Generated<string>;
  time_format: Generated<string>;
  timezone: Generated<string>;
  phone: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AccountsTables {
  accounts: AccountsTable;
}

export type AccountRow = Selectable<AccountsTable>;

/** The only SQL about accounts; runs inside tenant transactions (row-level security). */
@Injectable()
export class AccountsRepository {
  async find(trx: Trx, forUpdate: boolean): Promise<AccountRow | undefined> {
    const q = trx.selectFrom('accounts').selectAll();
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async update(trx: Trx, fields: Partial<Pick<AccountRow, 'name' | 'currency' | 'time_format' | 'timezone' | 'phone'>>): Promise<AccountRow> {
    return trx.updateTable('accounts').set({ ...fields, updated_at: sql`now()` }).returningAll().executeTakeFirstOrThrow();
  }

  /** Creates the tenant's account unless it exists. */
  async ensure(trx: Trx, tenantId: string, name: string): Promise<void> {
    await trx.insertInto('accounts').values({ tenant_id: tenantId, name, phone: null }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  }
}
