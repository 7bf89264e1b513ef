import { CustomFieldCatalog } from '@crm/records';
import { checkFormFields, resolveFormFields, storeFormFields, submissionToLeadInput } from './capture-form-rules';

const catalog = new CustomFieldCatalog([
  { id: '7', name: 'Budget', type: 'number', choices: [] },
  { id: '8', name: 'Newsletter', type: 'bool', choices: [] },
  { id: '9', name: 'Interests', type: 'multi_select_list', choices: [{ id: 1, name: 'CRM' }, { id: 2, name: 'API' }] },
  { id: '10', name: 'Office', type: 'address', choices: [] },
] as never);

const form = {
  fields: [
    { name: 'first_name', required: false },
    { name: 'last_name', required: true },
    { name: 'email', required: true },
    { name: 'address.city', required: false },
    { name: 'custom_fields.Budget', required: false },
    { name: 'custom_fields.Newsletter', required: false },
    { name: 'custom_fields.Interests', required: false },
  ],
  ownerId: '1003',
  sourceId: '42',
  tags: ['web'],
};

describe(checkFormFields.name, () => {
  it('accepts lead attributes and lead custom fields', () => {
    expect(checkFormFields(form.fields, catalog)).toEqual([]);
  });

  it('names every problem: unknown attributes and custom fields, address fields, duplicates, no name field', () => {
    const v = checkFormFields(
      [
        { name: 'first_name', required: true },
        { name: 'owner_id', required: false },
        { name: 'custom_fields.Nope', required: false },
        { name: 'custom_fields.Office', required: false },
        { name: 'first_name', required: false },
      ],
      catalog,
    );
    expect(v.map((x) => x.field)).toEqual(['fields.1.name', 'fields.2.name', 'fields.3.name', 'fields.4.name', 'fields']);
    expect(checkFormFields([], catalog).map((x) => x.field)).toContain('fields');
  });
});

describe('stored fields', () => {
  it('keep custom fields by id, so a rename shows the new name and a deleted field drops out', () => {
    const stored = storeFormFields(form.fields, catalog);
    expect(stored[4]).toEqual({ customFieldId: '7', required: false });
    const renamed = new CustomFieldCatalog([{ id: '7', name: 'Budget EUR', type: 'number', choices: [] }] as never);
    expect(resolveFormFields(stored, renamed).map((f) => f.name)).toEqual(['first_name', 'last_name', 'email', 'address.city', 'custom_fields.Budget EUR']);
  });
});

describe(submissionToLeadInput.name, () => {
  it('builds a new lead for the form owner with its source and tags, understanding HTML form values', () => {
    const r = submissionToLeadInput(form, catalog, {
      first_name: 'Ann',
      last_name: 'Lee',
      email: 'ann@example.com',
      'address.city': 'Oslo',
      'custom_fields.Budget': '5000',
      'custom_fields.Newsletter': 'on',
      'custom_fields.Interests': 'API',
      'custom_fields.Deleted long ago': 'x',
    });
    expect(r).toEqual({
      input: {
        ownerId: '1003', status: 'new', tags: ['web'], sourceId: '42', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com',
        address: { city: 'Oslo' }, customFields: { Budget: '5000', Newsletter: true, Interests: ['API'] },
      },
      paths: ['owner_id', 'status', 'tags', 'source_id', 'first_name', 'last_name', 'email', 'address.city', 'custom_fields'],
    });
  });

  it('refuses values of fields the form does not have, missing required values and non-text attributes', () => {
    const r = submissionToLeadInput(form, catalog, { last_name: ['a', 'b'], owner_id: '1', 'custom_fields.Budget': '1' });
    expect('violations' in r && r.violations).toEqual([
      { field: 'owner_id', code: 'unknown', message: 'is not a field of this form' },
      { field: 'email', code: 'blank', message: 'is required' },
      { field: 'last_name', code: 'invalid_type', message: 'must be text' },
    ]);
  });
});
