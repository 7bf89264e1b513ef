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

const QUERY_CANCELED = '57014';

/** The first string after every string that starts with `prefix` (in byte order). */
function prefixEnd(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

/**
 * Two ways to search leads and contacts: by word prefix over `search_terms` (an index range, fast
 * at any size), and by trigrams over the whole search text (substrings and typos; under row-level
 * security it reads every visible record, so it only fills up what the prefix search leaves).
 */
@Injectable()
export class SearchRepository {
  /**
   * Records of which every query word starts one of the record's words, in the order of the
   * matching word, then record; the most selective (longest) word walks the index.
   */
  async prefixSearch<DB>(trx: Transaction<DB>, q: { words: string[]; types: ('lead' | 'contact')[]; ownerIds: readonly string[] | 'all'; limit: number }): Promise<SearchRow[]> {
    const [lead, ...others] = [...q.words].sort((a, b) => b.length - a.length);
    if (!lead) return [];
    const owners = q.ownerIds === 'all' ? sql`true` : sql`s.owner_id = any(${q.ownerIds.length > 0 ? [...q.ownerIds] : ['0']}::bigint[])`;
    const rest = others.map(
      (w) => sql`and exists (select 1 from search_terms o where o.record_type = s.record_type and o.record_id = s.record_id and o.term >= ${w} and o.term < ${prefixEnd(w)})`,
    );
    // Enough index entries to find `limit` distinct records even when a record matches with several words.
    const { rows: hits } = await sql<{ record_type: 'lead' | 'contact'; record_id: string; term: string }>`
      select s.record_type, s.record_id::text as record_id, s.term from search_terms s
      where s.term >= ${lead} and s.term < ${prefixEnd(lead)} and s.record_type = any(${q.types}::text[]) and ${owners} ${sql.join(rest, sql` `)}
      order by s.term, s.record_type, s.record_id
      limit ${q.limit * 4}`.execute(trx);
    const seen = new Map<string, { type: 'lead' | 'contact'; id: string; exact: boolean }>();
    for (const h of hits) {
      const key = `${h.record_type}:${h.record_id}`;
      if (!seen.has(key) && seen.size < q.limit) seen.set(key, { type: h.record_type, id: h.record_id, exact: h.term === lead });
    }
    const found = [...seen.values()];
    const leadIds = found.filter((f) => f.type === 'lead').map((f) => f.id);
    const contactIds = found.filter((f) => f.type === 'contact').map((f) => f.id);
    const parts = [];
    if (leadIds.length > 0) {
      parts.push(sql`select 'lead' as resource_type, id::text as id, coalesce(nullif(concat_ws(' ', first_name, last_name), ''), organization_name) as name,
        organization_name, email, coalesce(phone, mobile) as phone, false as is_organization from leads where id = any(${leadIds}::bigint[])`);
    }
    if (contactIds.length > 0) {
      parts.push(sql`select 'contact' as resource_type, id::text as id, name, null as organization_name, email, coalesce(phone, mobile) as phone, is_organization
        from contacts where id = any(${contactIds}::bigint[])`);
    }
    if (parts.length === 0) return [];
    const { rows } = await sql<Omit<SearchRow, 'score'>>`${sql.join(parts, sql` union all `)}`.execute(trx);
    const byKey = new Map(rows.map((r) => [`${r.resource_type}:${r.id}`, r]));
    // A whole-word match scores above a prefix of a longer word; both above any trigram match (< 2).
    return found.flatMap((f) => {
      const r = byKey.get(`${f.type}:${f.id}`);
      return r ? [{ ...r, score: f.exact ? 3 : 2 }] : [];
    });
  }

  /**
   * Substring and typo matches within a time budget: past it the search answers nothing (the
   * prefix matches stand alone) rather than keep a large tenant's autocomplete waiting.
   */
  async fuzzySearch<DB>(trx: Transaction<DB>, q: { text: string; types: ('lead' | 'contact')[]; ownerIds: readonly string[] | 'all'; limit: number }, budgetMs: number): Promise<SearchRow[]> {
    await sql`savepoint fuzzy_search`.execute(trx);
    await sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(budgetMs))}`).execute(trx);
    try {
      const rows = await this.search(trx, q);
      await sql`release savepoint fuzzy_search`.execute(trx);
      await sql`set local statement_timeout to default`.execute(trx);
      return rows;
    } catch (e) {
      if ((e as { code?: string }).code !== QUERY_CANCELED) throw e;
      await sql`rollback to savepoint fuzzy_search`.execute(trx);
      return [];
    }
  }

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
