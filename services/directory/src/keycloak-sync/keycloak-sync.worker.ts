import { Inject, Injectable } from '@nestjs/common';
import { REALM_ROLES, type KeycloakAdminClient } from '@crm/auth';
import { PeriodicWorker } from '@crm/service';
import { AccountsService } from '../accounts/accounts.service';
import type { DirectoryConfig } from '../config/directory.config';
import { CONFIG, KEYCLOAK_ADMIN } from '../directory.constants';
import { crmUsersOf, type SyncedUser } from '../users/keycloak-users';
import { UsersService } from '../users/users.service';

/** The name a new tenant's account starts with (an admin renames it): the domain of its first admin's address. */
export function defaultAccountName(users: readonly SyncedUser[]): string {
  const first = [...users].sort((a, b) => Number(a.id) - Number(b.id)).find((u) => u.role === 'admin' && u.email.includes('@')) ?? users.find((u) => u.email.includes('@'));
  return first?.email.split('@')[1] || 'My account';
}

/**
 * Copies Keycloak's users into the directory: on start, then every USER_SYNC_INTERVAL_MS, and
 * on demand after the directory itself changes a user there. Each tenant is applied in its own
 * transaction, so one tenant's failure leaves the others current.
 */
@Injectable()
export class KeycloakSyncWorker extends PeriodicWorker {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;

  constructor(
    @Inject(CONFIG) config: DirectoryConfig,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdminClient,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
  ) {
    super();
    this.intervalMs = config.userSync.intervalMs;
    this.enabled = config.userSync.enabled;
  }

  protected async runPass(): Promise<void> {
    await this.syncAll();
  }

  /** One copy of every tenant's users; answers the tenants it could not apply. */
  async syncAll(): Promise<{ failedTenants: string[] }> {
    const failedTenants: string[] = [];
    const [all, admins, managers, users] = await Promise.all([
      this.keycloak.users(),
      this.keycloak.realmRoleMembers(REALM_ROLES.admin),
      this.keycloak.realmRoleMembers(REALM_ROLES.manager),
      this.keycloak.realmRoleMembers(REALM_ROLES.user),
    ]);
    const ids = (list: { id: string }[]) => new Set(list.map((u) => u.id));
    const byTenant = new Map<string, SyncedUser[]>();
    for (const u of crmUsersOf(all, { admin: ids(admins), manager: ids(managers), user: ids(users) })) {
      const tenant = byTenant.get(u.tenantId);
      if (tenant) tenant.push(u);
      else byTenant.set(u.tenantId, [u]);
    }
    for (const [tenantId, tenantUsers] of byTenant) {
      if (this.stopping.aborted) break;
      try {
        await this.accounts.ensure(tenantId, defaultAccountName(tenantUsers));
        const plan = await this.users.applySync(tenantId, tenantUsers);
        const changes = plan.created.length + plan.updated.length + plan.deleted.length;
        if (changes > 0) this.logger.info({ tenantId, created: plan.created.length, updated: plan.updated.length, deleted: plan.deleted.length }, 'users synced from Keycloak');
      } catch (err) {
        failedTenants.push(tenantId);
        this.logger.error({ err, tenantId }, 'user sync of a tenant failed');
      }
    }
    return { failedTenants };
  }
}
