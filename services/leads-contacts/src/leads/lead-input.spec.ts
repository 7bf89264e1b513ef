import { crm } from '@crm/proto';
import { applyLeadInput, diffLead, EMPTY_LEAD, type LeadFields } from './lead-input';

const base: LeadFields = { ...EMPTY_LEAD, owner_id: '1003', last_name: 'Doe' };
const input = (partial: Partial<crm.leads.v1.LeadInput>) => crm.leads.v1.LeadInput.fromPartial(partial);

describe(applyLeadInput.name, () => {
  it('sets masked attributes, normalises status case and trims text', () => {
    const r = applyLeadInput(base, input({ firstName: '  Jane ', status: 'Working', tags: ['a', 'a', 'b'] }), ['first_name', 'status', 'tags']);
    expect(r).toEqual({ fields: { ...base, first_name: 'Jane', status: 'working', tags: ['a', 'b'] } });
  });

  it('clears a masked attribute that is absent from the input', () => {
    const r = applyLeadInput({ ...base, title: 'CEO' }, input({}), ['title']);
    expect('fields' in r && r.fields.title).toBeNull();
  });

  it('leaves unmasked attributes alone', () => {
    const r = applyLeadInput({ ...base, title: 'CEO' }, input({ title: 'CTO' }), []);
    expect('fields' in r && r.fields.title).toBe('CEO');
  });

  it('reports a lead without any name as exactly one error', () => {
    const r = applyLeadInput({ ...EMPTY_LEAD, owner_id: '1' }, input({}), ['first_name']);
    expect(r).toEqual({ violations: [{ field: 'last_name', code: 'missing', message: 'last_name or organization_name is required' }] });
  });

  it('rejects an unknown status, a bad email, unknown paths and unknown custom fields', () => {
    const r = applyLeadInput(base, input({ status: 'won', email: 'nope', customFields: { Budget: 1 } }), ['status', 'email', 'custom_fields', 'color']);
    expect('violations' in r && r.violations.map((v) => `${v.field}:${v.code}`).sort()).toEqual(
      ['color:unknown', 'custom_fields.Budget:unknown', 'email:incorrect_value', 'status:incorrect_value'],
    );
  });

  it('sets address parts one by one or the whole address', () => {
    const one = applyLeadInput(base, input({ address: { city: 'Oslo' } }), ['address.city']);
    expect('fields' in one && one.fields.address_city).toBe('Oslo');
    const all = applyLeadInput({ ...base, address_country: 'NO' }, input({ address: { city: 'Rome' } }), ['address']);
    expect('fields' in all && [all.fields.address_city, all.fields.address_country]).toEqual(['Rome', null]);
  });
});

describe('unqualified reasons', () => {
  it('rejects a reason on a lead that is not unqualified', () => {
    const r = applyLeadInput(base, input({ unqualifiedReasonId: '7' }), ['unqualified_reason_id']);
    expect('violations' in r && r.violations).toEqual([{ field: 'unqualified_reason_id', code: 'incorrect_value', message: 'can only be set on an unqualified lead' }]);
  });

  it('keeps the reason while unqualified and drops it when the lead leaves that status', () => {
    const unqualified = applyLeadInput(base, input({ status: 'unqualified', unqualifiedReasonId: '7' }), ['status', 'unqualified_reason_id']);
    expect('fields' in unqualified && unqualified.fields.unqualified_reason_id).toBe('7');
    const working = applyLeadInput({ ...base, status: 'unqualified', unqualified_reason_id: '7' }, input({ status: 'working' }), ['status']);
    expect('fields' in working && [working.fields.status, working.fields.unqualified_reason_id]).toEqual(['working', null]);
  });
});

describe(diffLead.name, () => {
  it('names changed attributes with their previous values', () => {
    const { changed, previous } = diffLead(base, { ...base, status: 'working', address_city: 'Oslo' });
    expect(changed.sort()).toEqual(['address.city', 'status']);
    expect(previous).toEqual({ status: 'new', 'address.city': null });
  });
});
