import type { crm } from '@crm/proto';
import { sellTime } from '../../sell/sell-record';

/** Resources whose ids are Sell integers; the others (none yet) keep theirs as strings. */
const INTEGER_IDS = new Set(['lead', 'contact', 'deal', 'task', 'appointment', 'call', 'text_message', 'data_job']);

export function presentNotification(n: crm.notifications.v1.Notification) {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    resource_type: n.resourceType ?? null,
    resource_id: n.resourceId === undefined ? null : INTEGER_IDS.has(n.resourceType ?? '') ? Number(n.resourceId) : n.resourceId,
    actor_id: n.actorId === undefined ? null : Number(n.actorId),
    read: n.readAt !== undefined,
    read_at: n.readAt ? sellTime(n.readAt) : null,
    channels: n.channels,
    created_at: sellTime(n.createdAt!),
    ...(n.deliveries.length > 0
      ? { deliveries: n.deliveries.map((d) => ({ channel: d.channel, status: d.status, attempts: d.attempts, sent_at: d.sentAt ? sellTime(d.sentAt) : null, last_error: d.lastError ?? null, detail: d.detail ?? null })) }
      : {}),
  };
}

export function presentPreferences(res: { preferences: crm.notifications.v1.TypePreference[]; locale: string }) {
  return {
    preferences: Object.fromEntries(res.preferences.map((p) => [p.type, { channels: p.channels, source: p.source }])),
    locale: res.locale,
  };
}

/** What a live stream carries: enough to show an alert; the inbox has the rest. */
export function presentLive(n: { id: string; type: string; title: string; body: string; resourceType?: string; resourceId?: string; createdAt?: Date }) {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    resource_type: n.resourceType ?? null,
    resource_id: n.resourceId === undefined ? null : INTEGER_IDS.has(n.resourceType ?? '') ? Number(n.resourceId) : n.resourceId,
    created_at: n.createdAt ? sellTime(n.createdAt) : null,
  };
}

const optionalNumber = (v: string | undefined) => (v === undefined ? null : Number(v));

export function presentActivity(a: crm.notifications.v1.Activity) {
  return {
    id: a.id,
    kind: a.kind,
    actor_id: optionalNumber(a.actorId),
    resource_type: a.resourceType ?? null,
    resource_id: optionalNumber(a.resourceId),
    resource_name: a.resourceName,
    item_type: a.itemType ?? null,
    item_id: optionalNumber(a.itemId),
    owner_id: Number(a.ownerId),
    summary: a.summary,
    details: a.details,
    occurred_at: sellTime(a.occurredAt!),
  };
}
