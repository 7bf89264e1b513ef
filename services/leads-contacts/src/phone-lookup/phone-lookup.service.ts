import { Inject, Injectable } from '@nestjs/common';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import { DATABASE } from '../leads-contacts.constants';
import type { Database } from '../database';
import { E164, phoneKeysFor } from './phone-keys';
import { PhoneLookupRepository, type PhoneMatchRow } from './phone-lookup.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The contacts and unconverted leads of a tenant whose phone or mobile number is the given E.164 number. */
@Injectable()
export class PhoneLookupService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly lookup: PhoneLookupRepository,
  ) {}

  async find(tenantId: string, phone: string): Promise<PhoneMatchRow[]> {
    if (!UUID.test(tenantId) || !E164.test(phone)) {
      throw new DomainError('INVALID_PHONE_LOOKUP', ErrorKind.InvalidArgument, 'tenant_id must be a UUID and phone an E.164 number', { resource: 'phone_lookup' });
    }
    return inTenantTransaction(this.db, tenantId, (trx) => this.lookup.find(trx, phoneKeysFor(phone), 10));
  }
}
