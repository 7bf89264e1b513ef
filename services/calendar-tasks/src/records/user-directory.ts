import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { crm } from '@crm/proto';
import { CONFIG, USERS_CLIENT } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';

export interface UserCard {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** The tenant's users as the directory describes them to the caller: names and addresses for invitations. */
@Injectable()
export class UserDirectory {
  constructor(
    @Inject(USERS_CLIENT) private readonly users: crm.directory.v1.UsersServiceClient,
    @Inject(CONFIG) private readonly config: CalendarTasksConfig,
  ) {}

  /** The users of these ids the directory knows in the caller's tenant (asked in parallel); unknown ids are left out. */
  async cards(principal: Principal, ids: readonly string[]): Promise<Map<string, UserCard>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => this.card(principal, id)));
    return new Map(found.filter((c): c is UserCard => c !== null).map((c) => [c.id, c]));
  }

  private async card(principal: Principal, id: string): Promise<UserCard | null> {
    try {
      const { user } = await callUnary(this.users, this.users.getUser, { id }, { principal, timeoutMs: this.config.owners.directory.timeoutMs });
      return user ? { id, name: user.name, email: user.email.toLowerCase(), active: user.status === 'active' } : null;
    } catch (e) {
      if (e instanceof DomainError && e.kind === ErrorKind.NotFound) return null;
      throw e;
    }
  }
}
