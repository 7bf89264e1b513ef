/** Injection tokens of the gRPC clients of calendar-tasks. */
export const TASKS_CLIENT = Symbol('TASKS_CLIENT');
export const CALLS_CLIENT = Symbol('CALLS_CLIENT');
export const TEXT_MESSAGES_CLIENT = Symbol('TEXT_MESSAGES_CLIENT');
export const VISITS_CLIENT = Symbol('VISITS_CLIENT');
/** Call and visit outcomes as a ReferenceListsGatewayService. */
export const ACTIVITY_REFERENCE_LISTS = Symbol('ACTIVITY_REFERENCE_LISTS');
export const VOICE_INTEGRATION_CLIENT = Symbol('VOICE_INTEGRATION_CLIENT');
export const VOICE_WEBHOOK_CLIENT = Symbol('VOICE_WEBHOOK_CLIENT');
export const APPOINTMENTS_CLIENT = Symbol('APPOINTMENTS_CLIENT');
export const CALENDARS_CLIENT = Symbol('CALENDARS_CLIENT');
export const INVITATION_ANSWERS_CLIENT = Symbol('INVITATION_ANSWERS_CLIENT');
export const CALENDAR_FEED_CLIENT = Symbol('CALENDAR_FEED_CLIENT');
export const CALENDAR_FEED_READER_CLIENT = Symbol('CALENDAR_FEED_READER_CLIENT');
