import type { OpenApiContribution } from '../openapi/openapi-contribution';
import { common, errorResponse, single, timestamp } from '../openapi/openapi-parts';

const listOf = (ref: string) => ({ type: ['array', 'null'], items: { $ref: ref } });

export function dashboardOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/dashboard': {
        get: {
          operationId: 'show_dashboard',
          tags: ['dashboard'],
          description:
            'The dashboard in one call: the deal summary of a pipeline (as /v2/analytics/deal_summary), the latest activities of the period, the overdue and the upcoming tasks (overdue ones first, flagged `overdue`), and the upcoming appointments; each within the caller\'s visibility. A part whose service is unavailable is null and named in `unavailable`.',
          parameters: [
            { name: 'pipeline_id', in: 'query', description: 'Default: the oldest pipeline', schema: { type: 'integer', minimum: 1 } },
            { name: 'owner_id', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'team_id', in: 'query', description: 'A manager: theirs and their direct reports\'', schema: { type: 'integer', minimum: 1 } },
            { name: 'days', in: 'query', description: 'The period ending now (default 30); or from/to', schema: { type: 'integer', minimum: 1, maximum: 366 } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'upcoming_days', in: 'query', description: 'How far ahead tasks and appointments are listed (default 7)', schema: { type: 'integer', minimum: 1, maximum: 90 } },
            { name: 'limit', in: 'query', description: 'Items per list (default 10)', schema: { type: 'integer', minimum: 1, maximum: 50 } },
          ],
          responses: { '200': { description: 'The dashboard', content: { 'application/json': { schema: single('#/components/schemas/Dashboard', 'dashboard') } } }, ...common, '404': errorResponse('No such pipeline') },
        },
      },
    },
    schemas: {
      Dashboard: {
        type: 'object',
        properties: {
          filters: {
            type: 'object',
            properties: {
              pipeline_id: { type: ['integer', 'null'] },
              owner_ids: { type: 'array', items: { type: 'integer' } },
              period: { type: 'object', properties: { from: timestamp, to: timestamp } },
              upcoming_until: timestamp,
            },
          },
          deal_summary: { oneOf: [{ $ref: '#/components/schemas/DealSummary' }, { type: 'null' }] },
          activities: listOf('#/components/schemas/Activity'),
          tasks: listOf('#/components/schemas/Task'),
          appointments: listOf('#/components/schemas/Appointment'),
          unavailable: { type: 'array', items: { type: 'string', enum: ['deal_summary', 'activities', 'tasks', 'appointments'] } },
        },
      },
    },
  };
}
