/** The channels a notification can go out on: the web inbox (and its live stream), mail and Web Push. */
export const CHANNELS = ['web', 'email', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The preset notification types, each with the channels it uses until the account or the user
 * chooses otherwise. Reminders go everywhere by default (they are time-bound); calls and texts
 * are frequent, so only the inbox shows them unless a user asks for more.
 */
export const NOTIFICATION_TYPES = {
  lead_assigned: { channels: ['web', 'email'], description: 'A lead was assigned to you by someone else' },
  deal_assigned: { channels: ['web', 'email'], description: 'A deal was assigned to you by someone else' },
  task_assigned: { channels: ['web', 'email'], description: 'A task was assigned to you by someone else' },
  task_reminder: { channels: ['web', 'email', 'push'], description: 'A task of yours is due to be reminded' },
  appointment_reminder: { channels: ['web', 'email', 'push'], description: 'An appointment you own or attend is coming up' },
  appointment_reply: { channels: ['web'], description: 'An attendee answered an invitation to your appointment' },
  import_finished: { channels: ['web', 'email'], description: 'An import you started finished' },
  export_finished: { channels: ['web', 'email'], description: 'An export you started finished' },
  lead_captured: { channels: ['web', 'email'], description: 'A capture form created a lead for you' },
  incoming_call: { channels: ['web'], description: 'An incoming call on a lead or contact you own' },
  incoming_text: { channels: ['web'], description: 'An incoming text message on a lead or contact you own' },
  custom: { channels: ['web', 'email', 'push'], description: 'A record matched one of your (or your team\'s) subscriptions; each subscription narrows the channels' },
} as const satisfies Record<string, { channels: readonly Channel[]; description: string }>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export const PRESET_TYPES = Object.keys(NOTIFICATION_TYPES) as NotificationType[];

export function isNotificationType(value: string): value is NotificationType {
  return Object.hasOwn(NOTIFICATION_TYPES, value);
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
