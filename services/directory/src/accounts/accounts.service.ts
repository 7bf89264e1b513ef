import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import type { Database } from '../database';
import { DATABASE } from '../directory.constants';
import { knownTimeZone } from '../time-zones';
import { AccountsRepository, type AccountRow } from './accounts.repository';

export function toAccount(row: AccountRow): crm.directory.v1.Account {
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
    logo: toLogo(row),
  };
}

export function toLogo(row: AccountRow): crm.directory.v1.AccountLogo | undefined {
  if (!row.logo_key) return undefined;
  return { contentType: row.logo_content_type!, size: row.logo_size!, sha256: row.logo_sha256!, updatedAt: row.logo_updated_at! };
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
      const row = await this.accounts.find(trx, false);
      if (!row) throw notYet();
      return toAccount(row);
    });
  }

  async update(principal: Principal, input: crm.directory.v1.AccountInput, paths: readonly string[]): Promise<crm.directory.v1.Account> {
    assertAdmin(principal);
    const fields = accountChange(input, paths);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const before = await this.accounts.find(trx, true);
      if (!before) throw notYet();
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== before[k]);
      if (changed.length === 0) return toAccount(before);
      const account = toAccount(await this.accounts.update(trx, fields));
      await appendToOutbox(trx, buildEvent({ kind: 'accountUpdated', tenantId: principal.tenantId, aggregateId: account.id, subject: `tenants/${principal.tenantId}/account`, payload: { account, changed } }));
      return account;
    });
  }

  async ensure(tenantId: string, name: string): Promise<void> {
    await inTenantTransaction(this.db, tenantId, (trx) => this.accounts.ensure(trx, tenantId, name));
  }
}

export function assertAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new DomainError('ACCOUNT_ADMIN_ONLY', ErrorKind.PermissionDenied, 'only admins change the account', { resource: 'account' });
}

export function notYet(): DomainError {
  return new DomainError('ACCOUNT_NOT_FOUND', ErrorKind.NotFound, 'the account has no settings yet', { resource: 'account' });
}

/** The validated columns an admin's change sets. */
function accountChange(input: crm.directory.v1.AccountInput, paths: readonly string[]): Partial<Pick<AccountRow, 'name' | 'currency' | 'time_format' | 'timezone' | 'phone'>> {
  const violations: FieldViolation[] = [];
  const fields: Partial<Pick<AccountRow, 'name' | 'currency' | 'time_format' | 'timezone' | 'phone'>> = {};
  for (const path of paths) {
    switch (path) {
      case 'name': {
        const name = input.name?.trim() ?? '';
        if (name.length === 0 || name.length > 255) violations.push({ field: 'name', code: name.length === 0 ? 'blank' : 'incorrect_value', message: name.length === 0 ? 'is required' : 'is longer than 255 characters' });
        else fields.name = name;
        break;
      }
      case 'currency': {
        const currency = input.currency?.toUpperCase() ?? '';
        if (!/^[A-Z]{3}$/.test(currency)) violations.push({ field: 'currency', code: 'incorrect_value', message: 'must be an ISO 4217 code such as USD' });
        else fields.currency = currency;
        break;
      }
      case 'time_format': {
        const format = input.timeFormat?.toUpperCase() ?? '';
        if (format !== '12H' && format !== '24H') violations.push({ field: 'time_format', code: 'incorrect_value', message: 'must be 12H or 24H' });
        else fields.time_format = format;
        break;
      }
      case 'timezone':
        if (!input.timezone || !knownTimeZone(input.timezone)) violations.push({ field: 'timezone', code: 'incorrect_value', message: 'is not an IANA time zone' });
        else fields.timezone = input.timezone;
        break;
      case 'phone':
        if (input.phone !== undefined && input.phone.length > 64) violations.push({ field: 'phone', code: 'incorrect_value', message: 'is longer than 64 characters' });
        else fields.phone = input.phone?.trim() || null;
        break;
      default:
        violations.push({ field: path, code: 'unknown', message: 'is not a known attribute' });
    }
  }
  if (violations.length > 0) throw new DomainError('INVALID_ACCOUNT', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'account', violations });
  return fields;
}
