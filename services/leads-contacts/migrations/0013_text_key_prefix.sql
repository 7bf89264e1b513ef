-- A btree entry holds at most about 2.7 kB, so a long paragraph custom field value could not be
-- indexed (the write failed). Text keys now keep the first 200 characters; longer values are
-- rechecked against value_text. Shorten existing keys across tenants (row-level security lifted
-- inside this transaction, as in 0008).
alter table custom_field_values no force row level security;
alter table custom_field_values disable row level security;
update custom_field_values set text_key = left(text_key, 200) where length(text_key) > 200;
alter table custom_field_values enable row level security;
alter table custom_field_values force row level security;
