import { Injectable } from '@nestjs/common';
import { sql, type Transaction } from 'kysely';

export interface SearchRow {
  resource_type: 'lead' | 'contact';
  id: string;
  name: string;
  organization_name: string | null;
  email: string | null;
  phone: string | null;
  is_organization: boolean;
  score: number;
}

const LEAD_TEXT = sql`lead_search_text(first_name, last_name, organization_name, email, phone, mobile)`;
const CONTACT_TEXT = sql`contact_search_text(name, email, phone, mobile)`;

/**
 * Trigram search over the indexed search text of leads and contacts: a record matches when the
 * query is a substring of its text or fuzzily similar to one of its words; prefix matches rank first.
 */
@Injectable()
export class SearchRepository {
  async search<DB>(trx: Transaction<DB>, q: { text: string; types: ('lead' | 'contact')[]; ownerIds: readonly string[] | 'all'; limit: number }): Promise<SearchRow[]> {
    const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const prefix = `${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const owners = q.ownerIds === 'all' ? sql`true` : sql`owner_id = any(${q.ownerIds.length > 0 ? [...q.ownerIds] : ['0']}::bigint[])`;
    const parts = [];
    if (q.types.includes('lead')) {
      parts.push(sql`
        select 'lead' as resource_type, id::text as id, coalesce(nullif(concat_ws(' ', first_name, last_name), ''), organization_name) as name,
               organization_name, email, coalesce(phone, mobile) as phone, false as is_organization,
               word_similarity(${q.text}, ${LEAD_TEXT}) + case when ${LEAD_TEXT} like ${prefix} or ${LEAD_TEXT} like ${'% ' + prefix} then 1 else 0 end as score
        from leads
        where converted_at is null and ${owners} and (${LEAD_TEXT} like ${like} or ${q.text} <% ${LEAD_TEXT})`);
    }
    if (q.types.includes('contact')) {
      parts.push(sql`
        select 'contact' as resource_type, id::text as id, name, null as organization_name, email, coalesce(phone, mobile) as phone, is_organization,
               word_similarity(${q.text}, ${CONTACT_TEXT}) + case when ${CONTACT_TEXT} like ${prefix} or ${CONTACT_TEXT} like ${'% ' + prefix} then 1 else 0 end as score
        from contacts
        where ${owners} and (${CONTACT_TEXT} like ${like} or ${q.text} <% ${CONTACT_TEXT})`);
    }
    if (parts.length === 0) return [];
    const { rows } = await sql<SearchRow>`select * from (${sql.join(parts, sql` union all `)}) hits order by score desc, name asc limit ${q.limit}`.execute(trx);
    return rows.map((r) => ({ ...r, score: Number(r.score) }));
  }
}
