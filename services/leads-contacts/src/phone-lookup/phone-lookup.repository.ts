import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Trx } from '../database';

export interface PhoneMatchRow {
  resource_type: 'contact' | 'lead';
  id: string;
  owner_id: string;
}

/** The only SQL of the phone lookup: the phone and mobile digit keys of contacts and unconverted leads. */
@Injectable()
export class PhoneLookupRepository {
  async find(trx: Trx, keys: readonly string[], limit: number): Promise<PhoneMatchRow[]> {
    const { rows } = await sql<PhoneMatchRow>`
      select resource_type, id, owner_id from (
        select 'contact' as resource_type, 0 as rank, id, owner_id, updated_at from contacts
          where phone_key = any(${keys}::text[]) or mobile_key = any(${keys}::text[])
        union all
        select 'lead', 1, id, owner_id, updated_at from leads
          where converted_at is null and (phone_key = any(${keys}::text[]) or mobile_key = any(${keys}::text[]))
      ) m
      order by rank, updated_at desc, id desc
      limit ${limit}`.execute(trx);
    return rows;
  }
}
