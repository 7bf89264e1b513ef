import type { NotificationType } from '../catalogue/notification-types';
import { triggerText } from '../email/email-templates';
import type { NotificationParams } from './preset-rules';

/** The inbox's title and body of a notification (English; mail renders its own per locale). */
export function notificationText(type: NotificationType, p: NotificationParams): { title: string; body: string } {
  const by = p.actorName ? ` by ${p.actorName}` : '';
  switch (type) {
    case 'lead_assigned':
      return { title: `Lead assigned to you${by}`, body: p.subject };
    case 'deal_assigned':
      return { title: `Deal assigned to you${by}`, body: p.subject };
    case 'task_assigned':
      return { title: `Task assigned to you${by}`, body: p.detail ? `${p.subject} (due ${p.detail})` : p.subject };
    case 'task_reminder':
      return { title: 'Task reminder', body: p.detail ? `${p.subject} (due ${p.detail})` : p.subject };
    case 'appointment_reminder':
      return { title: 'Appointment reminder', body: p.detail ? `${p.subject} (starts ${p.detail})` : p.subject };
    case 'appointment_reply':
      return { title: 'Invitation answered', body: `${p.subject}: ${p.detail ?? ''}`.trim() };
    case 'import_finished':
      return { title: 'Import finished', body: `${p.subject}: ${p.detail ?? ''}` };
    case 'export_finished':
      return { title: 'Export finished', body: `${p.subject}: ${p.detail ?? ''}` };
    case 'lead_captured':
      return { title: 'New lead from a capture form', body: p.detail ? `${p.subject} (${p.detail})` : p.subject };
    case 'incoming_call':
      return { title: 'Incoming call', body: p.detail ? `${p.subject} (${p.detail})` : p.subject };
    case 'incoming_text':
      return { title: 'Incoming text message', body: p.detail ? `${p.subject} (${p.detail})` : p.subject };
    case 'custom':
      return { title: `${p.subject}: ${triggerText(p.detail, 'en')}${by}`, body: p.subscriptionName ? `You follow it with “${p.subscriptionName}”` : '' };
  }
}
