import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { SEARCH_CLIENT } from '../leads-contacts.constants';
import { collection } from '../../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { Upstream } from '../../../upstream';

/**
 * `GET /v2/search?q=…` (beyond Sell): prefix, substring and fuzzy matches over the names, emails
 * and phone numbers of the leads and contacts the caller can see, best first.
 */
@Controller('v2/search')
export class SearchHttpController {
  constructor(
    @Inject(SEARCH_CLIENT) private readonly client: crm.leads.v1.SearchServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async search(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const text = q.string('q');
    const types = (q.string('types') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const perPage = q.int('per_page', 1, 50, 10);
    q.assertNoUnknown();
    if (!text) throw SellHttpError.invalidParam('q', 'a search text is required');
    const { hits } = await this.upstream.call(this.client, this.client.searchRecords, { query: text, resourceTypes: types, limit: perPage }, principal).catch(asQueryError);
    return collection(
      'search_result',
      hits.map((h) => ({
        data: {
          resource_type: h.resourceType,
          id: Number(h.id),
          name: h.name,
          organization_name: h.organizationName ?? null,
          email: h.email ?? null,
          phone: h.phone ?? null,
          is_organization: h.isOrganization,
          score: Math.round(h.score * 1000) / 1000,
        },
      })),
      {},
    );
  }
}
