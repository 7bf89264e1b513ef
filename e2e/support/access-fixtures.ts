import { createECDH, randomBytes } from 'node:crypto';
import { LinkSigner } from '@crm/config';
import { stack, TENANTS } from '@crm/testing';
import { E2E_UNSUBSCRIBE_KEY } from './e2e-env';
import { CaldavClient } from './caldav';
import { eventually } from './eventually';
import { api, USERS } from './http';
import { waitForJob } from './data-jobs';
import { rsvpToken } from './rsvp';
import { rotateVoiceIntegration, sendVoiceRequest, signedVoiceRequest, unusedNumber } from './voice';

/**
 * The callers of the access matrix: every role of one tenant, a user of it without a CRM role, and
 * the admin of another tenant. `user` reports to `manager`; `otherUser` reports to nobody.
 */
export const CALLERS = {
  admin: USERS.acmeAdmin,
  manager: USERS.acmeManager,
  user: USERS.acmeUser1,
  otherUser: USERS.acmeUser3,
  noRole: USERS.acmeGuest,
  otherTenant: USERS.globexAdmin,
} as const;
export type Caller = keyof typeof CALLERS;

/**
 * Who owns (or, for a job, created) the record an operation names: `user` is the manager's report
 * and the user's own; `otherUser` is nobody's but the admin's.
 */
export type Owner = 'user' | 'otherUser';

const ADMIN = CALLERS.admin.username;

/** A GIF as far as its signature goes. */
export const ACCOUNT_LOGO = 'GIF89a the matrix logo';

interface Made {
  id: number;
  [attribute: string]: any;
}

/**
 * Records the matrix runs against, made through the API. A `fresh` record is new on every call, for
 * operations that change or delete it; the others are made once and shared by the reads.
 */
export class AccessFixtures {
  private readonly made = new Map<string, Promise<any>>();
  private readonly run = Date.now().toString(36);
  private seq = 0;

  /** A name no other record of this run has, a single search word. */
  unique(prefix: string): string {
    return `${prefix}${this.run}x${++this.seq}`;
  }

  lead(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`lead:${owner}`, fresh, () => this.create(ADMIN, '/v2/leads', { last_name: this.unique('mxlead'), owner_id: CALLERS[owner].id }));
  }

  contact(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`contact:${owner}`, fresh, () => this.create(ADMIN, '/v2/contacts', { last_name: this.unique('mxcontact'), owner_id: CALLERS[owner].id }));
  }

  /** A contact the caller owns (another tenant's admin: one of its own tenant), to attach to a deal. */
  callerContact(caller: Caller): Promise<Made> {
    const as = caller === 'noRole' ? ADMIN : CALLERS[caller].username;
    return this.once(`caller-contact:${caller}`, () => this.create(as, '/v2/contacts', { last_name: this.unique('mxown') }));
  }

  /** A deal in the matrix pipeline, so that pipeline summaries count exactly the matrix deals. */
  deal(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`deal:${owner}`, fresh, async () => {
      const [contact, stage] = await Promise.all([this.contact(owner), this.firstStage()]);
      return this.create(ADMIN, '/v2/deals', { name: this.unique('mxdeal'), contact_id: contact.id, owner_id: CALLERS[owner].id, stage_id: stage.id, currency: 'USD', value: 100 });
    });
  }

  /** A deal with a second contact associated; answers both. */
  async dealWithAssociate(owner: Owner): Promise<{ deal: Made; contactId: number }> {
    const [deal, contact] = await Promise.all([this.deal(owner, true), this.contact(owner, true)]);
    await this.create(ADMIN, `/v2/deals/${deal.id}/associated_contacts`, { contact_id: contact.id });
    return { deal, contactId: contact.id };
  }

  /** The tenant's account logo, set by its admin (a GIF: its signature is plain ASCII). */
  accountLogo(): Promise<void> {
    return this.once('account-logo', async () => {
      const res = await api('PUT', '/v2/accounts/self/logo', { as: ADMIN, rawBody: ACCOUNT_LOGO, headers: { 'content-type': 'image/gif' } });
      if (res.status !== 200) throw new Error(`fixture account logo: ${res.status} ${JSON.stringify(res.body)}`);
    });
  }

  /** The admin collaborating on a deal of the owner (seeing it anyway, so no caller's view changes). */
  collaboration(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`collaboration:${owner}`, fresh, async () => this.create(ADMIN, '/v2/collaborations', { resource_type: 'deal', resource_id: (await this.deal(owner, true)).id, collaborator_id: CALLERS.admin.id }));
  }

  note(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`note:${owner}`, fresh, async () => this.create(ADMIN, '/v2/notes', { resource_type: 'lead', resource_id: (await this.lead(owner)).id, content: 'matrix note' }));
  }

  /** A task of the owner on the owner's lead. */
  task(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`task:${owner}`, fresh, async () => this.create(ADMIN, '/v2/tasks', { content: 'matrix task', owner_id: CALLERS[owner].id, resource_type: 'lead', resource_id: (await this.lead(owner)).id }));
  }

  /** A browser subscription on an address nobody listens at (the matrix sends nothing to it). */
  pushSubscription(): { endpoint: string; keys: { p256dh: string; auth: string } } {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    return { endpoint: `https://127.0.0.1:9/push/${this.unique('mxpush')}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
  }

  /** The id of a push subscription of the owner (a new one each time: deleting it is the test). */
  async pushSubscriptionOf(owner: Owner): Promise<string> {
    const res = await api('POST', '/v2/push_subscriptions', { as: CALLERS[owner].username, body: { data: this.pushSubscription() } });
    if (res.status !== 200) throw new Error(`push subscription: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  /** The token of an unsubscribe link of the user's incoming-call mail. */
  unsubscribeToken(): string {
    return new LinkSigner(E2E_UNSUBSCRIBE_KEY).sign({ t: TENANTS.acme, u: String(CALLERS.user.id), y: 'incoming_call' });
  }

  /** A custom notification the owner made (a new one with `fresh`). */
  async subscription(owner: Owner, fresh = false): Promise<{ id: string }> {
    const made = await this.maybeOnce(`subscription:${owner}`, fresh, () => this.create(CALLERS[owner].username, '/v2/notification_subscriptions', this.subscriptionBody()));
    return made as unknown as { id: string };
  }

  /** A subscription no record of the other suites matches (they share the notifications service). */
  subscriptionBody(): object {
    const name = this.unique('mxsub');
    return { name, resource_type: 'deal', filter: { field: 'name', op: 'eq', value: name }, triggers: [{ type: 'record_created' }] };
  }

  /** A deal of the owner whose `deal_added` activity is in the stream (the admin sees it). */
  dealWithActivity(owner: Owner): Promise<Made> {
    return this.once(`deal-activity:${owner}`, async () => {
      const deal = await this.deal(owner);
      const path = `/v2/activities?resource_type=deal&resource_id=${deal.id}`;
      const items = await eventually(async () => (await api('GET', path, { as: ADMIN })).body.items ?? [], (found: any[]) => found.length > 0, 30_000);
      if (items.length === 0) throw new Error(`no activity of deal ${deal.id}`);
      return deal;
    });
  }

  /** A notification in the owner's inbox: the assignment of a task the admin gives them. */
  notification(owner: Owner): Promise<{ id: string }> {
    return this.once(`notification:${owner}`, async () => {
      const task = await this.create(ADMIN, '/v2/tasks', { content: 'matrix notification', owner_id: CALLERS[owner].id });
      const inbox = await eventually(
        async () => (await api('GET', '/v2/notifications?per_page=100', { as: CALLERS[owner].username })).body.items.map((i: any) => i.data),
        (items: any[]) => items.some((n) => n.resource_type === 'task' && n.resource_id === task.id),
        30_000,
      );
      const found = inbox.find((n: any) => n.resource_type === 'task' && n.resource_id === task.id);
      if (!found) throw new Error(`no notification of task ${task.id} reached ${owner}`);
      return found;
    });
  }

  /**
   * An appointment of the owner on the owner's lead, to which the owner, the admin and (for the
   * manager's report) the manager are invited: those who see it are those who may answer it.
   */
  appointment(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`appointment:${owner}`, fresh, async () => {
      const start = new Date(Date.now() + 7 * 86_400_000);
      const invited = [CALLERS[owner].id, CALLERS.admin.id, ...(owner === 'user' ? [CALLERS.manager.id] : [])];
      return this.create(ADMIN, '/v2/appointments', {
        name: 'matrix appointment', owner_id: CALLERS[owner].id, resource_type: 'lead', resource_id: (await this.lead(owner)).id,
        starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(), attendees: invited.map((id) => ({ user_id: id })),
      });
    });
  }

  /** A calendar collection on the local CalDAV server, for a connection: a new one when `fresh` (one owner connects a URL once). */
  caldavCollection(fresh = false): Promise<string> {
    return this.maybeOnce('caldav-collection', fresh, async () => (await CaldavClient.withCalendar('caldav-user2', this.unique('mxcal'))).calendar.url);
  }

  /** The body that connects a CalDAV calendar at `calendarUrl`. */
  caldavConnection(calendarUrl: string) {
    return { data: { server_url: stack.CALDAV_URL, username: 'caldav-user2', password: stack.CALDAV_PASSWORD, calendar_url: calendarUrl } };
  }

  /** A CalDAV calendar the owner connected. */
  caldavCalendar(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`caldav:${owner}`, fresh, async () => {
      const res = await api('POST', '/v2/calendars', { as: CALLERS[owner].username, body: this.caldavConnection(await this.caldavCollection(true)) });
      return this.data(res, 'caldav calendar');
    });
  }

  /** The caller's calendar feed token (made anew when `fresh`). */
  calendarFeed(caller: Caller, fresh = false): Promise<string> {
    return this.maybeOnce(`feed:${caller}`, fresh, async () => {
      const res = await api('POST', '/v2/calendar_feed', { as: CALLERS[caller].username });
      if (res.status !== 200) throw new Error(`fixture calendar feed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data.token as string;
    });
  }

  /** An iCalendar file with one event of a UID no other import of this run has. */
  icsFile(): string {
    const uid = `${this.unique('mxics')}@matrix.example`;
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//matrix//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20270101T000000Z', 'DTSTART:20310101T090000Z', 'DTEND:20310101T100000Z', 'SUMMARY:matrix import', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  }

  /** The RSVP token of an external guest invited to an appointment of the user. */
  rsvpToken(): Promise<string> {
    return this.once('rsvp-token', async () => {
      const start = new Date(Date.now() + 8 * 86_400_000);
      const guest = `${this.unique('mxguest')}@example.com`;
      const appointment = await this.create(ADMIN, '/v2/appointments', {
        name: 'matrix invitation', owner_id: CALLERS.user.id, starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(), attendees: [{ email: guest }],
      });
      return rsvpToken({ tenantId: TENANTS.acme, appointmentId: appointment.id, email: guest });
    });
  }

  /** A call of the owner on the owner's contact. */
  call(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`call:${owner}`, fresh, async () => this.create(ADMIN, '/v2/calls', { summary: 'matrix call', user_id: CALLERS[owner].id, resource_type: 'contact', resource_id: (await this.contact(owner)).id }));
  }

  /** A visit the owner made at their lead. */
  visit(owner: Owner): Promise<Made> {
    return this.once(`visit:${owner}`, async () => this.create(CALLERS[owner].username, '/v2/visits', { resource_type: 'lead', resource_id: (await this.lead(owner)).id, summary: 'matrix visit' }));
  }

  /** A text message of the owner, logged by the voice webhook (a number no record has). */
  textMessage(owner: Owner): Promise<Made> {
    return this.once(`text:${owner}`, async () => {
      const request = signedVoiceRequest(await rotateVoiceIntegration(ADMIN), { type: 'text_message', direction: 'incoming', from: unusedNumber(), to: '+15550100100', user_id: CALLERS[owner].id, content: 'matrix text' });
      const res = await sendVoiceRequest(request);
      if (res.status !== 200) throw new Error(`voice text: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.data.id };
    });
  }

  /** A signed webhook request that logs a call for the owner (a number no record has). */
  async voiceEvent(owner: Owner) {
    return signedVoiceRequest(await rotateVoiceIntegration(ADMIN), { type: 'call', direction: 'outgoing', from: '+15550100100', to: unusedNumber(), user_id: CALLERS[owner].id, duration: 5 });
  }

  document(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`document:${owner}`, fresh, async () => {
      const lead = await this.lead(owner);
      const res = await api('POST', `/v2/documents?resource_type=lead&resource_id=${lead.id}&name=matrix.txt`, { as: ADMIN, rawBody: new TextEncoder().encode('matrix'), headers: { 'content-type': 'text/plain' } });
      return this.data(res, 'document');
    });
  }

  order(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`order:${owner}`, fresh, async () => this.create(ADMIN, '/v2/orders', { deal_id: (await this.deal(owner, fresh)).id }));
  }

  lineItem(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`line-item:${owner}`, fresh, async () => {
      const [order, product] = await Promise.all([this.order(owner, fresh), this.product()]);
      return this.create(ADMIN, `/v2/orders/${order.id}/line_items`, { product_id: product.id, quantity: 1 });
    });
  }

  /** A lead of the owner converted by the admin; answers the conversion. */
  conversion(owner: Owner): Promise<Made> {
    return this.once(`conversion:${owner}`, async () => this.create(ADMIN, '/v2/lead_conversions', { lead_id: (await this.lead(owner, true)).id }));
  }

  /** An import made by the owner, waiting for its file. */
  importJob(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`import:${owner}`, fresh, () => this.create(CALLERS[owner].username, '/v2/imports', { resource_type: 'lead' }));
  }

  /** An export made by the owner, finished. */
  finishedExport(owner: Owner): Promise<Made> {
    return this.once(`export:${owner}`, async () => {
      const as = CALLERS[owner].username;
      const job = await this.create(as, '/v2/exports', { resource_type: 'lead' });
      return waitForJob(as, 'exports', job.id);
    });
  }

  team(fresh = false): Promise<Made> {
    return this.maybeOnce('team', fresh, () => this.create(ADMIN, '/v2/teams', { name: this.unique('mxteam') }));
  }

  /** The device of each owner's sync sessions. */
  syncDevice(who: Caller): string {
    return `00000000-0000-4000-8000-${String(CALLERS[who].id).padStart(12, '0')}`;
  }

  /** A live sync session of the owner's device, started once the owner's lead has reached the copy devices sync from. */
  syncSession(owner: Owner): Promise<string> {
    return this.once(`sync-session:${owner}`, async () => {
      await this.lead(owner);
      const as = CALLERS[owner].username;
      const headers = { 'X-Basecrm-Device-UUID': this.syncDevice(owner) };
      const started = await eventually(() => api('POST', '/v2/sync/start', { as, headers }), (res) => res.status === 201, 30_000);
      if (started.status !== 201) throw new Error(`no sync session for ${owner}: ${started.status}`);
      return started.body.data.id as string;
    });
  }

  /** A user the admin invited, who has not accepted yet. */
  invitedUser(): Promise<Made> {
    return this.once('invited-user', () => this.create(ADMIN, '/v2/users', { name: 'Matrix Invitee', email: `${this.unique('mxinvited')}@acme.example`, role: 'user' }));
  }

  /** A personal access token of the owner. */
  accessToken(owner: Owner, fresh = false): Promise<Made> {
    return this.maybeOnce(`access-token:${owner}`, fresh, () => this.create(CALLERS[owner].username, '/v2/access_tokens', { name: this.unique('mxtoken') }));
  }

  pipeline(): Promise<Made> {
    return this.once('pipeline', () => this.create(ADMIN, '/v2/pipelines', { name: this.unique('mxpipeline') }));
  }

  async activeStageIds(): Promise<number[]> {
    const res = await api('GET', `/v2/stages?pipeline_id=${(await this.pipeline()).id}&active=true&per_page=100`, { as: ADMIN });
    return res.body.items.map((i: any) => i.data).filter((s: any) => s.category === 'incoming' || s.category === 'in_progress').map((s: any) => s.id);
  }

  stage(fresh = false): Promise<Made> {
    return this.maybeOnce('stage', fresh, async () => this.create(ADMIN, '/v2/stages', { name: this.unique('mxstage'), category: 'in_progress', pipeline_id: (await this.pipeline()).id, likelihood: 10 }));
  }

  product(fresh = false): Promise<Made> {
    return this.maybeOnce('product', fresh, () => this.create(ADMIN, '/v2/products', { name: this.unique('mxproduct'), prices: [{ amount: '10.00', currency: 'USD' }] }));
  }

  /** An item of a reference list such as `lead_sources`. */
  listItem(list: string, fresh = false): Promise<Made> {
    return this.maybeOnce(`list:${list}`, fresh, () => this.create(ADMIN, `/v2/${list}`, { name: this.unique('mxitem') }));
  }

  /** A tag of deals (ids from 10^15, served by deals-pipelines) or of leads. */
  tag(resourceType: 'lead' | 'deal', fresh = false): Promise<Made> {
    return this.maybeOnce(`tag:${resourceType}`, fresh, () => this.create(ADMIN, '/v2/tags', { name: this.unique('mxtag'), resource_type: resourceType }));
  }

  customField(resource: 'lead' | 'contact' | 'deal', fresh = false): Promise<Made> {
    return this.maybeOnce(`custom-field:${resource}`, fresh, () => this.create(ADMIN, `/v2/${resource}/custom_fields`, { name: this.unique('mxfield'), type: 'string' }));
  }

  captureForm(fresh = false): Promise<Made> {
    return this.maybeOnce('capture-form', fresh, () => this.create(ADMIN, '/v2/capture_forms', this.captureFormBody(CALLERS.user.id)));
  }

  captureFormBody(ownerId: number): object {
    return { name: this.unique('mxform'), fields: [{ name: 'last_name', required: true }], owner_id: ownerId };
  }

  private async firstStage(): Promise<Made> {
    const [id] = await this.activeStageIds();
    return { id };
  }

  private async create(as: string, path: string, data: object): Promise<Made> {
    return this.data(await api('POST', path, { as, body: { data } }), path);
  }

  private data(res: { status: number; body: any }, what: string): Made {
    if (res.status >= 300) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let hit = this.made.get(key);
    if (!hit) this.made.set(key, (hit = make()));
    return hit;
  }

  private maybeOnce<T>(key: string, fresh: boolean, make: () => Promise<T>): Promise<T> {
    return fresh ? make() : this.once(key, make);
  }
}
