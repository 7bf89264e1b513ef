import { Injectable } from '@nestjs/common';
import { GrpcService, type AnonymousAsyncService } from '@crm/grpc';
import { crm, type LeadsMessage as Req } from '@crm/proto';
import { PhoneLookupService } from './phone-lookup.service';

/** gRPC transport of the phone lookup (no caller: the request names its tenant). */
@Injectable()
@GrpcService(crm.leads.v1.PhoneLookupServiceService, { anonymous: true })
export class PhoneLookupGrpcController implements AnonymousAsyncService<crm.leads.v1.PhoneLookupServiceServer> {
  constructor(private readonly lookup: PhoneLookupService) {}

  async findRecordsByPhone(request: Req<'FindRecordsByPhoneRequest'>) {
    const rows = await this.lookup.find(request.tenantId, request.phone);
    return { matches: rows.map((r) => ({ resourceType: r.resource_type, id: r.id, ownerId: r.owner_id })) };
  }
}
