import { sql, type RawBuilder, type Transaction } from 'kysely';

/**
 * Replaces tag `from` by `to` (or removes it when `to` is null) on every row of a record table
 * carrying it, keeping the order of the other tags and no duplicate, and answers each changed row
 * with its tags before. `versioned` bumps the table's optimistic `version` column too.
 */
export async function retagRecords<Row, DB>(
  trx: Transaction<DB>,
  table: string,
  change: { from: string; to: string | null; versioned: boolean; where?: RawBuilder<boolean> },
): Promise<{ row: Row; previousTags: string[] }[]> {
  const t = sql.table(table);
  const where = change.where ?? sql<boolean>`true`;
  const version = change.versioned ? sql`, version = r.version + 1` : sql``;
  const { rows } = await sql<Row & { previous_tags: string[] }>`
    with hit as (
      select id, tags as previous_tags from ${t} where tags @> array[${change.from}]::text[] and ${where} for update
    )
    update ${t} as r set
      tags = coalesce((
        select array_agg(s.tag order by s.pos) from (
          select u.tag, min(u.pos) as pos
          from (select case when x = ${change.from} then ${change.to}::text else x end as tag, o as pos from unnest(r.tags) with ordinality as e(x, o)) as u
          where u.tag is not null group by u.tag
        ) as s
      ), '{}'),
      updated_at = now() ${version}
    from hit where r.id = hit.id
    returning r.*, hit.previous_tags`.execute(trx);
  return rows.map(({ previous_tags, ...row }) => ({ row: row as unknown as Row, previousTags: previous_tags }));
}
