import { CustomFieldCatalog } from '@crm/records';
import { checkColumnMapping, exportColumns, exportRow, resolveColumns } from './csv-mapping';

const catalog = new CustomFieldCatalog([
  { id: '1', name: 'Budget', type: 'number', choices: [] },
  { id: '2', name: 'Interests', type: 'multi_select_list', choices: [] },
] as never);

describe(checkColumnMapping.name, () => {
  it('accepts record paths and names unknown or repeated targets', () => {
    expect(checkColumnMapping('lead', { 'First Name': 'first_name', Town: 'address.city', Money: 'custom_fields.Budget' }, catalog)).toEqual([]);
    const v = checkColumnMapping('lead', { A: 'first_name', B: 'FIRST_NAME', C: 'customer_status', D: 'custom_fields.Nope' }, catalog);
    expect(v.map((x) => `${x.field}:${x.code}`)).toEqual(['column_mapping.B:incorrect_value', 'column_mapping.B:already_exists', 'column_mapping.C:incorrect_value', 'column_mapping.D:incorrect_value']);
  });
});

describe(resolveColumns.name, () => {
  it('reads the mapped columns by index and needs them all in the header', () => {
    expect(resolveColumns('lead', ['Notes', 'Surname', 'Town'], { Surname: 'last_name', Town: 'address.city' }, catalog)).toEqual({
      columns: [
        { index: 1, path: 'last_name' },
        { index: 2, path: 'address.city' },
      ],
    });
    expect(resolveColumns('lead', ['Surname'], { Surname: 'last_name', Town: 'address.city' }, catalog)).toEqual({ error: 'the file has no column "Town"' });
  });

  it('maps by header without a mapping, custom fields by their bare name too', () => {
    expect(resolveColumns('lead', ['Last_Name', 'email', 'Budget', 'custom_fields.Interests', 'whatever', 'EMAIL'], {}, catalog)).toEqual({
      columns: [
        { index: 0, path: 'last_name' },
        { index: 1, path: 'email' },
        { index: 2, path: 'custom_fields.Budget' },
        { index: 3, path: 'custom_fields.Interests' },
      ],
    });
    expect(resolveColumns('lead', ['a', 'b'], {}, catalog)).toEqual({ error: 'no column of the file names a record attribute; send a column_mapping' });
  });
});

describe('export rows', () => {
  it('present a record under path-named columns that import back', () => {
    const columns = exportColumns('lead', catalog);
    expect(columns.slice(0, 3)).toEqual(['id', 'owner_id', 'creator_id']);
    expect(columns).toContain('custom_fields.Interests');
    const row = exportRow(
      { id: '5', ownerId: '1003', sourceId: '0', lastName: 'Lee', address: { city: 'Oslo' }, tags: ['a', 'b'], customFields: { Budget: '12.5', Interests: ['CRM', 'API'] }, createdAt: new Date('2026-01-02T03:04:05Z') },
      ['id', 'owner_id', 'source_id', 'last_name', 'address.city', 'tags', 'custom_fields.Budget', 'custom_fields.Interests', 'created_at', 'email'],
    );
    expect(row).toEqual(['5', '1003', '', 'Lee', 'Oslo', 'a, b', '12.5', 'CRM; API', '2026-01-02T03:04:05.000Z', '']);
    const back = resolveColumns('lead', columns, {}, catalog);
    expect('columns' in back && back.columns.map((c) => c.path)).toContain('custom_fields.Budget');
  });
});
