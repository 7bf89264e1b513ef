import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Trx } from '../database';

export interface TeamsTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TeamsTables {
  teams: TeamsTable;
}

export type TeamRow = Selectable<TeamsTable>;

/** The only SQL about teams; runs inside tenant transactions (row-level security). */
@Injectable()
export class TeamsRepository {
  async insert(trx: Trx, tenantId: string, name: string): Promise<TeamRow> {
    return trx.insertInto('teams').values({ tenant_id: tenantId, name }).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<TeamRow | undefined> {
    const q = trx.selectFrom('teams').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async rename(trx: Trx, id: string, name: string): Promise<TeamRow> {
    return trx.updateTable('teams').set({ name, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('teams').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: { ids: string[]; name?: string; limit: number; offset: number }): Promise<TeamRow[]> {
    let query = trx.selectFrom('teams').selectAll();
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.name !== undefined) query = query.where(sql`lower(name)`, '=', q.name.toLowerCase());
    return query.orderBy('id', 'asc').limit(q.limit).offset(q.offset).execute();
  }
}
