import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CalendarMessage as Req } from '@crm/proto';
import { TextMessagesService } from '../text-messages/text-messages.service';
import { VisitsService } from '../visits/visits.service';
import type { CallChanges } from './call-rules';
import { CallsService } from './calls.service';

/** The attributes the mask names, with null for one named but absent (cleared). */
function changesOf(input: crm.calendar.v1.CallInput | undefined, mask: readonly string[]): CallChanges {
  const i = input ?? { associatedDealIds: [] };
  const changes: CallChanges = {};
  for (const path of mask) {
    switch (path) {
      case 'user_id': changes.user_id = i.userId ?? null; break;
      case 'summary': changes.summary = i.summary ?? null; break;
      case 'recording_url': changes.recording_url = i.recordingUrl ?? null; break;
      case 'outcome_id': changes.outcome_id = i.outcomeId ?? null; break;
      case 'duration': changes.duration = i.duration ?? null; break;
      case 'phone_number': changes.phone_number = i.phoneNumber ?? null; break;
      case 'incoming': changes.incoming = i.incoming ?? null; break;
      case 'missed': changes.missed = i.missed ?? null; break;
      case 'resource_type': changes.resource_type = i.resourceType ?? null; break;
      case 'resource_id': changes.resource_id = i.resourceId ?? null; break;
      case 'associated_deal_ids': changes.associated_deal_ids = i.associatedDealIds; break;
      case 'made_at': changes.made_at = i.madeAt ?? null; break;
      case 'external_id': changes.external_id = i.externalId ?? null; break;
      default: break;
    }
  }
  return changes;
}

const sortOf = (sort: { field: string; descending: boolean }[]) => sort.map((s) => ({ field: s.field, descending: s.descending }));

/** gRPC transport of calls: translation only. */
@Injectable()
@GrpcService(crm.calendar.v1.CallsServiceService)
export class CallsGrpcController implements AsyncService<crm.calendar.v1.CallsServiceServer> {
  constructor(private readonly calls: CallsService) {}

  async createCall(request: Req<'CreateCallRequest'>, ctx: CallContext) {
    return { call: await this.calls.create(ctx.principal, changesOf(request.call, request.mask ?? [])) };
  }

  async getCall(request: Req<'GetCallRequest'>, ctx: CallContext) {
    return { call: await this.calls.get(ctx.principal, request.id) };
  }

  async updateCall(request: Req<'UpdateCallRequest'>, ctx: CallContext) {
    return { call: await this.calls.update(ctx.principal, request.id, changesOf(request.call, request.updateMask ?? [])) };
  }

  async deleteCall(request: Req<'DeleteCallRequest'>, ctx: CallContext) {
    await this.calls.delete(ctx.principal, request.id);
    return {};
  }

  async listCalls(request: Req<'ListCallsRequest'>, ctx: CallContext) {
    const calls = await this.calls.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
      ...(request.associatedDealId !== undefined ? { associatedDealId: request.associatedDealId } : {}),
      sort: sortOf(request.sort),
    });
    return { calls };
  }
}

/** gRPC transport of text messages: translation only. */
@Injectable()
@GrpcService(crm.calendar.v1.TextMessagesServiceService)
export class TextMessagesGrpcController implements AsyncService<crm.calendar.v1.TextMessagesServiceServer> {
  constructor(private readonly texts: TextMessagesService) {}

  async getTextMessage(request: Req<'GetTextMessageRequest'>, ctx: CallContext) {
    return { textMessage: await this.texts.get(ctx.principal, request.id) };
  }

  async listTextMessages(request: Req<'ListTextMessagesRequest'>, ctx: CallContext) {
    const textMessages = await this.texts.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
      sort: sortOf(request.sort),
    });
    return { textMessages };
  }
}

/** gRPC transport of visits: translation only. */
@Injectable()
@GrpcService(crm.calendar.v1.VisitsServiceService)
export class VisitsGrpcController implements AsyncService<crm.calendar.v1.VisitsServiceServer> {
  constructor(private readonly visits: VisitsService) {}

  async createVisit(request: Req<'CreateVisitRequest'>, ctx: CallContext) {
    return {
      visit: await this.visits.create(ctx.principal, {
        resourceType: request.resourceType,
        resourceId: request.resourceId,
        ...(request.outcomeId !== undefined ? { outcomeId: request.outcomeId } : {}),
        ...(request.resourceAddress !== undefined ? { resourceAddress: request.resourceAddress } : {}),
        ...(request.repLocationVerificationStatus !== undefined ? { status: request.repLocationVerificationStatus } : {}),
        ...(request.summary !== undefined ? { summary: request.summary } : {}),
        ...(request.latitude !== undefined ? { latitude: request.latitude } : {}),
        ...(request.longitude !== undefined ? { longitude: request.longitude } : {}),
        ...(request.visitedAt !== undefined ? { visitedAt: request.visitedAt } : {}),
      }),
    };
  }

  async listVisits(request: Req<'ListVisitsRequest'>, ctx: CallContext) {
    const visits = await this.visits.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.outcomeId !== undefined ? { outcomeId: request.outcomeId } : {}),
      ...(request.creatorId !== undefined ? { creatorId: request.creatorId } : {}),
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
      ...(request.repLocationVerificationStatus !== undefined ? { status: request.repLocationVerificationStatus } : {}),
      sort: sortOf(request.sort),
    });
    return { visits };
  }
}
