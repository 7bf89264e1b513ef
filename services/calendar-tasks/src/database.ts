import type { Kysely, Transaction } from 'kysely';
import type { ReferenceListsDatabase, TenantUsersDatabase } from '@crm/records';
import type { AppointmentsTables } from './appointments/appointments.repository';
import type { CaldavTables } from './caldav/caldav.repository';
import type { CalendarFeedTables } from './calendars/calendar-feeds.repository';
import type { CalendarsTables } from './calendars/calendars.repository';
import type { CallsTables } from './calls/calls.repository';
import type { InvitationTables } from './invitations/invitations.repository';
import type { TasksTables } from './tasks/tasks.repository';
import type { VisitsTables } from './visits/visits.repository';
import type { VoiceTables } from './voice/voice.repository';

/** Every table of this service's database: its own and those of the libraries it mounts. */
export interface CalendarTasksDatabase extends TasksTables, CalendarsTables, CalendarFeedTables, CaldavTables, AppointmentsTables, InvitationTables, CallsTables, VisitsTables, VoiceTables, ReferenceListsDatabase, TenantUsersDatabase {}

export type Database = Kysely<CalendarTasksDatabase>;
export type Trx = Transaction<CalendarTasksDatabase>;
