import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../../sell/sell-error';
import { readRecordFilter, upsertFilter } from '../../../sell/sell-record';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { ContactWrite, toContactInput } from './contact.dto';
import { presentContact } from './contact.presenter';
import { ContactsGatewayService } from './contacts.gateway-service';
import { CONTACT_ID_FILTERS, CONTACT_SORT_FIELDS, CONTACT_STRING_FILTERS } from './contact.attributes';



/** The filter of a contact list (also what an upsert matches by). */
function readContactFilter(q: SellQuery) {
  const filter = readRecordFilter(q, CONTACT_ID_FILTERS, CONTACT_STRING_FILTERS, ['customer_status', 'prospect_status']);
  const isOrganization = q.string('is_organization');
  if (isOrganization !== undefined) {
    if (isOrganization !== 'true' && isOrganization !== 'false') throw SellHttpError.invalidParam('is_organization', `must be true or false, given: ${isOrganization}`);
    filter.isOrganization = isOrganization === 'true';
  }
  return filter;
}

/** Filter and sort of a contact list from its query (also what an export of the list takes). */
export function readContactListQuery(q: SellQuery) {
  let sort = q.sort('sort_by', CONTACT_SORT_FIELDS, 'custom_fields');
  const filter = readContactFilter(q);
  // Sell's default order of contacts is by last name; an ids filter comes back by id.
  if (sort.length === 0) sort = [{ field: (filter.ids as string[]).length > 0 ? 'id' : 'last_name', descending: false }];
  return { filter: filter as never as crm.leads.v1.ContactFilter, sort };
}

/** Sell v2 `/v2/contacts`: HTTP ↔ gRPC translation only. */
@Controller('v2/contacts')
export class ContactsHttpController {
  constructor(private readonly contacts: ContactsGatewayService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const { filter, sort } = readContactListQuery(q);
    const withTotalCount = q.bool('with_total_count') ?? false;
    q.assertNoUnknown();
    const { contacts, totalCount } = await this.contacts.list(principal, { page, perPage, filter, sort, withTotalCount }).catch(asQueryError);
    return collection('contact', contacts.map((c) => ({ data: presentContact(c), version: c.version })), pageLinks('/v2/contacts', q.normalised(), page, perPage, contacts.length === perPage), totalCount);
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { input } = toContactInput(parseSellBody(body, ContactWrite, 'contact'), 'create');
    const contact = await this.contacts.create(principal, input);
    return single('contact', presentContact(contact), contact.version);
  }

  /** Creates a contact, or updates the one the query's filters match (409 when several do). */
  @Post('upsert')
  @HttpCode(200)
  async upsert(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery, @Body() body: unknown) {
    const q = new SellQuery(raw);
    const filter = upsertFilter(q, readContactFilter(q)) as never as crm.leads.v1.ContactFilter;
    const { input, paths } = toContactInput(parseSellBody(body, ContactWrite, 'contact'), 'update');
    const contact = await this.contacts.upsert(principal, filter, input, paths);
    return single('contact', presentContact(contact), contact.version);
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const contact = await this.contacts.get(principal, pathId(id, 'contact'));
    return single('contact', presentContact(contact), contact.version);
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const validId = pathId(id, 'contact');
    const { input, paths } = toContactInput(parseSellBody(body, ContactWrite, 'contact'), 'update');
    const contact = await this.contacts.update(principal, validId, input, paths);
    return single('contact', presentContact(contact), contact.version);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.contacts.delete(principal, pathId(id, 'contact'));
  }
}
