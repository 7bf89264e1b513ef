import Handlebars from 'handlebars';
import type { NotificationType } from '../catalogue/notification-types';
import type { NotificationParams } from '../presets/preset-rules';
import type { TriggerType } from '../subscriptions/triggers';

export type Locale = 'en' | 'de';

interface Copy {
  /** Handlebars over the notification's params (`actorName`, `subject`, `detail`). */
  subject: string;
  lead: string;
}

interface LocaleCopy {
  types: Record<NotificationType, Copy>;
  /** What a custom notification's trigger (its `detail`) reads as. */
  triggers: Record<TriggerType, string>;
  open: string;
  unsubscribe: string;
  why: string;
}

/** The words of each mail, per language; `detail` of reminders and assignments is a time, shown in the user's zone. */
const COPY: Record<Locale, LocaleCopy> = {
  en: {
    types: {
      lead_assigned: { subject: 'Lead assigned to you: {{subject}}', lead: '{{#if actorName}}{{actorName}} assigned you{{else}}You were assigned{{/if}} the lead {{subject}}.' },
      deal_assigned: { subject: 'Deal assigned to you: {{subject}}', lead: '{{#if actorName}}{{actorName}} assigned you{{else}}You were assigned{{/if}} the deal {{subject}}.' },
      task_assigned: { subject: 'Task assigned to you: {{subject}}', lead: '{{#if actorName}}{{actorName}} assigned you{{else}}You were assigned{{/if}} the task “{{subject}}”{{#if detail}}, due {{detail}}{{/if}}.' },
      task_reminder: { subject: 'Reminder: {{subject}}', lead: 'Your task “{{subject}}” is due{{#if detail}} {{detail}}{{/if}}.' },
      appointment_reminder: { subject: 'Reminder: {{subject}}', lead: '“{{subject}}” starts{{#if detail}} {{detail}}{{/if}}.' },
      appointment_reply: { subject: 'Invitation answered: {{subject}}', lead: 'An answer to “{{subject}}”: {{detail}}.' },
      import_finished: { subject: 'Your import finished', lead: 'Your {{subject}} finished: {{detail}}.' },
      export_finished: { subject: 'Your export finished', lead: 'Your {{subject}} finished: {{detail}}.' },
      lead_captured: { subject: 'New lead: {{subject}}', lead: 'The form {{detail}} created the lead {{subject}} for you.' },
      incoming_call: { subject: 'Incoming call: {{subject}}', lead: '{{subject}} called{{#if detail}} from {{detail}}{{/if}}.' },
      incoming_text: { subject: 'Text message from {{subject}}', lead: '{{subject}} sent a text message{{#if detail}} from {{detail}}{{/if}}.' },
      custom: { subject: '{{subject}}: {{detail}}', lead: '{{subject}}: {{detail}}{{#if actorName}} ({{actorName}}){{/if}}. You follow it with “{{subscriptionName}}”.' },
    },
    triggers: { record_created: 'created', stage_changed: 'stage changed', status_changed: 'status changed', task_added: 'task added', note_added: 'note added', field_changed: 'changed' },
    open: 'Open in Pipewright',
    unsubscribe: 'Stop these emails',
    why: 'You get this email because of your notification settings.',
  },
  de: {
    types: {
      lead_assigned: { subject: 'Lead zugewiesen: {{subject}}', lead: '{{#if actorName}}{{actorName}} hat Ihnen{{else}}Ihnen wurde{{/if}} den Lead {{subject}} zugewiesen.' },
      deal_assigned: { subject: 'Deal zugewiesen: {{subject}}', lead: '{{#if actorName}}{{actorName}} hat Ihnen{{else}}Ihnen wurde{{/if}} den Deal {{subject}} zugewiesen.' },
      task_assigned: { subject: 'Aufgabe zugewiesen: {{subject}}', lead: '{{#if actorName}}{{actorName}} hat Ihnen{{else}}Ihnen wurde{{/if}} die Aufgabe „{{subject}}“ zugewiesen{{#if detail}}, fällig {{detail}}{{/if}}.' },
      task_reminder: { subject: 'Erinnerung: {{subject}}', lead: 'Ihre Aufgabe „{{subject}}“ ist fällig{{#if detail}}: {{detail}}{{/if}}.' },
      appointment_reminder: { subject: 'Erinnerung: {{subject}}', lead: '„{{subject}}“ beginnt{{#if detail}}: {{detail}}{{/if}}.' },
      appointment_reply: { subject: 'Einladung beantwortet: {{subject}}', lead: 'Eine Antwort auf „{{subject}}“: {{detail}}.' },
      import_finished: { subject: 'Ihr Import ist fertig', lead: 'Ihr {{subject}} ist fertig: {{detail}}.' },
      export_finished: { subject: 'Ihr Export ist fertig', lead: 'Ihr {{subject}} ist fertig: {{detail}}.' },
      lead_captured: { subject: 'Neuer Lead: {{subject}}', lead: 'Das Formular {{detail}} hat den Lead {{subject}} für Sie angelegt.' },
      incoming_call: { subject: 'Eingehender Anruf: {{subject}}', lead: '{{subject}} hat angerufen{{#if detail}} ({{detail}}){{/if}}.' },
      incoming_text: { subject: 'SMS von {{subject}}', lead: '{{subject}} hat eine SMS geschickt{{#if detail}} ({{detail}}){{/if}}.' },
      custom: { subject: '{{subject}}: {{detail}}', lead: '{{subject}}: {{detail}}{{#if actorName}} ({{actorName}}){{/if}}. Sie folgen dem mit „{{subscriptionName}}“.' },
    },
    triggers: { record_created: 'angelegt', stage_changed: 'Phase geändert', status_changed: 'Status geändert', task_added: 'Aufgabe hinzugefügt', note_added: 'Notiz hinzugefügt', field_changed: 'geändert' },
    open: 'In Pipewright öffnen',
    unsubscribe: 'Diese E-Mails abbestellen',
    why: 'Sie erhalten diese E-Mail wegen Ihrer Benachrichtigungseinstellungen.',
  },
};

const HTML = Handlebars.compile(
  `<!doctype html><html lang="{{locale}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>` +
    `<body style="font-family:Helvetica,Arial,sans-serif;color:#222;max-width:36rem;margin:0 auto;padding:1rem">` +
    `<p style="font-size:16px;line-height:1.5">{{lead}}</p>` +
    `{{#if recordUrl}}<p><a href="{{recordUrl}}" style="display:inline-block;padding:.6rem 1rem;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">{{open}}</a></p>{{/if}}` +
    `<hr style="border:none;border-top:1px solid #ddd;margin:2rem 0 1rem"><p style="font-size:12px;color:#666">{{why}} <a href="{{unsubscribeUrl}}" style="color:#666">{{unsubscribe}}</a></p>` +
    `</body></html>`,
);

const compiled = new Map<string, HandlebarsTemplateDelegate>();
/** The copy's templates, compiled once; plain text, as subjects and text parts carry no markup. */
function plain(source: string): HandlebarsTemplateDelegate {
  let t = compiled.get(source);
  if (!t) compiled.set(source, (t = Handlebars.compile(source, { noEscape: true })));
  return t;
}

const TIME_PARTS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A time in the words of the locale and the user's zone (a detail that is no time is left as it is). */
export function localTime(detail: string | undefined, locale: Locale, timeZone: string | undefined): string | undefined {
  if (!detail || !ISO_TIME.test(detail)) return detail;
  const format = (zone: string) => new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { ...TIME_PARTS, timeZone: zone }).format(new Date(detail));
  try {
    return format(timeZone ?? 'UTC');
  } catch {
    // A zone the runtime does not know: UTC, named.
    return format('UTC');
  }
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What a custom notification's trigger reads as in a language. */
export function triggerText(trigger: string | undefined, locale: Locale): string {
  return (COPY[locale] ?? COPY.en).triggers[trigger as TriggerType] ?? trigger ?? '';
}

/** The mail of one notification: subject, text and HTML in the recipient's language, with the link to the record and the type's unsubscribe link. */
export function renderEmail(
  type: NotificationType,
  locale: Locale,
  params: NotificationParams,
  links: { recordUrl?: string; unsubscribeUrl: string },
  timeZone?: string,
): RenderedEmail {
  const copy = COPY[locale] ?? COPY.en;
  const detail = type === 'custom' ? triggerText(params.detail, locale) : localTime(params.detail, locale, timeZone);
  const values = { ...params, detail };
  const subject = plain(copy.types[type].subject)(values).replace(/[\r\n]+/g, ' ').slice(0, 200);
  const lead = plain(copy.types[type].lead)(values);
  const text = [lead, links.recordUrl ? `${copy.open}: ${links.recordUrl}` : '', '', `${copy.why} ${copy.unsubscribe}: ${links.unsubscribeUrl}`].filter((l, i) => l !== '' || i === 2).join('\n');
  const html = HTML({ locale, subject, lead, recordUrl: links.recordUrl, unsubscribeUrl: links.unsubscribeUrl, open: copy.open, unsubscribe: copy.unsubscribe, why: copy.why });
  return { subject, text, html };
}
