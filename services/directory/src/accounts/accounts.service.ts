import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import type { Database } from '../database';
import { DATABASE } from '../directory.constants';
import { AccountsRepository, type AccountRow } from './accounts.repository';

function toAccount(row: AccountRow): crm.directory.v1.Account {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    currency: row.currency,
    timeFormat: row.time_format,
    timezone: row.timezone,
    phone: row.phone ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Each tenant's account settings; the account appears with the tenant's first user. */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly accounts: AccountsRepository,
  ) {}

  async get(principal: Principal): Promise<crm.directory.v1.Account> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.accounts.find(trx);
      if (!row) throw new DomainError('ACCOUNT_NOT_FOUND', ErrorKind.NotFound, 'the account has no settings yet', { resource: 'account' });
      return toAccount(row);
    });
  }

  async ensure(tenantId: string, name: string): Promise<void> {
    await inTenantTransaction(this.db, tenantId, (trx) => this.accounts.ensure(trx, tenantId, name));
  }
}
