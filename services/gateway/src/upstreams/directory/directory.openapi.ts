import type { OpenApiContribution } from '../../openapi/openapi-contribution';
import { common, dataBody, errorResponse, idParam, nullableId, nullableString, nullableTimestamp, pageParams, single, sortParam, timestamp } from '../../openapi/openapi-parts';
import { TeamWrite } from './teams/teams.http-controller';
import { USER_ROLES, USER_SORT_FIELDS, USER_STATUSES, UserInvitation, UserUpdate } from './users/users.http-controller';
import { AccessTokenCreate } from './access-tokens/access-tokens.http-controller';
import { AccountUpdate } from './accounts/accounts.http-controller';

const user = { description: 'The user', content: { 'application/json': { schema: single('#/components/schemas/User', 'user') } } };
const team = { description: 'The team', content: { 'application/json': { schema: single('#/components/schemas/Team', 'team') } } };
const account = { description: 'The account', content: { 'application/json': { schema: single('#/components/schemas/Account', 'account') } } };
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
        post: {
          operationId: 'invite_user',
          tags: ['users'],
          description:
            'Admins only (beyond Sell): invites someone. Keycloak gets the user (the address is the user name) and emails a link to set a password and verify the address; the user is listed at once with `invited: true` and `confirmed: false` until they do. If the email cannot be sent, nothing is created (503).',
          requestBody: dataBody(UserInvitation),
          responses: { '200': user, ...common, '422': errorResponse('Blank name, an address that is not an email or belongs to a user already (`already_exists`), unknown role, a manager that is not an active user, an unknown team or time zone') },
        },
      },
      '/v2/users/{id}/invitation': {
        parameters: [idParam],
        post: {
          operationId: 'resend_invitation',
          tags: ['users'],
          description: 'Admins only: emails an invited user who has not accepted yet a new link. Takes no body.',
          responses: { '200': user, ...common, '404': errorResponse('No such user in the tenant'), '422': errorResponse('The user has no pending invitation or is deactivated') },
        },
      },
      '/v2/users/self': {
        get: { operationId: 'get_user_self', tags: ['users'], description: 'The caller. Takes no query parameters.', responses: { '200': user, ...common, '400': noParams } },
      },
      '/v2/users/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_user', tags: ['users'], responses: { '200': user, ...common, '404': errorResponse('No such user in the tenant') } },
        put: {
          operationId: 'update_user',
          tags: ['users'],
          description: 'Admins only (beyond Sell): activate or deactivate (Keycloak\'s enabled state), change the role or manager (written to Keycloak), the team (`group_id`), phone number or time zone. null clears; read-only attributes sent back are ignored. A deactivated user\'s tokens stop working within a minute; their records keep their owner.',
          requestBody: dataBody(UserUpdate),
          responses: { '200': user, ...common, '404': errorResponse('No such user in the tenant'), '422': errorResponse('Unknown status or role, a manager that is not an active user or makes a loop, an unknown team or time zone, or an admin deactivating or demoting themself') },
        },
      },
      '/v2/teams': {
        get: { operationId: 'list_teams', tags: ['teams'], parameters: [...pageParams, { name: 'name', in: 'query', description: 'Exact name, any case', schema: { type: 'string' } }], responses: { '200': { description: 'A page of teams, by id' }, ...common } },
        post: { operationId: 'create_team', tags: ['teams'], description: 'Admins only.', requestBody: dataBody(TeamWrite), responses: { '200': team, ...common, '422': errorResponse('Blank or taken name') } },
      },
      '/v2/teams/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_team', tags: ['teams'], responses: { '200': team, ...common, '404': errorResponse('No such team') } },
        put: { operationId: 'rename_team', tags: ['teams'], description: 'Admins only.', requestBody: dataBody(TeamWrite), responses: { '200': team, ...common, '404': errorResponse('No such team'), '422': errorResponse('Blank or taken name') } },
        delete: { operationId: 'delete_team', tags: ['teams'], description: 'Admins only; its users are left without a team.', responses: { '204': { description: 'Deleted' }, ...common, '404': errorResponse('No such team') } },
      },
      '/v2/accounts/self': {
        get: {
          operationId: 'get_account_self',
          tags: ['accounts'],
          description: 'The caller\'s account settings. Takes no query parameters.',
          responses: { '200': account, ...common, '400': noParams },
        },
        put: {
          operationId: 'update_account_self',
          tags: ['accounts'],
          description: 'Admins only (beyond Sell): name, currency (ISO 4217), time_format (12H or 24H), timezone (IANA), phone (null clears).',
          requestBody: dataBody(AccountUpdate),
          responses: { '200': account, ...common, '422': errorResponse('Blank name, unknown currency form, time format or time zone') },
        },
      },
      '/v2/accounts/self/logo': {
        get: {
          operationId: 'get_account_logo',
          tags: ['accounts'],
          description: 'The account logo\'s bytes with its content type, ETag (its SHA-256) and If-None-Match (304).',
          responses: { '200': { description: 'The image', content: { 'image/png': {}, 'image/jpeg': {}, 'image/gif': {}, 'image/webp': {} } }, '304': { description: 'Not modified' }, ...common, '404': errorResponse('The account has no logo') },
        },
        put: {
          operationId: 'set_account_logo',
          tags: ['accounts'],
          description: 'Admins only: the raw image as the body, Content-Type image/png, image/jpeg, image/gif or image/webp matching its bytes, at most ACCOUNT_LOGO_MAX_BYTES (1 MiB).',
          requestBody: { required: true, content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } }, 'image/gif': { schema: { type: 'string', format: 'binary' } }, 'image/webp': { schema: { type: 'string', format: 'binary' } } } },
          responses: { '200': account, ...common, '413': errorResponse('Larger than the limit'), '422': errorResponse('Not one of the image types, bytes not of the declared type, or empty') },
        },
        delete: { operationId: 'delete_account_logo', tags: ['accounts'], description: 'Admins only.', responses: { '200': account, ...common } },
      },
      '/v2/access_tokens': {
        get: {
          operationId: 'list_access_tokens',
          tags: ['access_tokens'],
          description: 'The caller\'s personal access tokens (an admin: every token of the tenant, or one user\'s with user_id), without the tokens themselves.',
          parameters: [...pageParams.filter((p) => p.name !== 'ids'), { name: 'user_id', in: 'query', schema: { type: 'integer' } }],
          responses: { '200': { description: 'A page of access tokens' }, ...common },
        },
        post: {
          operationId: 'create_access_token',
          tags: ['access_tokens'],
          description: 'A personal access token of the caller: 64 hexadecimal characters, returned once as `token`, used as `Authorization: Bearer <token>`. Scopes read and write (default both); a read token may only read. Optional expires_at.',
          requestBody: dataBody(AccessTokenCreate),
          responses: { '200': { description: 'The access token, with `token` this once', content: { 'application/json': { schema: single('#/components/schemas/AccessToken', 'access_token') } } }, ...common, '422': errorResponse('Blank name, unknown scope, or an expiry in the past') },
        },
      },
      '/v2/access_tokens/{id}': {
        parameters: [idParam],
        delete: { operationId: 'revoke_access_token', tags: ['access_tokens'], description: 'Revokes the token (the caller\'s own; an admin any of the tenant); it stops working within seconds.', responses: { '204': { description: 'Revoked' }, ...common, '404': errorResponse('No such token of the caller') } },
      },
    },
    schemas: {
      Team: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, created_at: timestamp, updated_at: timestamp } },
      AccessToken: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          user_id: { type: 'integer' },
          name: { type: 'string' },
          scopes: { type: 'array', items: { type: 'string', enum: ['read', 'write'] } },
          expires_at: nullableTimestamp,
          revoked_at: nullableTimestamp,
          last_used_at: nullableTimestamp,
          created_at: timestamp,
          token: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Only in the answer to the create' },
        },
      },
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
          logo: {
            type: ['object', 'null'],
            description: 'The logo (GET url for its bytes), or null',
            properties: { content_type: { type: 'string' }, size: { type: 'integer' }, sha256: { type: 'string' }, updated_at: timestamp, url: { type: 'string' } },
          },
          created_at: timestamp,
          updated_at: timestamp,
        },
      },
    },
  };
}
