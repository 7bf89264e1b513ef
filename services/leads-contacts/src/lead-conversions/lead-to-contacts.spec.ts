import { CustomFieldCatalog } from '@crm/records';
import { EMPTY_LEAD, type LeadFields } from '../leads/lead-input';
import { carryCustomFields, organizationFromLead, personFromLead } from './lead-to-contacts';

const lead: LeadFields = { ...EMPTY_LEAD, owner_id: '7', first_name: 'Ada', last_name: 'Lovelace', organization_name: ' Engines ', email: 'a@e.x', custom_fields: { '1': 2, '2': 'x', '3': '5' } };
const leadCatalog = new CustomFieldCatalog([
  { id: '1', name: 'Segment', type: 'list', choices: [{ id: 1, name: 'SMB' }, { id: 2, name: 'Enterprise' }] },
  { id: '2', name: 'Only on leads', type: 'string', choices: [] },
  { id: '3', name: 'Size', type: 'number', choices: [] },
]);
const contactCatalog = new CustomFieldCatalog([
  { id: '10', name: 'segment', type: 'list', choices: [{ id: 7, name: 'Enterprise' }] },
  { id: '11', name: 'Size', type: 'string', choices: [] },
]);

describe(carryCustomFields.name, () => {
  it('carries values to contact fields of the same name and type, matching options by name', () => {
    expect(carryCustomFields(lead, leadCatalog, contactCatalog, false)).toEqual({ '10': 7 });
  });
});

describe(personFromLead.name, () => {
  it('builds a current-prospect person in the organisation, owned like the lead', () => {
    expect(personFromLead(lead, '99', {})).toMatchObject({ is_organization: false, name: 'Ada Lovelace', contact_id: '99', owner_id: '7', email: 'a@e.x', prospect_status: 'current' });
    expect(personFromLead({ ...lead, last_name: null }, null, {})).toBeUndefined();
  });
});

describe(organizationFromLead.name, () => {
  it('names the organisation after the lead and gives it the contact details only without a person', () => {
    expect(organizationFromLead(lead, {})).toMatchObject({ is_organization: true, name: 'Engines', email: null });
    expect(organizationFromLead({ ...lead, last_name: null }, {})).toMatchObject({ email: 'a@e.x' });
  });
});
