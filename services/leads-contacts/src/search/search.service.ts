import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { DATABASE } from '../leads-contacts.constants';
import { SearchRepository } from './search.repository';

const TYPES = ['lead', 'contact'] as const;
/** How long typo and substring matching may take per keystroke. */
const FUZZY_BUDGET_MS = 300;
type ResourceType = (typeof TYPES)[number];

/** Autocomplete across leads and contacts, honouring visibility. */
@Injectable()
export class SearchService {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<unknown>,
    private readonly search: SearchRepository,
  ) {}

  async find(principal: Principal, query: string, types: string[], limit: number): Promise<crm.leads.v1.SearchHit[]> {
    const text = query.trim().toLowerCase().replace(/\s+/g, ' ');
    const unknown = types.filter((t) => !(TYPES as readonly string[]).includes(t));
    if (text.length === 0 || text.length > 100 || unknown.length > 0) {
      throw new DomainError('INVALID_SEARCH', ErrorKind.InvalidArgument, 'invalid search', {
        resource: 'search',
        violations: [unknown.length > 0 ? { field: 'types', code: 'incorrect_value', message: 'must be lead and/or contact' } : { field: 'q', code: 'incorrect_value', message: 'must have 1 to 100 characters' }],
      });
    }
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const scope = { types: types.length > 0 ? (types as ResourceType[]) : [...TYPES], ownerIds: principal.visibleOwnerIds };
      // A phone number is one word of digits, as it is stored.
      const words = /^[\d\s+()./-]+$/.test(text) ? [text.replace(/\D/g, '')].filter(Boolean) : text.split(/[^\p{L}\p{N}@._-]+/u).filter(Boolean).slice(0, 5);
      const prefix = await this.search.prefixSearch(trx, { ...scope, words, limit });
      // Substring and typo matching only when no word starts with what was typed (a typo, or the
      // middle of a word): it reads every visible record, which a large account feels per keystroke.
      const fuzzy = prefix.length === 0 ? await this.search.fuzzySearch(trx, { ...scope, text, limit }, FUZZY_BUDGET_MS) : [];
      const rows = prefix.length > 0 ? prefix : fuzzy;
      return rows.map((r) => ({
        resourceType: r.resource_type,
        id: r.id,
        name: r.name,
        organizationName: r.organization_name ?? undefined,
        email: r.email ?? undefined,
        phone: r.phone ?? undefined,
        isOrganization: r.is_organization,
        score: r.score,
      }));
    });
  }
}
