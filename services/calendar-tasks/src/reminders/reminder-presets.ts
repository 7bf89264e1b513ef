/** Reminder presets the product offers, as offsets before a task's due date or an appointment's start. */
export const REMINDER_PRESETS = {
  '1_week_before': 7 * 24 * 3600,
  '1_day_before': 24 * 3600,
  '1_hour_before': 3600,
  '30_minutes_before': 30 * 60,
  '15_minutes_before': 15 * 60,
  '5_minutes_before': 5 * 60,
  at_due_time: 0,
} as const;

export type ReminderPreset = keyof typeof REMINDER_PRESETS;

export function isReminderPreset(value: string): value is ReminderPreset {
  return Object.hasOwn(REMINDER_PRESETS, value);
}

/** When a reminder at `preset` fires for something that happens at `at`. */
export function remindAtFor(preset: ReminderPreset, at: Date): Date {
  return new Date(at.getTime() - REMINDER_PRESETS[preset] * 1000);
}
