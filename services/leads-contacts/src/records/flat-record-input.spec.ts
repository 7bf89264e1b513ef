import { CustomFieldCatalog } from '@crm/records';
import { flatToRecordInput, isFlatPath } from './flat-record-input';

const catalog = new CustomFieldCatalog([
  { id: '1', name: 'Newsletter', type: 'bool', choices: [] },
  { id: '2', name: 'Interests', type: 'multi_select_list', choices: [] },
  { id: '3', name: 'Budget', type: 'number', choices: [] },
] as never);

describe(flatToRecordInput.name, () => {
  it('turns CSV-like text into a contact input, leaving blanks out', () => {
    const r = flatToRecordInput(
      'contact',
      [
        ['is_organization', 'no'],
        ['first_name', 'Ann'],
        ['last_name', ''],
        ['address.postal_code', '0150'],
        ['tags', 'vip, nordics ,'],
        ['custom_fields.Newsletter', 'Yes'],
        ['custom_fields.Interests', 'CRM; API'],
        ['custom_fields.Budget', '12.50'],
      ],
      catalog,
    );
    expect(r).toEqual({
      input: { isOrganization: false, firstName: 'Ann', address: { postalCode: '0150' }, tags: ['vip', 'nordics'], customFields: { Newsletter: true, Interests: ['CRM', 'API'], Budget: '12.50' } },
      paths: ['is_organization', 'first_name', 'address.postal_code', 'tags', 'custom_fields'],
      violations: [],
    });
  });

  it('names unknown paths and non-text values', () => {
    const r = flatToRecordInput('lead', [['name', 'x'], ['custom_fields.Nope', '1'], ['email', 5], ['is_organization', 'true']], catalog);
    expect(r.violations.map((v) => `${v.field}:${v.code}`)).toEqual(['name:unknown', 'custom_fields.Nope:unknown', 'email:invalid_type', 'is_organization:unknown']);
  });

  it('knows which paths each resource takes', () => {
    expect(isFlatPath('contact', 'customer_status', catalog)).toBe(true);
    expect(isFlatPath('lead', 'customer_status', catalog)).toBe(false);
    expect(isFlatPath('lead', 'address.city', catalog)).toBe(true);
    expect(isFlatPath('lead', 'address.planet', catalog)).toBe(false);
    expect(isFlatPath('lead', 'custom_fields.budget', catalog)).toBe(true);
  });
});
