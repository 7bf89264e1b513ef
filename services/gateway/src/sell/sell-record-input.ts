const READ_ONLY = new Set(['id', 'creator_id', 'created_at', 'updated_at', 'version']);
const ADDRESS_KEYS = ['line1', 'city', 'postal_code', 'state', 'country'] as const;
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * Turns validated Sell record JSON into a gRPC input object (camelCase) and the attribute paths it
 * touches. On update an explicit null clears an attribute; on create null means "not given".
 * Nested `address` keys become `address.<part>` paths; `custom_fields` merges by name, and the
 * empty map clients send with every update changes nothing.
 */
export function toRecordInput(data: Record<string, unknown>, mode: 'create' | 'update'): { input: Record<string, unknown>; paths: string[] } {
  const input: Record<string, unknown> = { tags: [] };
  const paths: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (READ_ONLY.has(key) || value === undefined) continue;
    if (value === null && mode === 'create') continue;
    if (key === 'address') {
      if (value === null) {
        paths.push('address');
        continue;
      }
      const address: Record<string, string> = {};
      for (const k of ADDRESS_KEYS) {
        const v = (value as Record<string, string | null | undefined>)[k];
        if (v === undefined || (v === null && mode === 'create')) continue;
        paths.push(`address.${k}`);
        if (v !== null) address[camel(k)] = v;
      }
      input.address = address;
    } else if (key === 'tags') {
      paths.push('tags');
      input.tags = value ?? [];
    } else if (key === 'custom_fields') {
      const fields = (value ?? {}) as Record<string, unknown>;
      if (Object.keys(fields).length === 0 && value !== null) continue;
      paths.push('custom_fields');
      input.customFields = fields;
    } else {
      paths.push(key);
      if (value !== null) input[camel(key)] = value;
    }
  }
  return { input, paths };
}

/**
 * A resource's input and mask from validated Sell JSON whose attributes map one to one to the
 * input (snake_case to camelCase): on update an explicit null clears an attribute; on create null
 * means "not given". Attributes in `readOnly` (those clients echo back) are left out.
 */
export function toMaskedInput(data: Record<string, unknown>, mode: 'create' | 'update', readOnly: ReadonlySet<string>): { input: Record<string, unknown>; paths: string[] } {
  const input: Record<string, unknown> = {};
  const paths: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (readOnly.has(key) || value === undefined || (value === null && mode === 'create')) continue;
    paths.push(key);
    if (value !== null) input[camel(key)] = value;
  }
  return { input, paths };
}
