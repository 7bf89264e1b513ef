import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { EventHandlers } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { EventConsumer } from '@crm/service';
import { OWNERS_OPTIONS, type OwnersOptions } from './owners.config';
import { TenantUsersRepository, type TenantUsersDatabase } from './tenant-users.repository';

/** Keeps the service's copy of the tenants' users current from the directory's user events. */
@Injectable()
export class TenantUsersConsumer extends EventConsumer<TenantUsersDatabase> {
  protected readonly groupId: string | undefined;

  constructor(
    @Inject(OWNERS_OPTIONS) options: OwnersOptions,
    private readonly users: TenantUsersRepository,
  ) {
    super();
    this.groupId = options.consumerGroup;
  }

  private readonly describe = async (user: crm.directory.v1.User | undefined, tenantId: string, trx: Transaction<TenantUsersDatabase>) => {
    if (!user) return;
    await this.users.describe(trx, tenantId, { id: user.id, active: user.status === 'active' && !user.deletedAt, describedAt: user.updatedAt ?? new Date(0) });
  };

  protected readonly handlers: EventHandlers<TenantUsersDatabase> = {
    userCreated: ({ user }, event, trx) => this.describe(user, event.tenantId, trx),
    userUpdated: ({ user }, event, trx) => this.describe(user, event.tenantId, trx),
    userDeleted: ({ user }, event, trx) => this.describe(user, event.tenantId, trx),
  };
}
