import { crm } from '@crm/proto';
import { CustomFieldCatalog } from '@crm/records';
import { applyContactInput, emptyContact } from './contact-input';

const input = (p: Partial<crm.leads.v1.ContactInput>) => crm.leads.v1.ContactInput.fromPartial(p);

describe(applyContactInput.name, () => {
  it("derives a person's name from first and last name and ignores a sent name", () => {
    const r = applyContactInput(emptyContact('1', false), input({ firstName: 'Jane', lastName: 'Roe', name: 'Other' }), ['first_name', 'last_name', 'name']);
    expect('fields' in r && r.fields.name).toBe('Jane Roe');
  });

  it('requires a name of an organisation and clears person names on it', () => {
    expect(applyContactInput(emptyContact('1', true), input({}), [])).toEqual({ violations: [{ field: 'name', code: 'missing', message: 'an organisation needs a name' }] });
    const r = applyContactInput(emptyContact('1', true), input({ name: 'Acme', firstName: 'X' }), ['name', 'first_name']);
    expect('fields' in r && [r.fields.name, r.fields.first_name]).toEqual(['Acme', null]);
  });

  it('keeps organisation links on the right kind of contact', () => {
    const org = applyContactInput(emptyContact('1', true), input({ name: 'Acme', contactId: '5' }), ['name', 'contact_id']);
    expect('violations' in org && org.violations[0]!.field).toBe('contact_id');
    const person = applyContactInput(emptyContact('1', false), input({ lastName: 'Roe', parentOrganizationId: '5' }), ['last_name', 'parent_organization_id']);
    expect('violations' in person && person.violations[0]!.field).toBe('parent_organization_id');
  });

  it('refuses to turn a person into an organisation', () => {
    const current = { ...emptyContact('1', false), last_name: 'Roe', name: 'Roe' };
    expect(applyContactInput(current, input({ isOrganization: false }), ['is_organization'])).toMatchObject({ fields: { is_organization: false } });
    expect(applyContactInput(current, input({ isOrganization: true }), ['is_organization'])).toMatchObject({ violations: [{ field: 'is_organization' }] });
  });

  it('accepts only custom fields that apply to the kind of contact', () => {
    const catalog = new CustomFieldCatalog([{ id: '9', name: 'Employees', type: 'number', choices: [], forCompany: true, forContact: false }]);
    const r = applyContactInput({ ...emptyContact('1', false), last_name: 'Roe' }, input({ customFields: { Employees: 3 } }), ['custom_fields'], catalog);
    expect(r).toEqual({ violations: [{ field: 'custom_fields.Employees', code: 'incorrect_value', message: 'does not apply to this contact' }] });
  });
});
