import type { OpenApiContribution } from '../../openapi/openapi-contribution';
import { common, errorResponse, idParam, nullableId, nullableString, nullableTimestamp, pageParams, single, sortParam, timestamp } from '../../openapi/openapi-parts';
import { USER_ROLES, USER_SORT_FIELDS, USER_STATUSES } from './users/users.http-controller';

const user = { description: 'The user', content: { 'application/json': { schema: single('#/components/schemas/User', 'user') } } };
const noParams = errorResponse('Any query parameter (`invalid_param`), and the other common errors');

/** Paths and schemas of users and the account, served from the directory. */
export function directoryOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/users': {
        get: {
          operationId: 'list_users',
          tags: ['users'],
          description: 'Every user of the tenant, as the CRM sees them (identity, role and reporting line from Keycloak). Default order by id.',
          parameters: [
            ...pageParams,
            { name: 'name', in: 'query', description: 'Exact name', schema: { type: 'string' } },
            { name: 'email', in: 'query', description: 'Exact address, any case', schema: { type: 'string' } },
            { name: 'role', in: 'query', schema: { type: 'string', enum: [...USER_ROLES] } },
            { name: 'status', in: 'query', schema: { type: 'string', enum: [...USER_STATUSES] } },
            { name: 'reports_to', in: 'query', schema: { type: 'integer' } },
            { name: 'team_name', in: 'query', schema: { type: 'string' } },
            { name: 'group_id', in: 'query', description: 'The team id', schema: { type: 'integer' } },
            { name: 'confirmed', in: 'query', schema: { type: 'boolean' } },
            sortParam(USER_SORT_FIELDS),
          ],
          responses: { '200': { description: 'A page of users' }, ...common },
        },
      },
      '/v2/users/self': {
        get: { operationId: 'get_user_self', tags: ['users'], description: 'The caller. Takes no query parameters.', responses: { '200': user, ...common, '400': noParams } },
      },
      '/v2/users/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_user', tags: ['users'], responses: { '200': user, ...common, '404': errorResponse('No such user in the tenant') } },
      },
      '/v2/accounts/self': {
        get: {
          operationId: 'get_account_self',
          tags: ['accounts'],
          description: 'The caller\'s account settings. Takes no query parameters.',
          responses: { '200': { description: 'The account', content: { 'application/json': { schema: single('#/components/schemas/Account', 'account') } } }, ...common, '400': noParams },
        },
      },
    },
    schemas: {
      User: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          email: { type: 'string' },
          role: { type: 'string', enum: [...USER_ROLES] },
          status: { type: 'string', enum: [...USER_STATUSES] },
          invited: { type: 'boolean' },
          confirmed: { type: 'boolean' },
          phone_number: nullableString,
          timezone: nullableString,
          reports_to: nullableId,
          team_name: nullableString,
          group: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
          created_at: timestamp,
          updated_at: timestamp,
          deleted_at: nullableTimestamp,
        },
      },
      Account: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          currency: { type: 'string' },
          time_format: { type: 'string', enum: ['12H', '24H'] },
          timezone: { type: 'string' },
          phone: nullableString,
          created_at: timestamp,
          updated_at: timestamp,
        },
      },
    },
  };
}
