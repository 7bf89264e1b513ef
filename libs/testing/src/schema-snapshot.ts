import { readFile } from 'node:fs/promises';
import pg from 'pg';

/**
 * What migrations decide about a database, read from its catalogs in a form two databases can be
 * compared by: tables and their row-level security, columns, constraints, indexes, policies,
 * sequences, functions, triggers, extensions, grants and the migration ledger (without times).
 * Objects that belong to an extension are left out.
 */
export async function schemaSnapshot(url: string): Promise<Record<string, unknown[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = async (text: string) => (await client.query(text)).rows;
  try {
    return {
      tables: await rows(`select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
        from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by 1`),
      // Positions are renumbered, so that a column once dropped leaves no trace; the ledger's own
      // columns are the migrator's business.
      columns: await rows(`select table_name, row_number() over (partition by table_name order by ordinal_position) as position,
          column_name, udt_name, is_nullable, column_default, is_identity, identity_generation,
          character_maximum_length, numeric_precision, numeric_scale
        from information_schema.columns where table_schema = 'public' and table_name <> 'schema_migrations'
        order by table_name, ordinal_position`),
      constraints: await rows(`select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as definition
        from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`),
      indexes: await rows(`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`),
      policies: await rows(`select tablename, policyname, permissive, roles::text, cmd, qual, with_check
        from pg_policies where schemaname = 'public' order by 1, 2`),
      sequences: await rows(`select sequencename, data_type::text, start_value::text, increment_by::text, min_value::text, max_value::text
        from pg_sequences where schemaname = 'public' order by 1`),
      functions: await rows(`select p.proname, pg_get_function_identity_arguments(p.oid) as args, pg_get_functiondef(p.oid) as definition
        from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prokind in ('f', 'p')
          and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e') order by 1, 2`),
      triggers: await rows(`select tgrelid::regclass::text as table_name, tgname, pg_get_triggerdef(oid) as definition
        from pg_trigger where not tgisinternal order by 1, 2`),
      extensions: await rows(`select extname from pg_extension order by 1`),
      grants: await rows(`select table_name, grantee, privilege_type from information_schema.role_table_grants
        where table_schema = 'public' and grantee <> (select pg_get_userbyid(c.relowner) from pg_class c where c.relname = table_name and c.relnamespace = 'public'::regnamespace)
        order by 1, 2, 3`),
      ledger: await rows(`select scope, name, checksum from schema_migrations order by 1, 2`),
    };
  } finally {
    await client.end();
  }
}

/**
 * Loads a plain `pg_dump` (schema, and ledger rows as INSERTs) into a database, as its owner: a
 * database as an earlier release left it.
 */
export async function restoreDump(url: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(await readFile(file, 'utf8'));
  } finally {
    await client.end();
  }
}
