import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { referenceListsOf } from '../../reference-lists/reference-lists.gateway-service';
import { grpcClient, type UpstreamAddress } from '../../upstream-clients';
import { CallOutcomesHttpController, CallsHttpController, TextMessagesHttpController, VisitOutcomesHttpController, VisitsHttpController } from './activities/activities.http-controllers';
import { AppointmentsHttpController, CalendarFeedHttpController, CalendarFeedReaderHttpController, CalendarsHttpController } from './appointments/appointments.http-controllers';
import { RsvpHttpController } from './appointments/rsvp.http-controller';
import { ACTIVITY_REFERENCE_LISTS, APPOINTMENTS_CLIENT, CALENDAR_FEED_CLIENT, CALENDAR_FEED_READER_CLIENT, CALENDARS_CLIENT, CALLS_CLIENT, INVITATION_ANSWERS_CLIENT, TASKS_CLIENT, TEXT_MESSAGES_CLIENT, VISITS_CLIENT, VOICE_INTEGRATION_CLIENT, VOICE_WEBHOOK_CLIENT } from './calendar-tasks.constants';
import { calendarTasksOpenApi } from './calendar-tasks.openapi';
import { TasksHttpController } from './tasks/tasks.http-controller';
import { VoiceIntegrationHttpController, VoiceWebhookHttpController } from './voice/voice.http-controllers';

const address: UpstreamAddress = (config) => config.services.calendarTasks;

/** What the gateway serves from calendar-tasks: tasks, calendars and appointments, calls, text messages, visits and their outcomes, the voice integration and its webhook. It exports the clients the dashboard reads. */
@Module({
  controllers: [TasksHttpController, AppointmentsHttpController, CalendarsHttpController, CalendarFeedHttpController, CalendarFeedReaderHttpController, RsvpHttpController, CallsHttpController, TextMessagesHttpController, VisitsHttpController, CallOutcomesHttpController, VisitOutcomesHttpController, VoiceIntegrationHttpController, VoiceWebhookHttpController],
  providers: [
    grpcClient(TASKS_CLIENT, crm.calendar.v1.TasksServiceClient, address),
    grpcClient(APPOINTMENTS_CLIENT, crm.calendar.v1.AppointmentsServiceClient, address),
    grpcClient(CALENDARS_CLIENT, crm.calendar.v1.CalendarsServiceClient, address),
    grpcClient(INVITATION_ANSWERS_CLIENT, crm.calendar.v1.InvitationAnswersServiceClient, address),
    grpcClient(CALENDAR_FEED_CLIENT, crm.calendar.v1.CalendarFeedServiceClient, address),
    grpcClient(CALENDAR_FEED_READER_CLIENT, crm.calendar.v1.CalendarFeedReaderServiceClient, address),
    grpcClient(CALLS_CLIENT, crm.calendar.v1.CallsServiceClient, address),
    grpcClient(TEXT_MESSAGES_CLIENT, crm.calendar.v1.TextMessagesServiceClient, address),
    grpcClient(VISITS_CLIENT, crm.calendar.v1.VisitsServiceClient, address),
    grpcClient(VOICE_INTEGRATION_CLIENT, crm.calendar.v1.VoiceIntegrationServiceClient, address),
    grpcClient(VOICE_WEBHOOK_CLIENT, crm.calendar.v1.VoiceWebhookServiceClient, address),
    referenceListsOf(ACTIVITY_REFERENCE_LISTS, address),
  ],
  exports: [TASKS_CLIENT, APPOINTMENTS_CLIENT],
})
export class CalendarTasksModule {
  static openApi = calendarTasksOpenApi;
}
