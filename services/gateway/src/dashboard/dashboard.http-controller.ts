import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../auth/auth.guard';
import { TeamMembers } from '../auth/team-members';
import { single } from '../sell/sell-envelope';
import { asQueryError } from '../sell/sell-error';
import { sellTime } from '../sell/sell-record';
import { SellQuery, type RawQuery } from '../sell/sell-query';
import { Upstream } from '../upstream';
import { APPOINTMENTS_CLIENT, TASKS_CLIENT } from '../upstreams/calendar-tasks/calendar-tasks.constants';
import { presentAppointment } from '../upstreams/calendar-tasks/appointments/appointment.presenters';
import { presentTask } from '../upstreams/calendar-tasks/tasks/task.presenter';
import { presentDealSummary } from '../upstreams/deals-pipelines/analytics/deal-summary.presenter';
import { readPeriod } from '../upstreams/deals-pipelines/analytics/period';
import { ANALYTICS_CLIENT } from '../upstreams/deals-pipelines/deals-pipelines.constants';
import { ACTIVITIES_CLIENT } from '../upstreams/notifications/notifications.constants';
import { presentActivity } from '../upstreams/notifications/notification.presenter';

const DAY_MS = 24 * 3600 * 1000;

/** Failures of a part that leave the rest worth showing: its service is down or slow. */
const PART_OUTAGES: readonly ErrorKind[] = [ErrorKind.Unavailable, ErrorKind.Internal, ErrorKind.ResourceExhausted];

/**
 * `GET /v2/dashboard`: the deal summary of a pipeline, the latest activities, the overdue and
 * upcoming tasks and the upcoming appointments, in one call. The parts are asked for at once, each
 * from the service that owns it, as the caller (so each applies the caller's visibility). A part
 * whose service is down is `null` and named in `unavailable`; a bad filter fails the whole call.
 */
@Controller('v2/dashboard')
export class DashboardHttpController {
  constructor(
    @Inject(ANALYTICS_CLIENT) private readonly analytics: crm.deals.v1.AnalyticsServiceClient,
    @Inject(ACTIVITIES_CLIENT) private readonly activities: crm.notifications.v1.ActivitiesServiceClient,
    @Inject(TASKS_CLIENT) private readonly tasks: crm.calendar.v1.TasksServiceClient,
    @Inject(APPOINTMENTS_CLIENT) private readonly appointments: crm.calendar.v1.AppointmentsServiceClient,
    private readonly teams: TeamMembers,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async show(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const pipelineId = q.id('pipeline_id') ?? '0';
    const ownerId = q.id('owner_id');
    const teamId = q.id('team_id');
    const period = readPeriod(q);
    const upcomingDays = q.int('upcoming_days', 1, 90, 7);
    const limit = q.int('limit', 1, 50, 10);
    q.assertNoUnknown();
    const ownerIds = await this.teams.narrow(principal, ownerId, teamId);
    const now = new Date();
    const horizon = new Date(now.getTime() + upcomingDays * DAY_MS);
    const parts = await Promise.allSettled([
      this.upstream.call(this.analytics, this.analytics.summarizeDeals, { pipelineId, ownerIds, ...period }, principal),
      this.upstream.call(this.activities, this.activities.listActivities, {
        kinds: [], ownerIds, actorIds: [], resourceType: '', resourceId: '0', from: period.from, to: period.to, beforeId: '', limit,
      }, principal),
      this.upstream.call(this.tasks, this.tasks.listTasks, {
        page: { page: 1, perPage: limit }, ids: [], completed: false, overdue: true, ownerIds, sort: [{ field: 'due_date', descending: true }],
      }, principal),
      this.upstream.call(this.tasks, this.tasks.listTasks, {
        page: { page: 1, perPage: limit }, ids: [], completed: false, overdue: false, ownerIds, dueFrom: now, dueTo: horizon, sort: [{ field: 'due_date', descending: false }],
      }, principal),
      this.upstream.call(this.appointments, this.appointments.listAppointments, {
        page: { page: 1, perPage: limit }, ids: [], ownerIds, from: now, to: horizon, sort: [{ field: 'starts_at', descending: false }],
      }, principal),
    ]);
    // A client's mistake (an unknown pipeline, a bad filter) is the answer, whichever part saw it first.
    for (const p of parts) if (p.status === 'rejected' && !isOutage(p.reason)) asQueryError(p.reason);
    const [summary, activities, overdue, upcoming, appointments] = parts.map((p) => (p.status === 'fulfilled' ? p.value : undefined)) as [
      crm.deals.v1.SummarizeDealsResponse | undefined,
      crm.notifications.v1.ListActivitiesResponse | undefined,
      crm.calendar.v1.ListTasksResponse | undefined,
      crm.calendar.v1.ListTasksResponse | undefined,
      crm.calendar.v1.ListAppointmentsResponse | undefined,
    ];
    const unavailable = [
      ...(summary ? [] : ['deal_summary']),
      ...(activities ? [] : ['activities']),
      ...(overdue && upcoming ? [] : ['tasks']),
      ...(appointments ? [] : ['appointments']),
    ];
    return single('dashboard', {
      filters: { pipeline_id: summary ? Number(summary.pipelineId) : pipelineId === '0' ? null : Number(pipelineId), owner_ids: ownerIds.map(Number), period: { from: sellTime(period.from), to: sellTime(period.to) }, upcoming_until: sellTime(horizon) },
      deal_summary: summary ? presentDealSummary(summary, period) : null,
      activities: activities ? activities.activities.map(presentActivity) : null,
      tasks: overdue && upcoming ? [...overdue.tasks, ...upcoming.tasks].map(presentTask) : null,
      appointments: appointments ? appointments.appointments.map(presentAppointment) : null,
      unavailable,
    });
  }
}

function isOutage(e: unknown): boolean {
  return e instanceof DomainError && PART_OUTAGES.includes(e.kind);
}
