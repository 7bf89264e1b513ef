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
  logo_key: Generated<string | null>;
  logo_content_type: Generated<string | null>;
  logo_size: Generated<string | null>;
  logo_sha256: Generated<string | null>;
  logo_updated_at: Generated<Date | null>;
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

  /** Sets (or with null, removes) the logo's metadata. */
  async setLogo(trx: Trx, logo: { key: string; contentType: string; size: number; sha256: string } | null): Promise<AccountRow> {
    const columns = logo
      ? { logo_key: logo.key, logo_content_type: logo.contentType, logo_size: String(logo.size), logo_sha256: logo.sha256, logo_updated_at: sql<Date>`now()` }
      : { logo_key: null, logo_content_type: null, logo_size: null, logo_sha256: null, logo_updated_at: null };
    return trx.updateTable('accounts').set({ ...columns, updated_at: sql`now()` }).returningAll().executeTakeFirstOrThrow();
  }

  /** Creates the tenant's account unless it exists. */
  async ensure(trx: Trx, tenantId: string, name: string): Promise<void> {
    await trx.insertInto('accounts').values({ tenant_id: tenantId, name, phone: null }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  }
}
