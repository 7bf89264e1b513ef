import type { OpenApiContribution } from '../../openapi/openapi-contribution';
import { common, dataBody, errorResponse, idParam, nullableId, nullableString, nullableTimestamp, pageParams, single, sortParam, timestamp } from '../../openapi/openapi-parts';
import { REMINDER_PRESETS, TASK_RESOURCE_TYPES, TASK_SORT_FIELDS, TaskWrite } from './tasks/tasks.http-controller';

const one = (description: string) => ({ description, content: { 'application/json': { schema: single('#/components/schemas/Task', 'task') } } });
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
    },
  };
}
