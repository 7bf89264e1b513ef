import { crm } from '@crm/proto';
import { DEAL_ATTRIBUTES } from '../upstreams/deals-pipelines/deals/deal.attributes';
import { presentDeal } from '../upstreams/deals-pipelines/deals/deal.presenter';
import { CONTACT_ATTRIBUTES } from '../upstreams/leads-contacts/contacts/contact.attributes';
import { presentContact } from '../upstreams/leads-contacts/contacts/contact.presenter';
import { LEAD_ATTRIBUTES } from '../upstreams/leads-contacts/leads/lead.attributes';
import { presentLead } from '../upstreams/leads-contacts/leads/lead.presenter';
import { sellTime } from './sell-record';

// What a client reads and what the OpenAPI document, the sort and the filter lists say must be
// the same attributes: the declarations in *.attributes.ts are the single list of them.
describe('presenters and attribute declarations', () => {
  it.each([
    ['deal', Object.keys(presentDeal(crm.deals.v1.Deal.fromPartial({ id: '1', value: '0.00' }))), Object.keys(DEAL_ATTRIBUTES)],
    ['lead', Object.keys(presentLead(crm.leads.v1.Lead.fromPartial({ id: '1' }))), Object.keys(LEAD_ATTRIBUTES)],
    ['contact', Object.keys(presentContact(crm.leads.v1.Contact.fromPartial({ id: '1' }))), Object.keys(CONTACT_ATTRIBUTES)],
  ])('a %s is presented with exactly its declared attributes', (_resource, presented, declared) => {
    expect([...presented].sort()).toEqual([...declared].sort());
  });
});

describe('sellTime', () => {
  it('gives UTC to the second, for four-digit and expanded years', () => {
    expect(sellTime(new Date('2026-12-06T10:00:00.123Z'))).toBe('2026-12-06T10:00:00Z');
    expect(sellTime(new Date(Date.UTC(12345, 0, 2, 3, 4, 5, 678)))).toBe('+012345-01-02T03:04:05Z');
    expect(sellTime(undefined)).toBeNull();
  });
});
