import type { crm } from '@crm/proto';
import { sellTime } from '../../../sell/sell-record';

const optionalId = (v: string | undefined) => (v === undefined ? null : Number(v));

export function presentCall(c: crm.calendar.v1.Call) {
  return {
    id: Number(c.id),
    user_id: Number(c.userId),
    summary: c.summary,
    recording_url: c.recordingUrl ?? null,
    outcome_id: optionalId(c.outcomeId),
    duration: c.duration,
    phone_number: c.phoneNumber ?? null,
    incoming: c.incoming,
    missed: c.missed,
    resource_type: c.resourceType ?? null,
    resource_id: optionalId(c.resourceId),
    associated_deal_ids: c.associatedDealIds.map(Number),
    made_at: sellTime(c.madeAt),
    external_id: c.externalId ?? null,
    created_at: sellTime(c.createdAt),
    updated_at: sellTime(c.updatedAt),
  };
}

export function presentTextMessage(t: crm.calendar.v1.TextMessage) {
  return {
    id: Number(t.id),
    user_id: Number(t.userId),
    content: t.content,
    incoming: t.incoming,
    resource_type: t.resourceType ?? null,
    resource_id: optionalId(t.resourceId),
    resource_phone_number: t.resourcePhoneNumber ?? null,
    user_phone_number: t.userPhoneNumber ?? null,
    associated_deal_ids: t.associatedDealIds.map(Number),
    sent_at: sellTime(t.sentAt),
    created_at: sellTime(t.createdAt),
    updated_at: sellTime(t.updatedAt),
  };
}

export function presentVisit(v: crm.calendar.v1.Visit) {
  return {
    id: Number(v.id),
    creator_id: Number(v.creatorId),
    outcome_id: optionalId(v.outcomeId),
    resource_type: v.resourceType ?? null,
    resource_id: optionalId(v.resourceId),
    resource_address: v.resourceAddress ?? null,
    rep_location_verification_status: v.repLocationVerificationStatus,
    summary: v.summary,
    latitude: v.latitude ?? null,
    longitude: v.longitude ?? null,
    visited_at: sellTime(v.visitedAt),
    created_at: sellTime(v.createdAt),
    updated_at: sellTime(v.updatedAt),
  };
}
