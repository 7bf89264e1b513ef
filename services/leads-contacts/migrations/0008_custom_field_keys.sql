-- supersedes: 2a6bf04fdf7ed7d048fb95bc97e24d00996d0b31339fe55dacabe727b1a3e892
-- The leakproof index keys of custom field values (text_key, number_key) are part of the
-- custom-fields migrations of @crm/records; databases made before them got the keys and their
-- backfill here.
select 1;
