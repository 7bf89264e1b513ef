import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorKind } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { crm } from '@crm/proto';
import { ACCOUNTS_CLIENT, CONFIG } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';

export interface Logo {
  contentType: string;
  content: Buffer;
}

/** Each tenant's logo from its account settings, as the directory keeps it; remembered for a while (five minutes by default). */
@Injectable()
export class AccountLogos {
  private readonly cache = new Map<string, { logo: Logo | null; until: number }>();

  constructor(
    @Inject(ACCOUNTS_CLIENT) private readonly accounts: crm.directory.v1.AccountsServiceClient,
    @Inject(CONFIG) private readonly config: CalendarTasksConfig,
  ) {}

  /** The tenant's logo, read as `userId` (a user of the tenant: the appointment's owner); null without one. */
  async of(tenantId: string, userId: string): Promise<Logo | null> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.logo;
    let logo: Logo | null = null;
    try {
      const principal = { tenantId, userId, role: 'user' as const, visibleOwnerIds: [userId] };
      const answer = await callUnary(this.accounts, this.accounts.getAccountLogo, {}, { principal, timeoutMs: this.config.owners.directory.timeoutMs });
      if (answer.logo && answer.content.length > 0) logo = { contentType: answer.logo.contentType, content: Buffer.from(answer.content) };
    } catch (e) {
      if (!(e instanceof DomainError && e.kind === ErrorKind.NotFound)) throw e;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tenantId, { logo, until: Date.now() + this.config.invitations.logoCacheMs });
    return logo;
  }
}
