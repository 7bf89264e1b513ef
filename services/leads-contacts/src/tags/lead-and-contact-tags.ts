import { Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { TaggedRecords } from '@crm/records';
import { ContactsService } from '../contacts/contacts.service';
import { LeadsService } from '../leads/leads.service';
import type { Trx } from '../database';

/** Leads and contacts as the records the tag list renames and removes tags on. */
@Injectable()
export class LeadAndContactTags implements TaggedRecords {
  constructor(
    private readonly leads: LeadsService,
    private readonly contacts: ContactsService,
  ) {}

  retag(trx: Trx, principal: Principal, resourceType: string, from: string, to: string | null): Promise<number> {
    return resourceType === 'lead' ? this.leads.retagIn(trx, principal, from, to) : this.contacts.retagIn(trx, principal, from, to);
  }
}
