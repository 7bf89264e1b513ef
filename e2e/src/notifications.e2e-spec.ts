import { LinkSigner } from '@crm/config';
import { TOPICS } from '@crm/events';
import { consumerCaughtUp } from '../support/consumer-lag';
import { runImport, waitForJob } from '../support/data-jobs';
import { E2E, E2E_UNSUBSCRIBE_KEY, E2E_VAPID_PUBLIC_KEY, gatewayEnv } from '../support/e2e-env';
import { PushReceiver } from '../support/push-receiver';
import { startService, waitForHttp, type ServiceProcess } from '../support/service-process';
import { SseClient } from '../support/sse';
import { inbox as mailbox } from '../support/mail';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';
import { rotateVoiceIntegration, sendVoiceRequest, signedVoiceRequest } from '../support/voice';

const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const MANAGER = USERS.acmeManager.username;
const ADMIN = USERS.acmeAdmin.username;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The caller's notifications about one resource (newest first), from the first inbox pages. */
async function about(as: string, resourceType: string, resourceId: number): Promise<any[]> {
  const res = await api('GET', '/v2/notifications?per_page=100', { as });
  expect(res.status).toBe(200);
  return res.body.items.map((i: any) => i.data).filter((n: any) => n.resource_type === resourceType && n.resource_id === resourceId);
}

/** Waits for the caller's notification about a resource, and answers it. */
async function notified(as: string, resourceType: string, resourceId: number): Promise<any> {
  const found = await eventually(() => about(as, resourceType, resourceId), (list) => list.length > 0, 30_000);
  expect(found).toHaveLength(1);
  return found[0];
}

/** A deal (on a new contact of the same owner) that `as` creates for `ownerId`. */
async function newDeal(as: string, name: string, ownerId: number): Promise<any> {
  const contact = (await api('POST', '/v2/contacts', { as, body: { data: { last_name: `${name} contact`, owner_id: ownerId } } })).body.data;
  const res = await api('POST', '/v2/deals', { as, body: { data: { name, owner_id: ownerId, contact_id: contact.id } } });
  expect(res.status).toBe(200);
  return res.body.data;
}

const caughtUp = (...topics: string[]) => consumerCaughtUp(E2E.notificationsGroup, topics);

describe('notifications: preset types through the inbox', () => {
  it('tells a user of a task a manager assigned them, naming the manager, and nobody of a task they gave themself', async () => {
    const own = (await api('POST', '/v2/tasks', { as: U2, body: { data: { content: 'Note to self' } } })).body.data;
    const given = (await api('POST', '/v2/tasks', { as: MANAGER, body: { data: { content: 'Prepare the offer', owner_id: USERS.acmeUser2.id } } })).body.data;
    const n = await notified(U2, 'task', given.id);
    expect(n).toMatchObject({ type: 'task_assigned', title: 'Task assigned to you by Acme Manager', body: 'Prepare the offer', actor_id: USERS.acmeManager.id, read: false, read_at: null, channels: ['web', 'email'] });
    expect(n.id).toMatch(/^[0-9a-f-]{36}$/);
    await caughtUp(TOPICS.calendarTask);
    expect(await about(U2, 'task', own.id)).toEqual([]);
    expect(await about(MANAGER, 'task', given.id)).toEqual([]);

    // Reassigning to another user tells the new owner.
    await api('PUT', `/v2/tasks/${given.id}`, { as: MANAGER, body: { data: { owner_id: USERS.acmeUser1.id } } });
    expect(await notified(U1, 'task', given.id)).toMatchObject({ type: 'task_assigned', actor_id: USERS.acmeManager.id });
  });

  it('tells owners of leads and deals an admin or manager gave them', async () => {
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { first_name: 'Nora', last_name: 'Notified' } } })).body.data;
    await api('PUT', `/v2/leads/${lead.id}`, { as: MANAGER, body: { data: { owner_id: USERS.acmeUser2.id } } });
    expect(await notified(U2, 'lead', lead.id)).toMatchObject({ type: 'lead_assigned', body: 'Nora Notified', actor_id: USERS.acmeManager.id });
    await caughtUp(TOPICS.leadsLead);
    expect(await about(U1, 'lead', lead.id)).toEqual([]);

    const deal = await newDeal(ADMIN, 'Notified deal', USERS.acmeUser1.id);
    expect(await notified(U1, 'deal', deal.id)).toMatchObject({ type: 'deal_assigned', body: 'Notified deal', actor_id: USERS.acmeAdmin.id });
  });

  it('reminds of a due task and an appointment, and tells an appointment owner of an answer', async () => {
    const soon = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2_000);
    const task = (await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Remind me', due_date: iso(new Date(soon.getTime() + 3_600_000)), remind_at: iso(soon) } } })).body.data;
    expect(await notified(U1, 'task', task.id)).toMatchObject({ type: 'task_reminder', title: 'Task reminder', actor_id: null, channels: ['web', 'email', 'push'] });

    const start = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_000);
    const appointment = (await api('POST', '/v2/appointments', {
      as: U1,
      body: { data: { name: 'Kick-off', starts_at: iso(start), ends_at: iso(new Date(start.getTime() + 3_600_000)), reminder: 'at_due_time', attendees: [{ user_id: USERS.acmeUser2.id }] } },
    })).body.data;
    expect((await api('POST', `/v2/appointments/${appointment.id}/reply`, { as: U2, body: { data: { status: 'accepted' } } })).status).toBe(200);
    const forOwner = await eventually(() => about(U1, 'appointment', appointment.id), (l) => l.length >= 2, 30_000);
    expect(forOwner.map((n) => n.type).sort()).toEqual(['appointment_reminder', 'appointment_reply']);
    expect(forOwner.find((n) => n.type === 'appointment_reply')).toMatchObject({ body: 'Kick-off: acme-user2@acme.example accepted', actor_id: USERS.acmeUser2.id });
    // The attendee is reminded too.
    expect(await notified(U2, 'appointment', appointment.id)).toMatchObject({ type: 'appointment_reminder', body: expect.stringContaining('Kick-off') });
  });

  it('tells the starter that an import finished, and a form owner of a captured lead', async () => {
    const job = await runImport(U1, { resource_type: 'lead', column_mapping: { last_name: 'last_name' } }, 'last_name\nImported One\nImported Two\n');
    const done = await waitForJob(U1, 'imports', job.id);
    expect(done.status).toBe('succeeded');
    expect(await notified(U1, 'data_job', job.id)).toMatchObject({ type: 'import_finished', title: 'Import finished', body: 'lead import: 2 created, 0 updated, 0 skipped, 0 failed' });

    const form = (await api('POST', '/v2/capture_forms', { as: ADMIN, body: { data: { name: `Notify ${Date.now()}`, fields: [{ name: 'last_name', required: true }], owner_id: USERS.acmeUser2.id } } })).body.data;
    const submitted = await fetch(`${E2E.gatewayUrl}${form.submission_url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: { last_name: 'Captured' } }) });
    expect(submitted.status).toBe(201);
    const leadId = ((await submitted.json()) as any).data.lead_id;
    expect(await notified(U2, 'lead', leadId)).toMatchObject({ type: 'lead_captured', body: `Captured (${form.name})`, actor_id: null });
  });

  it('tells a record owner of an incoming call and text on their record', async () => {
    const national = `030 ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const phone = `+49${national.replace(/\D/g, '').slice(1)}`;
    const contact = (await api('POST', '/v2/contacts', { as: U2, body: { data: { first_name: 'Cara', last_name: 'Caller', phone: national } } })).body.data;
    const integration = await rotateVoiceIntegration(ADMIN);
    const call = await sendVoiceRequest(signedVoiceRequest(integration, { type: 'call', direction: 'incoming', from: phone, to: '+15550001', duration: 5 }));
    expect(call.body.data).toMatchObject({ resource_type: 'contact', resource_id: contact.id });
    expect(await notified(U2, 'call', call.body.data.id)).toMatchObject({ type: 'incoming_call', body: `Cara Caller (${phone})` });
    const text = await sendVoiceRequest(signedVoiceRequest(integration, { type: 'text_message', direction: 'incoming', from: phone, to: '+15550001', content: 'Hi' }));
    expect(text.status).toBe(200);
    expect(await notified(U2, 'text_message', text.body.data.id)).toMatchObject({ type: 'incoming_text', body: `Cara Caller (${phone})` });
  });
});

describe('notifications: the inbox', () => {
  it('pages newest first by cursor, counts unread, marks one and all read, and shows nobody else\'s', async () => {
    // One at a time: tasks' events travel on different partitions, so only this fixes their order.
    for (const content of ['Inbox one', 'Inbox two', 'Inbox three']) {
      const task = (await api('POST', '/v2/tasks', { as: ADMIN, body: { data: { content, owner_id: USERS.acmeUser3.id } } })).body.data;
      await notified(USERS.acmeUser3.username, 'task', task.id);
    }
    const U3 = USERS.acmeUser3.username;

    const first = await api('GET', '/v2/notifications?per_page=2', { as: U3 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items.map((i: any) => i.data.body)).toEqual(['Inbox three', 'Inbox two']);
    const next = first.body.meta.links.next_page;
    expect(next).toMatch(/^\/v2\/notifications\?per_page=2&cursor=/);
    const second = await api('GET', next, { as: U3 });
    expect(second.body.items[0].data.body).toBe('Inbox one');

    const unread = (await api('GET', '/v2/notifications/unread_count', { as: U3 })).body.data.count;
    expect(unread).toBeGreaterThanOrEqual(3);
    const target = first.body.items[0].data;
    const marked = await api('PUT', `/v2/notifications/${target.id}`, { as: U3, body: { data: { read: true } } });
    expect(marked.body.data).toMatchObject({ id: target.id, read: true, read_at: expect.any(String) });
    expect((await api('GET', '/v2/notifications/unread_count', { as: U3 })).body.data.count).toBe(unread - 1);
    expect((await api('GET', '/v2/notifications?unread=true&per_page=100', { as: U3 })).body.items.map((i: any) => i.data.id)).not.toContain(target.id);
    expect((await api('PUT', `/v2/notifications/${target.id}`, { as: U3, body: { data: { read: false } } })).body.data).toMatchObject({ read: false, read_at: null });

    // Nobody else reads or marks it, an admin of the tenant or another tenant included.
    for (const other of [U1, ADMIN, USERS.globexAdmin.username]) {
      expect((await api('GET', `/v2/notifications/${target.id}`, { as: other })).status).toBe(404);
      expect((await api('PUT', `/v2/notifications/${target.id}`, { as: other, body: { data: { read: true } } })).status).toBe(404);
    }
    expect((await api('GET', `/v2/notifications/${target.id}`, { as: U3 })).body.data.read).toBe(false);

    const all = await api('POST', '/v2/notifications/mark_all_read', { as: U3 });
    expect(all.body.data.updated).toBeGreaterThanOrEqual(unread);
    expect((await api('GET', '/v2/notifications/unread_count', { as: U3 })).body.data.count).toBe(0);

    expect((await api('GET', '/v2/notifications/not-an-id', { as: U3 })).status).toBe(404);
    expectError(await api('GET', '/v2/notifications?cursor=zzz', { as: U3 }), 400, 'invalid_param', 'cursor');
    expectError(await api('PUT', `/v2/notifications/${target.id}`, { as: U3, body: { data: { read: 'yes' } } }), 422, 'invalid_type');
  });
});

describe('notifications: preferences', () => {
  afterAll(async () => {
    await api('PUT', '/v2/notification_preferences', { as: U2, body: { data: { preferences: { task_assigned: null }, locale: 'en' } } });
    await api('PUT', '/v2/notification_preferences/account', { as: ADMIN, body: { data: { preferences: { deal_assigned: null } } } });
  });

  it('answers every type with its channels and where they come from; a type turned off notifies nobody', async () => {
    const initial = await api('GET', '/v2/notification_preferences', { as: U2 });
    expect(initial.status).toBe(200);
    expect(initial.body.data.preferences.task_assigned).toEqual({ channels: ['web', 'email'], source: 'default' });
    expect(Object.keys(initial.body.data.preferences)).toEqual(expect.arrayContaining(['lead_assigned', 'deal_assigned', 'task_assigned', 'task_reminder', 'appointment_reminder', 'import_finished', 'export_finished', 'lead_captured', 'incoming_call', 'incoming_text', 'appointment_reply']));

    const off = await api('PUT', '/v2/notification_preferences', { as: U2, body: { data: { preferences: { task_assigned: [], task_reminder: ['push', 'web', 'web'] }, locale: 'de' } } });
    expect(off.body.data.preferences.task_assigned).toEqual({ channels: [], source: 'user' });
    expect(off.body.data.preferences.task_reminder).toEqual({ channels: ['web', 'push'], source: 'user' });
    expect(off.body.data.locale).toBe('de');

    const silent = (await api('POST', '/v2/tasks', { as: MANAGER, body: { data: { content: 'Unheard', owner_id: USERS.acmeUser2.id } } })).body.data;
    const heard = await newDeal(MANAGER, 'Heard deal', USERS.acmeUser2.id);
    await notified(U2, 'deal', heard.id);
    await caughtUp(TOPICS.calendarTask);
    expect(await about(U2, 'task', silent.id)).toEqual([]);

    const reset = await api('PUT', '/v2/notification_preferences', { as: U2, body: { data: { preferences: { task_assigned: null } } } });
    expect(reset.body.data.preferences.task_assigned).toEqual({ channels: ['web', 'email'], source: 'default' });
    expect(reset.body.data.preferences.task_reminder.source).toBe('user');
  });

  it('lets admins alone set the account defaults, which apply to users who chose nothing', async () => {
    expectError(await api('PUT', '/v2/notification_preferences/account', { as: MANAGER, body: { data: { preferences: { deal_assigned: ['email'] } } } }), 403, 'forbidden');
    const set = await api('PUT', '/v2/notification_preferences/account', { as: ADMIN, body: { data: { preferences: { deal_assigned: ['email'] } } } });
    expect(set.status).toBe(200);
    expect(set.body.data.preferences.deal_assigned).toEqual({ channels: ['email'], source: 'account' });
    expect((await api('GET', '/v2/notification_preferences', { as: U1 })).body.data.preferences.deal_assigned).toEqual({ channels: ['email'], source: 'account' });
    expect((await api('GET', '/v2/notification_preferences/account', { as: U1 })).body.data.preferences.deal_assigned).toEqual({ channels: ['email'], source: 'account' });

    // Web is off for deals for users who chose nothing: the inbox does not show the assignment.
    // A user who chose web for deals (a sentinel) still sees theirs; once it is in, the first was read.
    await api('PUT', '/v2/notification_preferences', { as: U2, body: { data: { preferences: { deal_assigned: ['web'] } } } });
    const mailOnly = await newDeal(ADMIN, 'Mail only', USERS.acmeUser1.id);
    const sentinel = await newDeal(ADMIN, 'Sentinel', USERS.acmeUser2.id);
    expect(await notified(U2, 'deal', sentinel.id)).toMatchObject({ channels: ['web'] });
    await caughtUp(TOPICS.dealsDeal);
    expect(await about(U1, 'deal', mailOnly.id)).toEqual([]);
    await api('PUT', '/v2/notification_preferences', { as: U2, body: { data: { preferences: { deal_assigned: null } } } });
  });

  it('refuses an unknown type, channel or locale with a 422 naming it, and changes nothing', async () => {
    const before = (await api('GET', '/v2/notification_preferences', { as: U1 })).body.data;
    expectError(await api('PUT', '/v2/notification_preferences', { as: U1, body: { data: { preferences: { task_assigned: ['web'], deal_won: ['web'] } } } }), 422, 'unknown', '/data/deal_won');
    expectError(await api('PUT', '/v2/notification_preferences', { as: U1, body: { data: { preferences: { task_assigned: ['sms'] } } } }), 422, 'incorrect_value', '/data/task_assigned');
    expectError(await api('PUT', '/v2/notification_preferences', { as: U1, body: { data: { locale: 'xx' } } }), 422, 'incorrect_value', '/data/locale');
    expectError(await api('PUT', '/v2/notification_preferences', { as: U1, body: { data: { preferences: { task_assigned: 'web' } } } }), 422, 'invalid_type');
    expect((await api('GET', '/v2/notification_preferences', { as: U1 })).body.data).toEqual(before);
  });
});

describe('notifications: email', () => {
  const address = 'acme-user2@acme.example';
  const mailAbout = (subject: string) => eventually(async () => (await mailbox(address)).filter((m) => m.subject === subject), (list) => list.length > 0, 30_000);

  afterAll(async () => {
    await api('PUT', '/v2/notification_preferences', { as: U2, body: { data: { preferences: { task_assigned: null }, locale: 'en' } } });
  });

  it('mails the user in their language with a link back and a one-click unsubscribe, and records the send', async () => {
    const content = `Mail me ${Date.now()}`;
    const task = (await api('POST', '/v2/tasks', { as: MANAGER, body: { data: { content, owner_id: USERS.acmeUser2.id } } })).body.data;
    const [mail] = await mailAbout(`Task assigned to you: ${content}`);
    expect(mail!.source).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(mail!.source).toContain(`https://app.pipewright.test/tasks/${task.id}`);
    expect(mail!.source).toContain(`Acme Manager assigned you the task`);
    const unsubscribe = /List-Unsubscribe:\s+<([^>]+)>/.exec(mail!.source)![1]!;
    expect(unsubscribe.startsWith(`${E2E.gatewayUrl}/public/notifications/unsubscribe/`)).toBe(true);

    const n = await notified(U2, 'task', task.id);
    const audit = await eventually(
      async () => (await api('GET', `/v2/notifications/${n.id}`, { as: U2 })).body.data.deliveries,
      (d: any[]) => d.length === 2 && d.every((x) => x.status === 'sent'),
    );
    expect(audit).toEqual([
      { channel: 'email', status: 'sent', attempts: 1, sent_at: expect.any(String), last_error: null, detail: address },
      { channel: 'web', status: 'sent', attempts: 1, sent_at: expect.any(String), last_error: null, detail: 'live' },
    ]);

    await api('PUT', '/v2/notification_preferences', { as: U2, body: { data: { locale: 'de' } } });
    const german = `Auf Deutsch ${Date.now()}`;
    await api('POST', '/v2/tasks', { as: MANAGER, body: { data: { content: german, owner_id: USERS.acmeUser2.id } } });
    const [de] = await mailAbout(`Aufgabe zugewiesen: ${german}`);
    expect(de!.source).toContain('Acme Manager hat Ihnen die Aufgabe');
  });

  it('unsubscribes from one type by the link: the page changes nothing, the post stops that mail only', async () => {
    const content = `Unsubscribe me ${Date.now()}`;
    await api('POST', '/v2/tasks', { as: MANAGER, body: { data: { content, owner_id: USERS.acmeUser2.id } } });
    const [mail] = await eventually(async () => (await mailbox(address)).filter((m) => m.subject.endsWith(content)), (l) => l.length > 0, 30_000);
    const link = /List-Unsubscribe:\s+<([^>]+)>/.exec(mail!.source)![1]!;

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Stop these emails');
    expect((await api('GET', '/v2/notification_preferences', { as: U2 })).body.data.preferences.task_assigned.channels).toContain('email');

    // A mail client's one-click unsubscribe (RFC 8058).
    const post = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBe(200);
    const prefs = (await api('GET', '/v2/notification_preferences', { as: U2 })).body.data.preferences;
    expect(prefs.task_assigned).toEqual({ channels: ['web'], source: 'user' });
    expect(prefs.deal_assigned.channels).toContain('email');

    const silent = (await api('POST', '/v2/tasks', { as: MANAGER, body: { data: { content: `${content} again`, owner_id: USERS.acmeUser2.id } } })).body.data;
    expect(await notified(U2, 'task', silent.id)).toMatchObject({ channels: ['web'] });

    // A forged or altered link names nothing.
    const forged = new LinkSigner('x'.repeat(40)).sign({ t: 'tenant', u: String(USERS.acmeUser2.id), y: 'deal_assigned' });
    expect((await fetch(`${E2E.gatewayUrl}/public/notifications/unsubscribe/${forged}`, { method: 'POST' })).status).toBe(404);
    const otherType = new LinkSigner(E2E_UNSUBSCRIBE_KEY).sign({ t: 'tenant', u: '1', y: 'no_such_type' });
    expect((await fetch(`${E2E.gatewayUrl}/public/notifications/unsubscribe/${otherType}`)).status).toBe(404);
  });
});

describe('notifications: Web Push', () => {
  const receiver = new PushReceiver();
  /** Other tests (the access matrix) leave subscriptions of their own. */
  const unsubscribeAll = async () => {
    for (const as of [U1, U2]) {
      for (const s of (await api('GET', '/v2/push_subscriptions', { as })).body.items) await api('DELETE', `/v2/push_subscriptions/${s.data.id}`, { as });
    }
  };
  beforeAll(async () => {
    await unsubscribeAll();
    await receiver.start();
  });
  afterAll(async () => {
    await unsubscribeAll();
    await receiver.stop();
  });

  /** A task of U1's whose reminder is due in a moment (reminders go to web, email and push by default). */
  async function reminderSoon(content: string) {
    const soon = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2_000);
    return (await api('POST', '/v2/tasks', { as: U1, body: { data: { content, due_date: iso(new Date(soon.getTime() + 3_600_000)), remind_at: iso(soon) } } })).body.data;
  }

  it('sends a reminder to each of the user\'s browsers, encrypted for it and signed with the server\'s key', async () => {
    expect((await api('GET', '/v2/push_subscriptions/vapid_key', { as: U1 })).body.data).toEqual({ public_key: E2E_VAPID_PUBLIC_KEY });
    const made = await api('POST', '/v2/push_subscriptions', { as: U1, body: { data: { ...receiver.subscribe('laptop'), user_agent: 'Firefox on the laptop' } } });
    expect(made.status).toBe(200);
    expect(made.body.data).toMatchObject({ id: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), endpoint: `${receiver.origin}/push/laptop`, user_agent: 'Firefox on the laptop', last_success_at: null });
    await api('POST', '/v2/push_subscriptions', { as: U1, body: { data: receiver.subscribe('phone') } });
    expect((await api('GET', '/v2/push_subscriptions', { as: U1 })).body.items).toHaveLength(2);
    expect((await api('GET', '/v2/push_subscriptions', { as: U2 })).body.items).toHaveLength(0);

    const task = await reminderSoon('Push me');
    // Earlier reminders of U1's may arrive too (their sends were being retried): this one is found by its task.
    const pushed = (name: string) => receiver.received(name).filter((m) => m.payload.url === `https://app.pipewright.test/tasks/${task.id}`);
    const [message] = await eventually(async () => pushed('laptop'), (l) => l.length > 0, 30_000);
    expect(message!.payload).toEqual({ id: expect.any(String), type: 'task_reminder', title: 'Task reminder', body: expect.stringContaining('Push me'), url: `https://app.pipewright.test/tasks/${task.id}`, created_at: expect.any(String) });
    expect(message!.headers).toMatchObject({ 'content-encoding': 'aes128gcm', urgency: 'high', ttl: '86400', topic: message!.payload.id.replace(/-/g, '') });
    expect(message!.vapid).toMatchObject({ aud: receiver.origin, sub: 'mailto:ops@pipewright.test', publicKey: E2E_VAPID_PUBLIC_KEY });
    expect(message!.vapid.exp * 1000).toBeGreaterThan(Date.now());
    await eventually(async () => pushed('phone'), (l) => l.length > 0, 30_000);
    expect(receiver.errors).toEqual([]);

    const audit = await eventually(async () => (await api('GET', `/v2/notifications/${message!.payload.id}`, { as: U1 })).body.data.deliveries, (d: any[]) => d.some((x) => x.channel === 'push' && x.status === 'sent'));
    expect(audit.find((d: any) => d.channel === 'push')).toMatchObject({ status: 'sent', detail: '2 of 2 subscriptions' });
    expect((await api('GET', '/v2/push_subscriptions', { as: U1 })).body.items.every((i: any) => i.data.last_success_at !== null)).toBe(true);
  });

  it('removes a subscription the push service says is gone, and keeps sending to the others', async () => {
    receiver.answer('phone', 410);
    const task = await reminderSoon('After the phone is gone');
    await eventually(async () => receiver.received('laptop').filter((m) => m.payload.url.endsWith(`/tasks/${task.id}`)), (l) => l.length > 0, 30_000);
    const left = await eventually(async () => (await api('GET', '/v2/push_subscriptions', { as: U1 })).body.items, (items: any[]) => items.length === 1, 30_000);
    expect(left.map((i: any) => i.data.endpoint)).toEqual([`${receiver.origin}/push/laptop`]);
  });

  it('refuses a subscription that is not https, or whose key or secret is malformed, and writes nothing', async () => {
    const good = receiver.subscribe('tablet');
    const before = (await api('GET', '/v2/push_subscriptions', { as: U2 })).body.items.length;
    const bad = (data: object) => api('POST', '/v2/push_subscriptions', { as: U2, body: { data: { ...good, ...data } } });
    expectError(await bad({ endpoint: good.endpoint.replace('https:', 'http:') }), 422, 'incorrect_value', '/data/endpoint');
    expectError(await bad({ keys: { ...good.keys, p256dh: good.keys.p256dh.slice(2) } }), 422, 'incorrect_value', '/data/keys/p256dh');
    expectError(await bad({ keys: { ...good.keys, auth: 'c2hvcnQ' } }), 422, 'incorrect_value', '/data/keys/auth');
    expectError(await bad({ keys: { p256dh: good.keys.p256dh } }), 422, 'missing');
    expect((await api('GET', '/v2/push_subscriptions', { as: U2 })).body.items).toHaveLength(before);

    const mine = (await api('GET', '/v2/push_subscriptions', { as: U1 })).body.items[0].data;
    expect((await api('DELETE', `/v2/push_subscriptions/${mine.id}`, { as: U2 })).status).toBe(404);
    expect((await api('DELETE', '/v2/push_subscriptions/not-an-id', { as: U1 })).status).toBe(404);
  });
});

describe('notifications: live stream (Server-Sent Events)', () => {
  const U3 = USERS.acmeUser3.username;
  const otherGatewayUrl = `http://127.0.0.1:${E2E.liveGateway}`;
  let otherGateway: ServiceProcess;
  const clients: SseClient[] = [];
  const open = async (options: { lastEventId?: string; baseUrl?: string } = {}) => {
    const client = await SseClient.open(U3, options);
    clients.push(client);
    await eventually(async () => client.of('ready'), (l) => l.length > 0, 20_000);
    return client;
  };
  const assign = async (content: string) => (await api('POST', '/v2/tasks', { as: ADMIN, body: { data: { content, owner_id: USERS.acmeUser3.id } } })).body.data;
  const liveAbout = (client: SseClient, taskId: number) => eventually(async () => client.of('notification').filter((e) => e.data.resource_id === taskId), (l) => l.length > 0, 30_000);

  beforeAll(async () => {
    otherGateway = startService('gateway-live', 'gateway', gatewayEnv({ HTTP_PORT: String(E2E.liveGateway), METRICS_PORT: '0', LIVE_HEARTBEAT_SECONDS: '1' }));
    await waitForHttp(`${otherGatewayUrl}/readyz`);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await otherGateway?.stop();
  });

  it('delivers a new notification live to the user\'s streams on every gateway replica, and resumes after a reconnect', async () => {
    const here = await open();
    expect(here.status).toBe(200);
    expect(here.contentType).toContain('text/event-stream');
    const there = await open({ baseUrl: otherGatewayUrl });

    const first = await assign(`Live one ${Date.now()}`);
    const [onA] = await liveAbout(here, first.id);
    const [onB] = await liveAbout(there, first.id);
    expect(onA!.data).toEqual({ id: onA!.id, type: 'task_assigned', title: 'Task assigned to you by Acme Admin', body: first.content, resource_type: 'task', resource_id: first.id, created_at: expect.any(String) });
    expect(onB!.id).toBe(onA!.id);
    // The replica with the short keep-alive sends heartbeats while idle.
    await eventually(async () => there.of('heartbeat'), (l) => l.length > 0, 10_000);

    // Away: what comes meanwhile is replayed first on the next connection, then it is live again.
    await here.close();
    const missed = await assign(`Live two ${Date.now()}`);
    await liveAbout(there, missed.id);
    const back = await open({ lastEventId: onA!.id });
    const replayed = back.of('notification');
    expect(replayed.map((e) => e.data.resource_id)).toContain(missed.id);
    expect(replayed.map((e) => e.data.resource_id)).not.toContain(first.id);
    const third = await assign(`Live three ${Date.now()}`);
    await liveAbout(back, third.id);
    expect(back.of('notification').filter((e) => e.data.resource_id === missed.id)).toHaveLength(1);

    // Nobody else's stream shows it.
    const other = await SseClient.open(U1);
    clients.push(other);
    await eventually(async () => other.of('ready'), (l) => l.length > 0, 20_000);
    const fourth = await assign(`Live four ${Date.now()}`);
    await liveAbout(back, fourth.id);
    expect(other.of('notification').map((e) => e.data.resource_id)).not.toContain(fourth.id);
  });

  it('answers 401 to a stream without a token', async () => {
    expect((await fetch(`${E2E.gatewayUrl}/v2/notifications/stream`)).status).toBe(401);
  });
});
