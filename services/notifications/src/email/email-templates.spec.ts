import { PRESET_TYPES } from '../catalogue/notification-types';
import { localTime, renderEmail } from './email-templates';

const links = { recordUrl: 'https://crm.example/tasks/7', unsubscribeUrl: 'https://crm.example/public/notifications/unsubscribe/abc' };

describe(renderEmail.name, () => {
  it('writes each type in each language, with the link back and the unsubscribe link', () => {
    for (const type of PRESET_TYPES) {
      for (const locale of ['en', 'de'] as const) {
        const mail = renderEmail(type, locale, { actorName: 'Ann', subject: 'Call back', detail: 'x' }, links);
        expect(mail.subject.length).toBeGreaterThan(3);
        expect(mail.text).toContain(links.unsubscribeUrl);
        expect(mail.html).toContain(`href="${links.recordUrl}"`);
        expect(mail.html).toContain(`lang="${locale}"`);
      }
    }
    expect(renderEmail('task_assigned', 'de', { actorName: 'Ann', subject: 'Rückruf' }, links).subject).toBe('Aufgabe zugewiesen: Rückruf');
  });

  it('escapes what users wrote in the HTML, and keeps it readable in the text', () => {
    const mail = renderEmail('task_assigned', 'en', { actorName: '<b>Eve</b>', subject: 'a & "b"' }, links);
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Eve</b>');
    expect(mail.text).toContain('<b>Eve</b> assigned you the task “a & "b"”.');
  });

  it('shows a due time in the user\'s zone and language', () => {
    expect(localTime('2026-03-01T09:30:00Z', 'en', 'Europe/Berlin')).toBe('1 Mar 2026, 10:30 CET');
    expect(localTime('2026-03-01T09:30:00Z', 'de', 'Europe/Berlin')).toBe('1. März 2026, 10:30 MEZ');
    expect(localTime('not a time', 'en', 'Europe/Berlin')).toBe('not a time');
    expect(renderEmail('task_reminder', 'en', { subject: 'Call', detail: '2026-03-01T09:30:00Z' }, links, 'America/New_York').text).toContain('due 1 Mar 2026, 04:30 GMT-5');
  });
});
