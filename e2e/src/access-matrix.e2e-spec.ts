import { AccessFixtures, ACCOUNT_LOGO, CALLERS, type Caller, type Owner } from '../support/access-fixtures';
import { api, USERS } from '../support/http';

/**
 * The role and visibility matrix: every operation of /openapi.json has one entry here, and each is
 * called as every caller (admin, manager, user, another user, a user without a CRM role, another
 * tenant's admin), without a token and with a forged one, against records of the manager's report
 * and of a user outside the manager's team. A new operation fails this test until it has an entry.
 */

/** Who may call an operation at all. */
type Role = 'public' | 'member' | 'admin';

/**
 * Which records an operation reaches, and so who gets past the role check:
 * - `owner`: a record's owner, the owner's manager and the admins (leads, contacts, deals and what
 *   hangs on them; for a create, the owner being assigned);
 * - `creator`: the job's creator and the admins (imports, exports);
 * - `self`: its maker only, admins included (a device's sync session);
 * - `tenant`: every member of the record's tenant (pipelines, lists, products, field definitions);
 * - `none`: nothing named; the operation works in the caller's own tenant.
 */
type Reach = 'owner' | 'creator' | 'self' | 'tenant' | 'none';

interface Request {
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: { bytes: string; type: string };
  /** For a list or a summary: whether the answer holds the target record. */
  holds?: (body: any) => boolean;
}

interface Context {
  f: AccessFixtures;
  caller: Caller;
  owner: Owner;
  ownerId: number;
}

interface Entry {
  role: Role;
  reach: Reach;
  request: (ctx: Context) => Promise<Request>;
  /** The answer to a caller of the tenant who may not reach the target (default 404, as for a missing record). */
  denied?: number;
  /** The answer to another tenant's admin (default 404; for a list, an answer without the target). */
  foreign?: number;
}

const entry = (role: Role, reach: Reach, request: Entry['request'], statuses: Pick<Entry, 'denied' | 'foreign'> = {}): Entry => ({ role, reach, request, ...statuses });
const itemsHold = (id: number, key = 'id') => (body: any) => body.items.some((i: any) => i.data[key] === id);
const countsDeals = (body: any) => body.data.stages.some((s: any) => s.deal_count > 0);
/** Assigning a record: one may not assign to an owner one cannot reach (403); another tenant's user is no user here (422). */
const ASSIGN = { denied: 403, foreign: 422 };
/** A record named in the body, not the path, that is missing or out of sight: an invalid value (422). */
const REFERENCED = { denied: 422, foreign: 422 };

/** The five operations of an admin-managed reference list such as `/v2/lead_sources`. */
function referenceList(list: string): Record<string, Entry> {
  return {
    [`GET /v2/${list}`]: entry('member', 'tenant', async ({ f }) => ({ path: `/v2/${list}?per_page=100`, holds: itemsHold((await f.listItem(list)).id) })),
    [`POST /v2/${list}`]: entry('admin', 'none', async ({ f }) => ({ path: `/v2/${list}`, body: { data: { name: f.unique('mxitem') } } })),
    [`GET /v2/${list}/{id}`]: entry('member', 'tenant', async ({ f }) => ({ path: `/v2/${list}/${(await f.listItem(list)).id}` })),
    [`PUT /v2/${list}/{id}`]: entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/${list}/${(await f.listItem(list, true)).id}`, body: { data: { name: f.unique('mxitem') } } })),
    [`DELETE /v2/${list}/{id}`]: entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/${list}/${(await f.listItem(list, true)).id}` })),
  };
}

/** The four operations of a resource's custom field definitions. */
function customFields(resource: 'lead' | 'contact' | 'deal'): Record<string, Entry> {
  const base = `/v2/${resource}/custom_fields`;
  return {
    [`GET ${base}`]: entry('member', 'tenant', async ({ f }) => ({ path: base, holds: itemsHold((await f.customField(resource)).id) })),
    [`POST ${base}`]: entry('admin', 'none', async ({ f }) => ({ path: base, body: { data: { name: f.unique('mxfield'), type: 'string' } } })),
    [`PUT ${base}/{id}`]: entry('admin', 'tenant', async ({ f }) => ({ path: `${base}/${(await f.customField(resource, true)).id}`, body: { data: { name: f.unique('mxfield') } } })),
    [`DELETE ${base}/{id}`]: entry('admin', 'tenant', async ({ f }) => ({ path: `${base}/${(await f.customField(resource, true)).id}` })),
  };
}

/** The five operations of an owned record: leads, contacts and deals. */
function ownedRecords(
  plural: string,
  make: (f: AccessFixtures, owner: Owner, fresh?: boolean) => Promise<{ id: number }>,
  createBody: (ctx: Context) => Promise<object>,
  change: object,
  upsertKey: string,
): Record<string, Entry> {
  return {
    [`GET /v2/${plural}`]: entry('member', 'owner', async ({ f, owner }) => {
      const record = await make(f, owner);
      return { path: `/v2/${plural}?ids=${record.id}`, holds: itemsHold(record.id) };
    }),
    [`POST /v2/${plural}`]: entry('member', 'owner', async (ctx) => ({ path: `/v2/${plural}`, body: { data: { ...(await createBody(ctx)), owner_id: ctx.ownerId } } }), ASSIGN),
    // A filter nothing matches: the upsert creates, by the rules of a create.
    [`POST /v2/${plural}/upsert`]: entry('member', 'owner', async (ctx) => {
      const data = { ...(await createBody(ctx)), owner_id: ctx.ownerId };
      return { path: `/v2/${plural}/upsert?${upsertKey}=${encodeURIComponent(ctx.f.unique('mxupsert'))}`, body: { data } };
    }, ASSIGN),
    [`GET /v2/${plural}/{id}`]: entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/${plural}/${(await make(f, owner)).id}` })),
    [`PUT /v2/${plural}/{id}`]: entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/${plural}/${(await make(f, owner, true)).id}`, body: { data: change } })),
    [`DELETE /v2/${plural}/{id}`]: entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/${plural}/${(await make(f, owner, true)).id}` })),
  };
}

const MATRIX: Record<string, Entry> = {
  ...ownedRecords('leads', (f, owner, fresh) => f.lead(owner, fresh), async ({ f }) => ({ last_name: f.unique('mxlead') }), { description: 'changed by the matrix' }, 'first_name'),
  ...referenceList('lead_sources'),
  ...referenceList('lead_unqualified_reasons'),
  ...ownedRecords('contacts', (f, owner, fresh) => f.contact(owner, fresh), async ({ f }) => ({ last_name: f.unique('mxcontact') }), { description: 'changed by the matrix' }, 'first_name'),
  'GET /v2/search': entry('member', 'owner', async ({ f, owner }) => {
    const lead = await f.lead(owner);
    return { path: `/v2/search?q=${lead.last_name}`, holds: (body) => body.items.some((i: any) => i.data.resource_type === 'lead' && i.data.id === lead.id) };
  }),

  'GET /v2/tasks': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/tasks?owner_id=${CALLERS[owner].id}&per_page=100&sort_by=id:desc`, holds: itemsHold((await f.task(owner)).id) })),
  'POST /v2/tasks': entry('member', 'owner', async ({ ownerId }) => ({ path: '/v2/tasks', body: { data: { content: 'by the matrix', owner_id: ownerId } } }), ASSIGN),
  'GET /v2/tasks/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/tasks/${(await f.task(owner)).id}` })),
  'PUT /v2/tasks/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/tasks/${(await f.task(owner, true)).id}`, body: { data: { content: 'changed by the matrix' } } })),
  'DELETE /v2/tasks/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/tasks/${(await f.task(owner, true)).id}` })),
  'GET /v2/calendars': entry('member', 'owner', async ({ f, owner, ownerId }) => ({ path: `/v2/calendars?owner_id=${ownerId}`, holds: itemsHold((await f.appointment(owner)).calendar_id) })),
  'GET /v2/calendars/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/calendars/${(await f.appointment(owner)).calendar_id}` })),
  // A CalDAV connection holds its owner's credentials: only they change, sync or remove it.
  'POST /v2/calendars': entry('member', 'none', async ({ f }) => ({ path: '/v2/calendars', body: f.caldavConnection(await f.caldavCollection()) })),
  'PUT /v2/calendars/{id}': entry('member', 'self', async ({ f, owner }) => ({ path: `/v2/calendars/${(await f.caldavCalendar(owner)).id}`, body: { data: { name: 'renamed by the matrix' } } })),
  'DELETE /v2/calendars/{id}': entry('member', 'self', async ({ f, owner }) => ({ path: `/v2/calendars/${(await f.caldavCalendar(owner, true)).id}` })),
  'POST /v2/calendars/{id}/sync': entry('member', 'self', async ({ f, owner }) => ({ path: `/v2/calendars/${(await f.caldavCalendar(owner)).id}/sync` })),
  'POST /v2/appointments/import': entry('member', 'none', async ({ f }) => ({ path: '/v2/appointments/import', raw: { bytes: f.icsFile(), type: 'text/calendar' } })),
  // Every member has a feed of their own appointments; the noRole caller has none to make.
  'GET /v2/calendar_feed': entry('member', 'none', async ({ f, caller }) => {
    if (caller !== 'noRole') await f.calendarFeed(caller);
    return { path: '/v2/calendar_feed' };
  }),
  'POST /v2/calendar_feed': entry('member', 'none', async () => ({ path: '/v2/calendar_feed' })),
  'DELETE /v2/calendar_feed': entry('member', 'none', async ({ f, caller }) => {
    if (caller !== 'noRole') await f.calendarFeed(caller, true);
    return { path: '/v2/calendar_feed' };
  }),
  // The inbox and the preferences are the caller's own: a notification reaches its user alone, admins included.
  'GET /v2/activities': entry('member', 'owner', async ({ f, owner }) => {
    const deal = await f.dealWithActivity(owner);
    return { path: `/v2/activities?resource_type=deal&resource_id=${deal.id}`, holds: itemsHold(deal.id, 'resource_id') };
  }),
  'GET /v2/notification_subscriptions': entry('member', 'creator', async ({ f, owner }) => {
    const made = await f.subscription(owner);
    return { path: '/v2/notification_subscriptions', holds: (body: any) => body.items.some((i: any) => i.data.id === made.id) };
  }),
  'POST /v2/notification_subscriptions': entry('member', 'none', async ({ f }) => ({ path: '/v2/notification_subscriptions', body: { data: f.subscriptionBody() } })),
  'GET /v2/notification_subscriptions/{id}': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/notification_subscriptions/${(await f.subscription(owner)).id}` })),
  'PUT /v2/notification_subscriptions/{id}': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/notification_subscriptions/${(await f.subscription(owner, true)).id}`, body: { data: { enabled: false } } })),
  'DELETE /v2/notification_subscriptions/{id}': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/notification_subscriptions/${(await f.subscription(owner, true)).id}` })),
  'GET /v2/notifications': entry('member', 'none', async () => ({ path: '/v2/notifications' })),
  'GET /v2/notifications/stream': entry('member', 'none', async () => ({ path: '/v2/notifications/stream' })),
  'GET /v2/notifications/unread_count': entry('member', 'none', async () => ({ path: '/v2/notifications/unread_count' })),
  'POST /v2/notifications/mark_all_read': entry('member', 'none', async () => ({ path: '/v2/notifications/mark_all_read' })),
  'GET /v2/notifications/{id}': entry('member', 'self', async ({ f, owner }) => ({ path: `/v2/notifications/${(await f.notification(owner)).id}` })),
  'PUT /v2/notifications/{id}': entry('member', 'self', async ({ f, owner }) => ({ path: `/v2/notifications/${(await f.notification(owner)).id}`, body: { data: { read: true } } })),
  'GET /v2/push_subscriptions': entry('member', 'none', async () => ({ path: '/v2/push_subscriptions' })),
  'GET /v2/push_subscriptions/vapid_key': entry('member', 'none', async () => ({ path: '/v2/push_subscriptions/vapid_key' })),
  'POST /v2/push_subscriptions': entry('member', 'none', async ({ f }) => ({ path: '/v2/push_subscriptions', body: { data: f.pushSubscription() } })),
  'DELETE /v2/push_subscriptions/{id}': entry('member', 'self', async ({ f, owner }) => ({ path: `/v2/push_subscriptions/${await f.pushSubscriptionOf(owner)}` })),
  'GET /v2/notification_preferences': entry('member', 'none', async () => ({ path: '/v2/notification_preferences' })),
  'PUT /v2/notification_preferences': entry('member', 'none', async () => ({ path: '/v2/notification_preferences', body: { data: { preferences: { incoming_call: null } } } })),
  'GET /v2/notification_preferences/account': entry('member', 'none', async () => ({ path: '/v2/notification_preferences/account' })),
  'PUT /v2/notification_preferences/account': entry('admin', 'none', async () => ({ path: '/v2/notification_preferences/account', body: { data: { preferences: { incoming_call: null } } } })),
  'GET /public/calendar_feeds/{token}': entry('public', 'none', async ({ f }) => ({ path: `/public/calendar_feeds/${await f.calendarFeed('user', true)}` })),
  'GET /v2/appointments': entry('member', 'owner', async ({ f, owner, ownerId }) => ({ path: `/v2/appointments?owner_id=${ownerId}&per_page=100&sort_by=id:desc`, holds: itemsHold((await f.appointment(owner)).id) })),
  'POST /v2/appointments': entry('member', 'owner', async ({ ownerId }) => ({ path: '/v2/appointments', body: { data: { name: 'by the matrix', owner_id: ownerId, starts_at: '2031-05-06T09:00:00Z', ends_at: '2031-05-06T10:00:00Z' } } }), ASSIGN),
  'GET /v2/appointments/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/appointments/${(await f.appointment(owner)).id}` })),
  'PUT /v2/appointments/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/appointments/${(await f.appointment(owner, true)).id}`, body: { data: { name: 'changed by the matrix' } } })),
  'DELETE /v2/appointments/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/appointments/${(await f.appointment(owner, true)).id}` })),
  // Those invited answer; the fixture invites exactly those who see the owner.
  // A mail's unsubscribe link for the user's incoming-call mail (off by default, so posting changes nothing).
  'GET /public/notifications/unsubscribe/{token}': entry('public', 'none', async ({ f }) => ({ path: `/public/notifications/unsubscribe/${f.unsubscribeToken()}` })),
  'POST /public/notifications/unsubscribe/{token}': entry('public', 'none', async ({ f }) => ({ path: `/public/notifications/unsubscribe/${f.unsubscribeToken()}` })),
  'GET /public/rsvp/{token}': entry('public', 'none', async ({ f }) => ({ path: `/public/rsvp/${await f.rsvpToken()}` })),
  'POST /public/rsvp/{token}': entry('public', 'none', async ({ f }) => ({ path: `/public/rsvp/${await f.rsvpToken()}`, body: { data: { status: 'tentative' } } })),
  'POST /v2/appointments/{id}/reply': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/appointments/${(await f.appointment(owner)).id}/reply`, body: { data: { status: 'accepted' } } })),
  'GET /v2/calls': entry('member', 'owner', async ({ f, owner }) => ({ path: '/v2/calls?per_page=100&sort_by=id:desc', holds: itemsHold((await f.call(owner)).id) })),
  'POST /v2/calls': entry('member', 'owner', async ({ ownerId }) => ({ path: '/v2/calls', body: { data: { summary: 'by the matrix', user_id: ownerId } } }), ASSIGN),
  'GET /v2/calls/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/calls/${(await f.call(owner)).id}` })),
  'PUT /v2/calls/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/calls/${(await f.call(owner, true)).id}`, body: { data: { duration: 30 } } })),
  'DELETE /v2/calls/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/calls/${(await f.call(owner, true)).id}` })),
  'GET /v2/text_messages': entry('member', 'owner', async ({ f, owner }) => ({ path: '/v2/text_messages?per_page=100&sort_by=id:desc', holds: itemsHold((await f.textMessage(owner)).id) })),
  'GET /v2/text_messages/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/text_messages/${(await f.textMessage(owner)).id}` })),
  'GET /v2/visits': entry('member', 'owner', async ({ f, owner }) => ({ path: '/v2/visits?per_page=100&sort_by=id:desc', holds: itemsHold((await f.visit(owner)).id) })),
  // A visit is the caller's own, at a lead they see (out of sight: 404, as for the lead).
  'POST /v2/visits': entry('member', 'owner', async ({ f, owner }) => ({ path: '/v2/visits', body: { data: { resource_type: 'lead', resource_id: (await f.lead(owner)).id } } })),
  ...referenceList('call_outcomes'),
  ...referenceList('visit_outcomes'),
  // Each admin acts on their own account's integration, made first so that there is one to read and delete.
  'GET /v2/voice_integration': entry('admin', 'none', async ({ caller }) => {
    await api('POST', '/v2/voice_integration', { as: CALLERS[caller].username });
    return { path: '/v2/voice_integration' };
  }),
  'POST /v2/voice_integration': entry('admin', 'none', async () => ({ path: '/v2/voice_integration' })),
  'DELETE /v2/voice_integration': entry('admin', 'none', async ({ caller }) => {
    await api('POST', '/v2/voice_integration', { as: CALLERS[caller].username });
    return { path: '/v2/voice_integration' };
  }),
  'POST /public/voice/{tenant_key}/events': entry('public', 'none', async ({ f }) => f.voiceEvent('user')),
  'GET /v2/notes': entry('member', 'owner', async ({ f, owner }) => {
    const note = await f.note(owner);
    return { path: `/v2/notes?resource_type=lead&resource_id=${note.resource_id}`, holds: itemsHold(note.id) };
  }),
  'POST /v2/notes': entry('member', 'owner', async ({ f, owner }) => ({ path: '/v2/notes', body: { data: { resource_type: 'lead', resource_id: (await f.lead(owner)).id, content: 'by the matrix' } } }), REFERENCED),
  'GET /v2/notes/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/notes/${(await f.note(owner)).id}` })),
  'PUT /v2/notes/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/notes/${(await f.note(owner, true)).id}`, body: { data: { content: 'changed by the matrix' } } })),
  'DELETE /v2/notes/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/notes/${(await f.note(owner, true)).id}` })),

  'GET /v2/documents': entry('member', 'owner', async ({ f, owner }) => {
    const document = await f.document(owner);
    return { path: `/v2/documents?resource_type=lead&resource_id=${document.resource_id}`, holds: itemsHold(document.id) };
  }),
  'POST /v2/documents': entry('member', 'owner', async ({ f, owner }) => ({
    path: `/v2/documents?resource_type=lead&resource_id=${(await f.lead(owner)).id}&name=matrix.txt`,
    raw: { bytes: 'by the matrix', type: 'text/plain' },
  }), REFERENCED),
  'GET /v2/documents/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/documents/${(await f.document(owner)).id}` })),
  'DELETE /v2/documents/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/documents/${(await f.document(owner, true)).id}` })),
  'GET /v2/documents/{id}/content': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/documents/${(await f.document(owner)).id}/content` })),

  'GET /v2/capture_forms': entry('admin', 'tenant', async ({ f }) => ({ path: '/v2/capture_forms?per_page=100', holds: itemsHold((await f.captureForm()).id) })),
  'POST /v2/capture_forms': entry('admin', 'none', async ({ f, caller }) => ({ path: '/v2/capture_forms', body: { data: f.captureFormBody(CALLERS[caller].id) } })),
  'GET /v2/capture_forms/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/capture_forms/${(await f.captureForm()).id}` })),
  'PUT /v2/capture_forms/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/capture_forms/${(await f.captureForm(true)).id}`, body: { data: { name: f.unique('mxform') } } })),
  'DELETE /v2/capture_forms/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/capture_forms/${(await f.captureForm(true)).id}` })),
  'POST /public/capture_forms/{form_key}/submissions': entry('public', 'none', async ({ f }) => ({ path: `/public/capture_forms/${(await f.captureForm()).form_key}/submissions`, body: { data: { last_name: 'Submitted' } } })),

  'GET /v2/imports': entry('member', 'creator', async ({ f, owner }) => ({ path: '/v2/imports?per_page=100', holds: itemsHold((await f.importJob(owner)).id) })),
  'POST /v2/imports': entry('member', 'none', async () => ({ path: '/v2/imports', body: { data: { resource_type: 'lead' } } })),
  'GET /v2/imports/{id}': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/imports/${(await f.importJob(owner)).id}` })),
  'PUT /v2/imports/{id}/file': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/imports/${(await f.importJob(owner, true)).id}/file`, raw: { bytes: `last_name\n${f.unique('mximported')}\n`, type: 'text/csv' } })),
  'GET /v2/imports/{id}/errors': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/imports/${(await f.importJob(owner)).id}/errors` })),
  'GET /v2/exports': entry('member', 'creator', async ({ f, owner }) => ({ path: '/v2/exports?per_page=100', holds: itemsHold((await f.finishedExport(owner)).id) })),
  'POST /v2/exports': entry('member', 'none', async () => ({ path: '/v2/exports', body: { data: { resource_type: 'contact' } } })),
  'GET /v2/exports/{id}': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/exports/${(await f.finishedExport(owner)).id}` })),
  'GET /v2/exports/{id}/file': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/exports/${(await f.finishedExport(owner)).id}/file` })),

  'GET /v2/users': entry('member', 'tenant', async ({ ownerId }) => ({ path: '/v2/users?per_page=100', holds: itemsHold(ownerId) })),
  'GET /v2/users/self': entry('member', 'none', async () => ({ path: '/v2/users/self' })),
  'GET /v2/users/{id}': entry('member', 'tenant', async ({ ownerId }) => ({ path: `/v2/users/${ownerId}` })),
  'POST /v2/users': entry('admin', 'none', async ({ f }) => ({ path: '/v2/users', body: { data: { name: 'Matrix Invitee', email: `${f.unique('mxinvite')}@acme.example`, role: 'user' } } })),
  'POST /v2/users/{id}/invitation': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/users/${(await f.invitedUser()).id}/invitation` })),
  // Every member syncs; a session is its own device's (owner's) only.
  'POST /v2/sync/start': entry('member', 'none', async ({ f, caller }) => ({ path: '/v2/sync/start', headers: { 'X-Basecrm-Device-UUID': f.syncDevice(caller) } })),
  'GET /v2/sync/{session_id}/queues/{queue}': entry('member', 'self', async ({ f, owner }) => ({ path: `/v2/sync/${await f.syncSession(owner)}/queues/main`, headers: { 'X-Basecrm-Device-UUID': f.syncDevice(owner) } })),
  'POST /v2/sync/ack': entry('member', 'none', async ({ f, caller }) => ({ path: '/v2/sync/ack', headers: { 'X-Basecrm-Device-UUID': f.syncDevice(caller) }, body: { data: { ack_keys: [] } } })),
  'PUT /v2/users/{id}': entry('admin', 'tenant', async ({ ownerId }) => ({ path: `/v2/users/${ownerId}`, body: { data: { phone_number: null } } })),
  'GET /v2/tags': entry('member', 'tenant', async ({ f }) => ({ path: '/v2/tags?resource_type=lead&per_page=100&sort_by=id:desc', holds: itemsHold((await f.tag('lead')).id) })),
  'POST /v2/tags': entry('member', 'none', async ({ f }) => ({ path: '/v2/tags', body: { data: { name: f.unique('mxtag'), resource_type: 'contact' } } })),
  'GET /v2/tags/{id}': entry('member', 'tenant', async ({ f }) => ({ path: `/v2/tags/${(await f.tag('deal')).id}` })),
  'PUT /v2/tags/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/tags/${(await f.tag('deal', true)).id}`, body: { data: { name: f.unique('mxtag') } } })),
  'DELETE /v2/tags/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/tags/${(await f.tag('lead', true)).id}` })),
  'GET /v2/lead_statuses': entry('member', 'none', async () => ({ path: '/v2/lead_statuses' })),
  // In this order: the logo is read where the admin has set one, set, then removed again.
  'GET /v2/accounts/self/logo': entry('member', 'none', async ({ f }) => {
    await f.accountLogo();
    return { path: '/v2/accounts/self/logo' };
  }, { foreign: 404 }),
  'PUT /v2/accounts/self/logo': entry('admin', 'none', async () => ({ path: '/v2/accounts/self/logo', raw: { bytes: ACCOUNT_LOGO, type: 'image/gif' } })),
  'DELETE /v2/accounts/self/logo': entry('admin', 'none', async () => ({ path: '/v2/accounts/self/logo' })),
  'GET /v2/teams': entry('member', 'tenant', async ({ f }) => ({ path: '/v2/teams?per_page=100', holds: itemsHold((await f.team()).id) })),
  'POST /v2/teams': entry('admin', 'none', async ({ f }) => ({ path: '/v2/teams', body: { data: { name: f.unique('mxteam') } } })),
  'GET /v2/teams/{id}': entry('member', 'tenant', async ({ f }) => ({ path: `/v2/teams/${(await f.team()).id}` })),
  'PUT /v2/teams/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/teams/${(await f.team()).id}`, body: { data: { name: f.unique('mxteam') } } })),
  'DELETE /v2/teams/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/teams/${(await f.team(true)).id}` })),
  'GET /v2/accounts/self': entry('member', 'none', async () => ({ path: '/v2/accounts/self' })),
  'PUT /v2/accounts/self': entry('admin', 'none', async () => ({ path: '/v2/accounts/self', body: { data: { phone: null } } })),
  'GET /v2/access_tokens': entry('member', 'creator', async ({ f, owner }) => ({ path: '/v2/access_tokens?per_page=100', holds: itemsHold((await f.accessToken(owner)).id) })),
  'POST /v2/access_tokens': entry('member', 'none', async ({ f }) => ({ path: '/v2/access_tokens', body: { data: { name: f.unique('mxtoken') } } })),
  'DELETE /v2/access_tokens/{id}': entry('member', 'creator', async ({ f, owner }) => ({ path: `/v2/access_tokens/${(await f.accessToken(owner, true)).id}` })),
  'GET /v2/pipelines': entry('member', 'tenant', async ({ f }) => ({ path: '/v2/pipelines?per_page=100', holds: itemsHold((await f.pipeline()).id) })),
  'POST /v2/pipelines': entry('admin', 'none', async ({ f }) => ({ path: '/v2/pipelines', body: { data: { name: f.unique('mxpipeline') } } })),
  'PUT /v2/pipelines/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/pipelines/${(await f.pipeline()).id}`, body: { data: { name: f.unique('mxpipeline') } } })),
  'PUT /v2/pipelines/{id}/stage_order': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/pipelines/${(await f.pipeline()).id}/stage_order`, body: { data: { stage_ids: await f.activeStageIds() } } })),
  'GET /v2/stages': entry('member', 'tenant', async ({ f }) => {
    const stage = await f.stage();
    return { path: `/v2/stages?pipeline_id=${stage.pipeline_id}&per_page=100`, holds: itemsHold(stage.id) };
  }),
  'POST /v2/stages': entry('admin', 'tenant', async ({ f }) => ({ path: '/v2/stages', body: { data: { name: f.unique('mxstage'), category: 'in_progress', pipeline_id: (await f.pipeline()).id, likelihood: 10 } } }), { foreign: REFERENCED.foreign }),
  'PUT /v2/stages/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/stages/${(await f.stage(true)).id}`, body: { data: { name: f.unique('mxstage') } } })),
  'DELETE /v2/stages/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/stages/${(await f.stage(true)).id}` })),

  'GET /v2/lead_conversions': entry('member', 'owner', async ({ f, owner }) => {
    const conversion = await f.conversion(owner);
    return { path: `/v2/lead_conversions?lead_id=${conversion.lead_id}`, holds: itemsHold(conversion.id) };
  }),
  'POST /v2/lead_conversions': entry('member', 'owner', async ({ f, owner }) => ({ path: '/v2/lead_conversions', body: { data: { lead_id: (await f.lead(owner, true)).id } } })),

  ...customFields('lead'),
  ...customFields('contact'),
  ...customFields('deal'),
  ...referenceList('deal_sources'),
  ...referenceList('sources'),
  ...referenceList('loss_reasons'),
  ...referenceList('deal_unqualified_reasons'),

  ...ownedRecords('deals', (f, owner, fresh) => f.deal(owner, fresh), async ({ f, caller }) => ({ name: f.unique('mxdeal'), contact_id: (await f.callerContact(caller)).id }), { hot: true }, 'name'),
  'GET /v2/collaborations': entry('member', 'owner', async ({ f, owner }) => {
    const collaboration = await f.collaboration(owner);
    return { path: `/v2/collaborations?resource_id=${collaboration.resource_id}`, holds: itemsHold(collaboration.id) };
  }),
  'POST /v2/collaborations': entry('member', 'owner', async ({ f, owner }) => ({ path: '/v2/collaborations', body: { data: { resource_type: 'deal', resource_id: (await f.deal(owner, true)).id, collaborator_id: CALLERS.admin.id } } }), REFERENCED),
  'GET /v2/collaborations/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/collaborations/${(await f.collaboration(owner)).id}` })),
  'DELETE /v2/collaborations/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/collaborations/${(await f.collaboration(owner, true)).id}` })),
  'GET /v2/deals/stage_summary': entry('member', 'owner', async ({ f, owner, ownerId }) => {
    await f.deal(owner);
    return { path: `/v2/deals/stage_summary?pipeline_id=${(await f.pipeline()).id}&owner_id=${ownerId}`, holds: countsDeals };
  }, { foreign: 404 }),
  'GET /v2/deals/{id}/associated_contacts': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/deals/${(await f.deal(owner)).id}/associated_contacts` })),
  'POST /v2/deals/{id}/associated_contacts': entry('member', 'owner', async ({ f, owner, caller }) => ({
    path: `/v2/deals/${(await f.deal(owner, true)).id}/associated_contacts`,
    body: { data: { contact_id: (await f.callerContact(caller)).id } },
  })),
  'DELETE /v2/deals/{id}/associated_contacts/{contact_id}': entry('member', 'owner', async ({ f, owner }) => {
    const { deal, contactId } = await f.dealWithAssociate(owner);
    return { path: `/v2/deals/${deal.id}/associated_contacts/${contactId}` };
  }),

  'GET /v2/products': entry('member', 'tenant', async ({ f }) => ({ path: '/v2/products?per_page=100', holds: itemsHold((await f.product()).id) })),
  'POST /v2/products': entry('admin', 'none', async ({ f }) => ({ path: '/v2/products', body: { data: { name: f.unique('mxproduct'), prices: [{ amount: '5.00', currency: 'USD' }] } } })),
  'GET /v2/products/{id}': entry('member', 'tenant', async ({ f }) => ({ path: `/v2/products/${(await f.product()).id}` })),
  'PUT /v2/products/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/products/${(await f.product(true)).id}`, body: { data: { name: f.unique('mxproduct') } } })),
  'DELETE /v2/products/{id}': entry('admin', 'tenant', async ({ f }) => ({ path: `/v2/products/${(await f.product(true)).id}` })),

  'GET /v2/orders': entry('member', 'owner', async ({ f, owner }) => {
    const order = await f.order(owner);
    return { path: `/v2/orders?deal_id=${order.deal_id}`, holds: itemsHold(order.id) };
  }),
  'POST /v2/orders': entry('member', 'owner', async ({ f, owner }) => ({ path: '/v2/orders', body: { data: { deal_id: (await f.deal(owner, true)).id } } })),
  'GET /v2/orders/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/orders/${(await f.order(owner)).id}` })),
  'PUT /v2/orders/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/orders/${(await f.order(owner, true)).id}`, body: { data: { discount: 5 } } })),
  'DELETE /v2/orders/{id}': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/orders/${(await f.order(owner, true)).id}` })),
  'GET /v2/orders/{id}/line_items': entry('member', 'owner', async ({ f, owner }) => ({ path: `/v2/orders/${(await f.lineItem(owner)).order_id}/line_items` })),
  'POST /v2/orders/{id}/line_items': entry('member', 'owner', async ({ f, owner }) => ({
    path: `/v2/orders/${(await f.order(owner, true)).id}/line_items`,
    body: { data: { product_id: (await f.product()).id, quantity: 1 } },
  })),
  'GET /v2/orders/{id}/line_items/{line_item_id}': entry('member', 'owner', async ({ f, owner }) => {
    const item = await f.lineItem(owner);
    return { path: `/v2/orders/${item.order_id}/line_items/${item.id}` };
  }),
  'DELETE /v2/orders/{id}/line_items/{line_item_id}': entry('member', 'owner', async ({ f, owner }) => {
    const item = await f.lineItem(owner, true);
    return { path: `/v2/orders/${item.order_id}/line_items/${item.id}` };
  }),

  'GET /v2/dashboard': entry('member', 'owner', async ({ f, owner, ownerId }) => {
    await f.deal(owner);
    return { path: `/v2/dashboard?pipeline_id=${(await f.pipeline()).id}&owner_id=${ownerId}`, holds: (body: any) => countsDeals({ data: body.data.deal_summary }) };
  }, { foreign: 404 }),
  'GET /v2/analytics/deal_summary': entry('member', 'owner', async ({ f, owner, ownerId }) => {
    await f.deal(owner);
    return { path: `/v2/analytics/deal_summary?pipeline_id=${(await f.pipeline()).id}&owner_id=${ownerId}`, holds: countsDeals };
  }, { foreign: 404 }),
};

const MANAGER_TEAM: readonly number[] = [CALLERS.manager.id, USERS.acmeUser1.id, USERS.acmeUser2.id];

/** Whether the caller gets past visibility to a target of `owner`. */
function reaches(caller: Caller, owner: Owner, reach: Reach): boolean {
  if (caller === 'otherTenant') return reach === 'none';
  if (reach === 'self') return CALLERS[caller].id === CALLERS[owner].id;
  if (reach === 'none' || reach === 'tenant' || caller === 'admin') return true;
  const ownerId = CALLERS[owner].id;
  if (caller === 'manager' && reach === 'owner') return MANAGER_TEAM.includes(ownerId);
  return CALLERS[caller].id === ownerId;
}

interface Expected {
  status: number | 'success';
  holds?: boolean;
}

function expected(e: Entry, caller: Caller, owner: Owner, isList: boolean): Expected {
  if (caller === 'noRole') return { status: 403 };
  if (e.role === 'admin' && caller !== 'admin' && caller !== 'otherTenant') return { status: 403 };
  const visible = reaches(caller, owner, e.reach);
  if (caller === 'otherTenant' && e.foreign !== undefined) return { status: e.foreign };
  if (isList) return { status: 'success', holds: visible };
  if (visible) return { status: 'success' };
  return { status: caller === 'otherTenant' ? (e.foreign ?? 404) : (e.denied ?? 404) };
}

const ERROR_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

async function send(method: string, req: Request, auth: { as?: string; token?: string }) {
  return api(method, req.path, {
    ...auth,
    ...(req.headers ? { headers: req.headers } : {}),
    ...(req.raw ? { rawBody: new TextEncoder().encode(req.raw.bytes), headers: { ...req.headers, 'content-type': req.raw.type } } : req.body !== undefined ? { body: req.body } : {}),
  });
}

/**
 * Deletes what a create made where the matrix has the delete, so that the tenants' lists (another
 * tenant's too) hold only what the other tests made: as its creator, or as an admin where only
 * admins delete.
 */
async function removeCreated(method: string, req: Request, res: { status: number; body: any }, as: string): Promise<void> {
  // What an upsert made is deleted as its resource's records are.
  const base = req.path.split('?')[0]!.replace(/\/upsert$/, '');
  if (method !== 'POST' || res.status >= 300 || typeof res.body?.data?.id !== 'number' || !(`DELETE ${base}/{id}` in MATRIX)) return;
  let removed = await api('DELETE', `${base}/${res.body.data.id}`, { as });
  // Some things anyone makes only admins delete (tags); every caller but another tenant's admin is of acme.
  if (removed.status === 403) removed = await api('DELETE', `${base}/${res.body.data.id}`, { as: USERS.acmeAdmin.username });
  if (removed.status !== 204) throw new Error(`could not remove ${base}/${res.body.data.id}: ${removed.status}`);
}

/** What is wrong with an answer, or nothing. */
function mismatch(want: Expected, res: { status: number; body: any }, documented: string[]): string | undefined {
  if (!documented.includes(String(res.status))) return `answered ${res.status}, which the document does not list`;
  if (want.status === 'success') {
    if (res.status >= 300) return `expected success, got ${res.status} ${JSON.stringify(res.body?.errors?.[0]?.error ?? res.body)}`;
  } else {
    if (res.status !== want.status) return `expected ${want.status}, got ${res.status}`;
    const code = ERROR_CODES[want.status];
    const codes = (res.body?.errors ?? []).map((e: any) => e.error.code);
    if (code && !codes.includes(code)) return `expected error code ${code}, got ${JSON.stringify(codes)}`;
  }
  return undefined;
}

describe('role and visibility matrix over every operation', () => {
  const f = new AccessFixtures();
  let document: any;
  const documented = (key: string): string[] => {
    const [method, path] = key.split(' ');
    return Object.keys(document.paths[path][method.toLowerCase()].responses);
  };

  beforeAll(async () => {
    document = (await api('GET', '/openapi.json')).body;
  });

  it('has exactly one entry for each operation of the OpenAPI document', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]: [string, any]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.filter((op) => !(op in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((op) => !operations.includes(op))).toEqual([]);
  });

  describe.each(Object.entries(MATRIX))('%s', (key, e) => {
    const method = key.split(' ')[0];

    if (e.role === 'public') {
      it('answers without a token', async () => {
        const res = await send(method, await e.request({ f, caller: 'admin', owner: 'user', ownerId: CALLERS.user.id }), {});
        expect(res.status).toBeLessThan(300);
      });
      return;
    }

    it('answers each caller as its role and visibility allow', async () => {
      const owners: Owner[] = e.reach === 'owner' || e.reach === 'creator' ? ['user', 'otherUser'] : ['user'];
      const problems: string[] = [];
      for (const owner of owners) {
        for (const caller of Object.keys(CALLERS) as Caller[]) {
          const req = await e.request({ f, caller, owner, ownerId: CALLERS[owner].id });
          const want = expected(e, caller, owner, req.holds !== undefined);
          const res = await send(method, req, { as: CALLERS[caller].username });
          await removeCreated(method, req, res, CALLERS[caller].username);
          const cell = `${caller} on ${e.reach === 'tenant' || e.reach === 'none' ? 'the tenant' : `${owner}'s record`}`;
          const wrong = mismatch(want, res, documented(key));
          if (wrong) problems.push(`${cell}: ${wrong}`);
          else if (want.holds !== undefined && req.holds!(res.body) !== want.holds) problems.push(`${cell}: the answer ${want.holds ? 'lacks' : 'holds'} the target`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('answers 401 without a token and with a forged one', async () => {
      const req = await e.request({ f, caller: 'admin', owner: 'user', ownerId: CALLERS.user.id });
      for (const auth of [{}, { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }]) {
        expect(mismatch({ status: 401 }, await send(method, req, auth), documented(key))).toBeUndefined();
      }
    });
  });
});
