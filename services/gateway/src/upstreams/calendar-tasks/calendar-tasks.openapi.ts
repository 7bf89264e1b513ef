import type { OpenApiContribution } from '../../openapi/openapi-contribution';
import { common, dataBody, errorResponse, idParam, jsonSchemaOf, nullableId, nullableString, nullableTimestamp, pageParams, referenceItem, referenceListPaths, single, sortParam, timestamp } from '../../openapi/openapi-parts';
import { RsvpAnswer } from './appointments/rsvp.http-controller';
import { ANSWERS, APPOINTMENT_RESOURCE_TYPES, APPOINTMENT_SORT_FIELDS, AppointmentReply, AppointmentWrite, CalendarConnect, CalendarUpdate } from './appointments/appointments.http-controllers';
import { ACTIVITY_RESOURCE_TYPES, CALL_SORT_FIELDS, CallWrite, TEXT_MESSAGE_SORT_FIELDS, VERIFICATION_STATUSES, VISIT_SORT_FIELDS, VisitWrite } from './activities/activities.http-controllers';
import { REMINDER_PRESETS, TASK_RESOURCE_TYPES, TASK_SORT_FIELDS, TaskWrite } from './tasks/tasks.http-controller';

const of = (schema: string, type: string) => (description: string) => ({ description, content: { 'application/json': { schema: single(`#/components/schemas/${schema}`, type) } } });
const one = of('Task', 'task');
const oneCall = of('Call', 'call');
const invalid = errorResponse('Invalid attributes (content, due_date, remind_at after due_date, reminder, resource), one error per attribute; nothing was written');
const hidden = errorResponse('No such task visible to the caller, or (on create and update) no such lead, contact or deal visible to the caller (`resource_id`)');
const outOfReach = errorResponse('owner_id is outside the caller\'s reach (a user assigns to themself, a manager to themself and reports)');

const taskFilters = [
  ...pageParams,
  { name: 'ids', in: 'query', description: 'Comma-separated ids', schema: { type: 'string' } },
  { name: 'type', in: 'query', description: 'floating (on no record) or related (on a record)', schema: { type: 'string', enum: ['floating', 'related'] } },
  { name: 'resource_type', in: 'query', schema: { type: 'string', enum: [...TASK_RESOURCE_TYPES] } },
  ...['resource_id', 'owner_id', 'creator_id'].map((name) => ({ name, in: 'query', schema: { type: 'integer' } })),
  ...['completed', 'overdue'].map((name) => ({ name, in: 'query', schema: { type: 'boolean' } })),
  { name: 'remind', in: 'query', description: 'With (true) or without (false) a reminder still to come', schema: { type: 'boolean' } },
  { name: 'q', in: 'query', description: 'Words that must all appear in the content', schema: { type: 'string' } },
  ...['from', 'to'].map((b) => ({ name: `due_date[${b}]`, in: 'query', description: b === 'from' ? 'Due at or after' : 'Due before', schema: { type: 'string', format: 'date-time' } })),
  sortParam(TASK_SORT_FIELDS),
];

const recordFilters = [
  { name: 'resource_type', in: 'query', schema: { type: 'string', enum: [...ACTIVITY_RESOURCE_TYPES] } },
  { name: 'resource_id', in: 'query', schema: { type: 'integer' } },
];
const callHidden = errorResponse('No such call visible to the caller, or (on create and update) no such lead, contact or deal visible to the caller (`resource_id`, `associated_deal_ids`)');
const callInvalid = errorResponse('Invalid attributes (summary, duration, recording_url, an outcome not of this account, an external_id already logged), one error per attribute; nothing was written');
/** The voice provider's event, as calendar-tasks checks it. */
const VOICE_EVENT = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'direction', 'occurred_at', 'from', 'to'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 255, description: 'The provider\'s event id; each is logged once' },
    type: { type: 'string', enum: ['call', 'text_message'] },
    direction: { type: 'string', enum: ['incoming', 'outgoing'] },
    occurred_at: { type: 'string', format: 'date-time' },
    from: { type: 'string', maxLength: 64, description: 'E.164' },
    to: { type: 'string', maxLength: 64, description: 'E.164' },
    user_id: { type: 'integer', minimum: 1, description: 'The user who took or made it; default: the matched record\'s owner' },
    duration: { type: 'integer', minimum: 0, maximum: 86400 },
    missed: { type: 'boolean' },
    recording_url: { type: 'string', format: 'uri', maxLength: 2048 },
    summary: { type: 'string', maxLength: 10000 },
    content: { type: 'string', maxLength: 10000, description: 'The text of a text message' },
  },
};
const resourceRef = { type: ['string', 'null'], enum: [...ACTIVITY_RESOURCE_TYPES, null] };

/** Paths of calls, text messages, visits and their outcomes. */
function activityPaths() {
  return {
    '/v2/calls': {
      get: { operationId: 'list_calls', tags: ['calls'], description: 'Calls of the users the caller sees.', parameters: [...pageParams, { name: 'ids', in: 'query', schema: { type: 'string' } }, ...recordFilters, { name: 'associated_deal_id', in: 'query', schema: { type: 'integer' } }, sortParam(CALL_SORT_FIELDS)], responses: { '200': { description: 'A page of calls' }, ...common } },
      post: { operationId: 'create_call', tags: ['calls'], description: 'Logs a call of `user_id` (default: the caller, within reach) on a lead or contact and deals the caller sees.', requestBody: dataBody(CallWrite), responses: { '200': oneCall('The call'), ...common, '403': outOfReach, '404': callHidden, '422': callInvalid } },
    },
    '/v2/calls/{id}': {
      parameters: [idParam],
      get: { operationId: 'get_call', tags: ['calls'], responses: { '200': oneCall('The call'), ...common, '404': callHidden } },
      put: { operationId: 'update_call', tags: ['calls'], requestBody: dataBody(CallWrite), responses: { '200': oneCall('The call'), ...common, '403': outOfReach, '404': callHidden, '422': callInvalid } },
      delete: { operationId: 'delete_call', tags: ['calls'], responses: { '204': { description: 'Deleted' }, ...common, '404': callHidden } },
    },
    '/v2/text_messages': {
      get: {
        operationId: 'list_text_messages', tags: ['text_messages'], description: 'Text messages of the users the caller sees, logged by the voice provider. resource_type and resource_id go together.',
        parameters: [...pageParams, { name: 'ids', in: 'query', schema: { type: 'string' } }, ...recordFilters, sortParam(TEXT_MESSAGE_SORT_FIELDS)], responses: { '200': { description: 'A page of text messages' }, ...common },
      },
    },
    '/v2/text_messages/{id}': {
      parameters: [idParam],
      get: { operationId: 'get_text_message', tags: ['text_messages'], responses: { '200': of('TextMessage', 'text_message')('The text message'), ...common, '404': errorResponse('No such text message visible to the caller') } },
    },
    '/v2/visits': {
      get: {
        operationId: 'list_visits', tags: ['visits'], description: 'Visits made by the users the caller sees.',
        parameters: [...pageParams, { name: 'ids', in: 'query', schema: { type: 'string' } }, ...['outcome_id', 'creator_id'].map((name) => ({ name, in: 'query', schema: { type: 'integer' } })), ...recordFilters, { name: 'rep_location_verification_status', in: 'query', schema: { type: 'string', enum: [...VERIFICATION_STATUSES] } }, sortParam(VISIT_SORT_FIELDS)],
        responses: { '200': { description: 'A page of visits' }, ...common },
      },
      post: {
        operationId: 'create_visit', tags: ['visits'], description: 'Records a visit of the caller at a lead or contact they see (beyond Sell, whose visits come from its mobile app). The status defaults to unverified with a position, unavailable without; verified needs one.',
        requestBody: dataBody(VisitWrite), responses: { '200': of('Visit', 'visit')('The visit'), ...common, '404': errorResponse('No such lead or contact visible to the caller (`resource_id`)'), '422': errorResponse('Invalid attributes; nothing was written') },
      },
    },
    '/v2/voice_integration': {
      get: { operationId: 'get_voice_integration', tags: ['voice'], description: 'Admins only: the webhook key and path (never the secret).', responses: { '200': { description: 'The integration' }, ...common, '404': errorResponse('The account has no voice integration') } },
      post: { operationId: 'rotate_voice_integration', tags: ['voice'], description: 'Admins only: creates the integration or gives it a new key and secret (the old ones stop working at once). The answer is the only place the secret appears.', responses: { '200': { description: 'The integration and its secret' }, ...common } },
      delete: { operationId: 'delete_voice_integration', tags: ['voice'], description: 'Admins only: the webhook stops accepting events.', responses: { '204': { description: 'Deleted' }, ...common, '404': errorResponse('The account has no voice integration') } },
    },
    '/public/voice/{tenant_key}/events': {
      parameters: [{ name: 'tenant_key', in: 'path', required: true, schema: { type: 'string' } }],
      post: {
        operationId: 'receive_voice_event',
        tags: ['voice'],
        security: [],
        description: 'The voice provider\'s webhook, no token. X-Voice-Timestamp (Unix seconds, within 5 minutes) and X-Voice-Signature (`v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the secret) are required. Logs a call or a text message against the contact, else the lead, whose phone or mobile number is the other party\'s (E.164); each event id once.',
        parameters: ['X-Voice-Timestamp', 'X-Voice-Signature'].map((name) => ({ name, in: 'header', required: false, schema: { type: 'string' } })),
        requestBody: { required: true, content: { 'application/json': { schema: VOICE_EVENT } } },
        responses: {
          '200': { description: '{"data": {"kind": "call" or "text_message", "id": ..., "resource_type": ..., "resource_id": ...}}' },
          '400': errorResponse('Unparsable body'),
          '401': errorResponse('Missing, stale or wrong signature'),
          '404': errorResponse('No voice integration has this key'),
          '409': errorResponse('This event id was handled before'),
          '413': errorResponse('Body over 64 KiB'),
          '415': errorResponse('Not application/json'),
          '422': errorResponse('Not a valid event (the attribute is named), or no user to log it for'),
        },
      },
    },
    ...referenceListPaths('/v2/call_outcomes', 'CallOutcome', 'call outcome'),
    ...referenceListPaths('/v2/visit_outcomes', 'VisitOutcome', 'visit outcome'),
  };
}

const oneAppointment = of('Appointment', 'appointment');
/** An answer in the Sell error shape to JSON, or a page to a person's form post. */
const jsonOrPage = (description: string) => ({ description, content: { ...errorResponse(description).content, 'text/html': { schema: { type: 'string' } } } });
const appointmentHidden = errorResponse('No such appointment visible to the caller (its owner\'s or one they attend), or (on create and update) no such lead, contact or deal visible to the caller (`resource_id`) or calendar (`calendar_id`)');
const appointmentInvalid = errorResponse('Invalid attributes (name, ends_at not after starts_at, an unknown time_zone, a recurrence that does not parse or does not start at starts_at, reminder, attendees), one error per attribute; or the appointment is read-only to the caller (`editable` false: on a calendar the CRM does not write to, cancelled, or only attended); nothing was written');

/** Paths of calendars and appointments (our extension in Sell's conventions). */
function appointmentPaths() {
  return {
    '/v2/calendars': {
      get: {
        operationId: 'list_calendars', tags: ['calendars'], description: 'The calendars of `owner_id` (default: the caller; within the owners the caller sees). Every user has a built-in calendar, made on first use; exactly one calendar per user is the default, the only one the CRM writes to.',
        parameters: [...pageParams, { name: 'owner_id', in: 'query', schema: { type: 'integer' } }], responses: { '200': { description: 'A page of calendars' }, ...common },
      },
      post: {
        operationId: 'connect_calendar', tags: ['calendars'],
        description: 'Connects one of the caller\'s CalDAV calendars. Discovery follows RFC 6764 and 4791 (well-known URL, principal, calendar-home-set); the credentials are checked with the server now and kept encrypted, never returned. Without `calendar_url`, the account\'s first calendar with events. `default: true` makes it the calendar the CRM writes to (two-way sync); the others are synced one way and their appointments are read-only. The first sync starts at once.',
        requestBody: dataBody(CalendarConnect),
        responses: { '200': of('Calendar', 'calendar')('The calendar'), ...common, '422': errorResponse('A server URL that is not public http(s) or does not answer as CalDAV (`server_url`), credentials the server refuses (`password`), no such calendar in the account or one connected already (`calendar_url`); nothing was written') },
      },
    },
    '/v2/calendars/{id}': {
      parameters: [idParam],
      get: { operationId: 'get_calendar', tags: ['calendars'], responses: { '200': of('Calendar', 'calendar')('The calendar'), ...common, '404': errorResponse('No such calendar of an owner the caller sees') } },
      put: {
        operationId: 'update_calendar', tags: ['calendars'], description: 'The owner renames a calendar, makes it the default, or gives a CalDAV calendar new credentials (checked with the server).',
        requestBody: dataBody(CalendarUpdate),
        responses: { '200': of('Calendar', 'calendar')('The calendar'), ...common, '404': errorResponse('No such calendar of the caller'), '422': errorResponse('A blank name, `default: false`, or credentials the server refuses') },
      },
      delete: {
        operationId: 'disconnect_calendar', tags: ['calendars'], description: 'The owner disconnects a CalDAV calendar: its appointments (the server\'s copies) go; the server keeps its data. The built-in calendar becomes the default again if this one was.',
        responses: { '204': { description: 'Disconnected' }, ...common, '404': errorResponse('No such calendar of the caller'), '422': errorResponse('The built-in calendar stays') },
      },
    },
    '/v2/calendars/{id}/sync': {
      parameters: [idParam],
      post: {
        operationId: 'sync_calendar', tags: ['calendars'], description: 'The owner asks for a sync of a CalDAV calendar now; a replica runs it within its poll. `sync_status`, `sync_error` and `last_synced_at` tell how it went.',
        responses: { '202': of('Calendar', 'calendar')('The calendar, sync asked for'), ...common, '404': errorResponse('No such calendar of the caller'), '422': errorResponse('The built-in calendar has nothing to sync') },
      },
    },
    '/v2/appointments': {
      get: {
        operationId: 'list_appointments', tags: ['appointments'],
        description: 'Appointments of the owners the caller sees and those the caller attends. With `from` and `to` (at most 366 days apart), the appointments overlapping that range, a series once per occurrence (with its recurrence_id), sorted by start; otherwise each appointment once.',
        parameters: [
          ...pageParams,
          { name: 'ids', in: 'query', description: 'Comma-separated ids', schema: { type: 'string' } },
          ...['calendar_id', 'owner_id', 'resource_id'].map((name) => ({ name, in: 'query', schema: { type: 'integer' } })),
          { name: 'resource_type', in: 'query', schema: { type: 'string', enum: [...APPOINTMENT_RESOURCE_TYPES] } },
          { name: 'status', in: 'query', description: 'confirmed (default) or cancelled', schema: { type: 'string', enum: ['confirmed', 'cancelled'] } },
          ...['from', 'to'].map((name) => ({ name, in: 'query', description: name === 'from' ? 'Start of the range (with to)' : 'End of the range, exclusive (with from)', schema: { type: 'string', format: 'date-time' } })),
          { name: 'attending', in: 'query', description: 'Only the appointments the caller is invited to', schema: { type: 'boolean' } },
          { name: 'q', in: 'query', description: 'Words that must all appear in the name, description or location', schema: { type: 'string' } },
          sortParam(APPOINTMENT_SORT_FIELDS),
        ],
        responses: { '200': { description: 'A page of appointments' }, ...common },
      },
      post: {
        operationId: 'create_appointment', tags: ['appointments'],
        description: 'An appointment on the owner\'s default calendar (owner default: the caller, within reach), on a lead, contact or deal the caller sees. `recurrence` takes an RRULE expanded in `time_zone`; `series_id` with `recurrence_id` overrides one occurrence of a series. `reminder` is a preset counted back from each occurrence\'s start.',
        requestBody: dataBody(AppointmentWrite), responses: { '200': oneAppointment('The appointment'), ...common, '403': outOfReach, '404': appointmentHidden, '422': appointmentInvalid },
      },
    },
    '/v2/appointments/import': {
      post: {
        operationId: 'import_appointments', tags: ['appointments'],
        description: 'Imports the events of an iCalendar file (text/calendar, at most 5 MB, 5,000 events) into the caller\'s default calendar, each on its own: the answer lists the appointments made and, by their position in the file, the events refused and why (an invalid time, zone or rule, a UID already there, an occurrence whose series is not in the file). Imported appointments keep their UID, SEQUENCE and attendees\' answers, and send no invitations.',
        requestBody: { required: true, content: { 'text/calendar': { schema: { type: 'string' } } } },
        responses: {
          '200': { description: '{"data": {"created": [appointment, ...], "errors": [{"index", "uid", "field", "code", "message"}, ...]}}' },
          ...common, '413': errorResponse('The file is larger than 5 MB'), '415': errorResponse('Not text/calendar'), '422': errorResponse('Not an iCalendar file, or more than 5,000 events; nothing was written'),
        },
      },
    },
    '/v2/calendar_feed': {
      get: { operationId: 'get_calendar_feed', tags: ['calendars'], description: 'Whether the caller has an iCalendar feed, and since when (never its URL).', responses: { '200': { description: '{"data": {"owner_id", "created_at"}}' }, ...common, '404': errorResponse('The caller has no feed') } },
      post: {
        operationId: 'rotate_calendar_feed', tags: ['calendars'],
        description: 'Makes the caller\'s feed, or gives it a new secret URL (the old one stops working). This answer is the only place the URL appears: desktop and phone calendars subscribe to it (`url`, or webcal:// with the same host and path). It holds the caller\'s confirmed appointments from 90 days back on.',
        responses: { '200': { description: '{"data": {"owner_id", "created_at", "url", "token"}}' }, ...common },
      },
      delete: { operationId: 'revoke_calendar_feed', tags: ['calendars'], responses: { '204': { description: 'Revoked: the URL stops working' }, ...common, '404': errorResponse('The caller has no feed') } },
    },
    '/public/calendar_feeds/{token}': {
      parameters: [{ name: 'token', in: 'path', required: true, description: 'The feed\'s secret token (optionally with .ics)', schema: { type: 'string', maxLength: 100, pattern: '^[0-9a-fA-F-]{36}\\.[A-Za-z0-9_-]{43}(\\.ics)?$' } }],
      get: {
        operationId: 'read_calendar_feed', tags: ['calendars'], security: [],
        description: 'The feed as iCalendar (METHOD PUBLISH), for calendar apps: no token header, the URL is the credential.',
        responses: { '200': { description: 'The calendar', content: { 'text/calendar': { schema: { type: 'string' } } } }, '400': errorResponse('Malformed request'), '404': errorResponse('No such feed (revoked, replaced, or never made)'), '429': errorResponse('Too many requests'), '503': errorResponse('Unavailable') },
      },
    },
    '/v2/appointments/{id}': {
      parameters: [idParam],
      get: { operationId: 'get_appointment', tags: ['appointments'], responses: { '200': oneAppointment('The appointment'), ...common, '404': appointmentHidden } },
      put: {
        operationId: 'update_appointment', tags: ['appointments'],
        description: 'Changes the given attributes; null clears one; `attendees` replaces the list. A change attendees see raises `sequence`; a change of time asks every attendee again (status needs-action).',
        requestBody: dataBody(AppointmentWrite), responses: { '200': oneAppointment('The appointment'), ...common, '403': outOfReach, '404': appointmentHidden, '422': appointmentInvalid },
      },
      delete: { operationId: 'cancel_appointment', tags: ['appointments'], description: 'Cancels the appointment (a series with its overridden occurrences); it stays readable with status cancelled.', responses: { '204': { description: 'Cancelled' }, ...common, '404': appointmentHidden, '422': appointmentInvalid } },
    },
    '/public/rsvp/{token}': {
      parameters: [{ name: 'token', in: 'path', required: true, description: 'The signed token of an invitation\'s RSVP link', schema: { type: 'string', maxLength: 800, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } }],
      get: {
        operationId: 'show_invitation', tags: ['appointments'], security: [],
        description: 'The page an invitation\'s RSVP link opens, no token: the appointment, the attendee\'s answer so far, and Accept / Maybe / Decline buttons. Changes nothing.',
        responses: { '200': { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, '404': { description: 'An HTML page: the token is not valid' }, '429': errorResponse('Too many requests from this address') },
      },
      post: {
        operationId: 'answer_invitation', tags: ['appointments'], security: [],
        description: 'Records the attendee\'s answer (`appointment.attendee-replied`, via `rsvp_link`). An HTML form post answers with the page; JSON with the invitation.',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(RsvpAnswer) } } }, 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { status: { type: 'string', enum: [...ANSWERS] } } } } } },
        responses: {
          '200': { description: '{"data": {"name", "starts_at", "ends_at", "time_zone", "organizer_name", "attendee_email", "status", "appointment_status", ...}} or the HTML page' },
          '400': errorResponse('Unparsable body'), '404': jsonOrPage('The token is not valid'), '415': errorResponse('Neither JSON nor a form'),
          '422': jsonOrPage('An unknown status, or the appointment is cancelled'), '429': errorResponse('Too many requests from this address'),
        },
      },
    },
    '/v2/appointments/{id}/reply': {
      parameters: [idParam],
      post: {
        operationId: 'reply_to_appointment', tags: ['appointments'], description: 'The caller\'s answer to an appointment they are invited to.',
        requestBody: dataBody(AppointmentReply), responses: { '200': oneAppointment('The appointment'), ...common, '404': appointmentHidden, '422': errorResponse('Not invited, the appointment is cancelled, or an unknown status') },
      },
    },
  };
}

/** Paths of Sell's tasks, served from calendar-tasks. */
export function calendarTasksOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/tasks': {
        get: { operationId: 'list_tasks', tags: ['tasks'], description: 'Tasks of the owners the caller sees.', parameters: taskFilters, responses: { '200': { description: 'A page of tasks' }, ...common } },
        post: {
          operationId: 'create_task',
          tags: ['tasks'],
          description: 'A task on a lead, contact or deal the caller sees, or floating. `reminder` takes a preset counted back from due_date (it moves with it); `remind_at` an absolute time. The owner defaults to the caller.',
          requestBody: dataBody(TaskWrite),
          responses: { '200': one('The task'), ...common, '403': outOfReach, '404': hidden, '422': invalid },
        },
      },
      '/v2/tasks/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_task', tags: ['tasks'], responses: { '200': one('The task'), ...common, '404': hidden } },
        put: {
          operationId: 'update_task',
          tags: ['tasks'],
          description: 'Changes the given attributes; null clears one. Completing or deleting a task cancels its reminder.',
          requestBody: dataBody(TaskWrite),
          responses: { '200': one('The task'), ...common, '403': outOfReach, '404': hidden, '422': invalid },
        },
        delete: { operationId: 'delete_task', tags: ['tasks'], responses: { '204': { description: 'Deleted' }, ...common, '404': hidden } },
      },
      ...activityPaths(),
      ...appointmentPaths(),
    },
    schemas: {
      Task: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, creator_id: { type: 'integer' }, owner_id: { type: 'integer' }, content: { type: 'string' },
          resource_type: { type: ['string', 'null'], enum: [...TASK_RESOURCE_TYPES, null] }, resource_id: nullableId,
          due_date: nullableTimestamp, remind_at: nullableTimestamp, reminder: { ...nullableString, enum: [...REMINDER_PRESETS, null] },
          completed: { type: 'boolean' }, completed_at: nullableTimestamp, overdue: { type: 'boolean', description: 'Not completed and due in the past' },
          created_at: timestamp, updated_at: timestamp,
        },
      },
      Call: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, user_id: { type: 'integer' }, summary: { type: 'string' }, recording_url: nullableString, outcome_id: nullableId, duration: { type: 'integer' },
          phone_number: nullableString, incoming: { type: 'boolean' }, missed: { type: 'boolean' }, resource_type: resourceRef, resource_id: nullableId,
          associated_deal_ids: { type: 'array', items: { type: 'integer' } }, made_at: timestamp, external_id: nullableString, created_at: timestamp, updated_at: timestamp,
        },
      },
      TextMessage: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, user_id: { type: 'integer' }, content: { type: 'string' }, incoming: { type: 'boolean' }, resource_type: resourceRef, resource_id: nullableId,
          resource_phone_number: nullableString, user_phone_number: nullableString, associated_deal_ids: { type: 'array', items: { type: 'integer' } }, sent_at: timestamp, created_at: timestamp, updated_at: timestamp,
        },
      },
      Visit: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, creator_id: { type: 'integer' }, outcome_id: nullableId, resource_type: resourceRef, resource_id: nullableId, resource_address: nullableString,
          rep_location_verification_status: { type: 'string', enum: [...VERIFICATION_STATUSES] }, summary: { type: 'string' }, latitude: { type: ['number', 'null'] }, longitude: { type: ['number', 'null'] },
          visited_at: timestamp, created_at: timestamp, updated_at: timestamp,
        },
      },
      Calendar: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, owner_id: { type: 'integer' }, kind: { type: 'string', enum: ['builtin', 'caldav'] }, name: { type: 'string' }, default: { type: 'boolean' },
          server_url: nullableString, calendar_url: nullableString, username: nullableString,
          sync_status: { type: 'string', enum: ['ok', 'error'], description: 'How the last sync ended' }, sync_error: nullableString, last_synced_at: { ...nullableTimestamp, description: 'When the last sync ended' },
          sync_pending: { type: 'boolean', description: 'A sync is asked for or running' }, created_at: timestamp, updated_at: timestamp,
        },
      },
      Appointment: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, calendar_id: { type: 'integer' }, owner_id: { type: 'integer' }, creator_id: { type: 'integer' },
          name: { type: 'string' }, description: { type: 'string' }, location: { type: 'string' },
          starts_at: timestamp, ends_at: timestamp, time_zone: { type: 'string', description: 'IANA zone' }, all_day: { type: 'boolean' },
          recurrence: { ...nullableString, description: 'RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU' }, exdates: { type: 'array', items: timestamp },
          series_id: nullableId, recurrence_id: { ...nullableTimestamp, description: 'The original start of this occurrence (an override, or an occurrence in a range listing)' },
          resource_type: { type: ['string', 'null'], enum: [...APPOINTMENT_RESOURCE_TYPES, null] }, resource_id: nullableId,
          status: { type: 'string', enum: ['confirmed', 'cancelled'] }, reminder: { ...nullableString, enum: [...REMINDER_PRESETS, null] },
          attendees: {
            type: 'array',
            items: { type: 'object', properties: { email: { type: 'string' }, name: { type: 'string' }, user_id: nullableId, status: { type: 'string', enum: ['needs-action', ...ANSWERS] }, responded_at: nullableTimestamp } },
          },
          editable: { type: 'boolean', description: 'Whether the caller may change it' }, uid: { type: 'string', description: 'iCalendar UID' }, sequence: { type: 'integer', description: 'iCalendar SEQUENCE' },
          created_at: timestamp, updated_at: timestamp,
        },
      },
      CallOutcome: referenceItem({}),
      VisitOutcome: referenceItem({}),
    },
  };
}
