import type { Type } from '@nestjs/common';
import { CalendarTasksModule } from './upstreams/calendar-tasks/calendar-tasks.module';
import { CollaborationsModule } from './collaborations/collaborations.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DealsPipelinesModule } from './upstreams/deals-pipelines/deals-pipelines.module';
import { DirectoryModule } from './upstreams/directory/directory.module';
import { LeadConversionsModule } from './lead-conversions/lead-conversions.module';
import { LeadsContactsModule } from './upstreams/leads-contacts/leads-contacts.module';
import { NotesModule } from './notes/notes.module';
import { NotificationsModule } from './upstreams/notifications/notifications.module';
import { SyncModule } from './upstreams/sync/sync.module';
import { TagsModule } from './tags/tags.module';
import type { GatewayAreaModule } from './openapi/openapi-contribution';

/**
 * Every area the gateway serves: one module per backing service, and one per flow across
 * services. A module brings its clients, controllers and gateway services, and its OpenAPI paths
 * through its static `openApi`. Serving a new service is its folder and one entry here.
 */
export const GATEWAY_AREAS: readonly (Type<unknown> & GatewayAreaModule)[] = [LeadsContactsModule, DealsPipelinesModule, DirectoryModule, NotesModule, TagsModule, CollaborationsModule, LeadConversionsModule, SyncModule, CalendarTasksModule, NotificationsModule, DashboardModule];
