import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { ObjectPurgeQueue, ObjectPurger } from '@crm/service';
import { readAll, type ObjectStorage } from '@crm/storage';
import type { DirectoryConfig } from '../config/directory.config';
import type { Database } from '../database';
import { CONFIG, DATABASE, OBJECT_STORAGE } from '../directory.constants';
import { AccountsRepository } from './accounts.repository';
import { assertAdmin, notYet, toAccount, toLogo } from './accounts.service';
import { checkLogo } from './logo-image';

/** The account's logo: everyone reads it, admins set and remove it; bytes in object storage. */
@Injectable()
export class AccountLogoService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly accounts: AccountsRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: DirectoryConfig,
    private readonly purges: ObjectPurgeQueue,
    private readonly purger: ObjectPurger,
  ) {}

  /**
   * Stores a new logo and points the account at it in one transaction with its event; the bytes
   * of the logo it replaces are queued for removal in that transaction. Each upload has a key of its
   * own, so a logo being read is never overwritten, and a failed commit queues the new bytes.
   */
  async set(principal: Principal, declaredType: string, content: Buffer): Promise<crm.directory.v1.Account> {
    assertAdmin(principal);
    const { contentType, violations } = checkLogo(declaredType, content, this.config.logo.maxBytes);
    if (violations.length > 0) throw new DomainError('INVALID_ACCOUNT_LOGO', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'account', violations });
    const sha256 = createHash('sha256').update(content).digest('hex');
    const key = `tenants/${principal.tenantId}/account/logo-${randomUUID()}`;
    await this.storage.put(key, content, contentType);
    try {
      return await this.change(principal, { key, contentType, size: content.length, sha256 });
    } catch (e) {
      // Unless the commit went through after all, nothing points at the new bytes: queue them.
      await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
        if ((await this.accounts.find(trx, false))?.logo_key !== key) await this.purges.enqueue(trx, [key]);
      }).catch(() => undefined);
      throw e;
    }
  }

  async delete(principal: Principal): Promise<crm.directory.v1.Account> {
    assertAdmin(principal);
    return this.change(principal, null);
  }

  /** The logo's metadata and bytes; 404 when the account has none. */
  async get(principal: Principal): Promise<{ logo: crm.directory.v1.AccountLogo; content: Buffer }> {
    const row = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.accounts.find(trx, false));
    const logo = row ? toLogo(row) : undefined;
    if (!row || !logo) throw new DomainError('ACCOUNT_LOGO_NOT_FOUND', ErrorKind.NotFound, 'the account has no logo', { resource: 'account_logo' });
    return { logo, content: await readAll(this.storage, row.logo_key!) };
  }

  private async change(principal: Principal, logo: { key: string; contentType: string; size: number; sha256: string } | null): Promise<crm.directory.v1.Account> {
    const account = await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const before = await this.accounts.find(trx, true);
      if (!before) throw notYet();
      if ((before.logo_key ?? null) === (logo?.key ?? null)) return toAccount(before);
      const after = toAccount(await this.accounts.setLogo(trx, logo));
      if (before.logo_key) await this.purges.enqueue(trx, [before.logo_key]);
      await appendToOutbox(trx, buildEvent({ kind: 'accountUpdated', tenantId: principal.tenantId, aggregateId: after.id, subject: `tenants/${principal.tenantId}/account`, payload: { account: after, changed: ['logo'] } }));
      return after;
    });
    this.purger.runSoon();
    return account;
  }
}
