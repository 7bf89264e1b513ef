import { ACTIVITY_KINDS } from '@crm/proto';
import type { OpenApiContribution } from '../../openapi/openapi-contribution';
import { collectionOf, common, dataBody, errorResponse, nullableString, nullableTimestamp, single, timestamp } from '../../openapi/openapi-parts';
import { NotificationWrite, PreferencesWrite } from './notifications.http-controllers';
import { PushSubscriptionWrite } from './push-subscriptions.http-controller';
import { SubscriptionWrite } from './subscriptions.http-controller';

const CHANNEL = { type: 'string', enum: ['web', 'email', 'push'] };
const one = (description: string) => ({ description, content: { 'application/json': { schema: single('#/components/schemas/Notification', 'notification') } } });
const preferences = (description: string) => ({ description, content: { 'application/json': { schema: single('#/components/schemas/NotificationPreferences', 'notification_preferences') } } });
const hidden = errorResponse('No such notification of the caller');
const invalidPreferences = errorResponse('An unknown notification type (`unknown`), an unknown channel or locale (`incorrect_value`); nothing was written');
const page = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const subscription = (description: string) => ({ description, content: { 'application/json': { schema: single('#/components/schemas/NotificationSubscription', 'notification_subscription') } } });
const noSubscription = errorResponse('No such subscription the caller may see');
const invalidSubscription = errorResponse('An unknown field, operator or trigger, a value of the wrong type, an unknown channel or team, or too many subscriptions; nothing was written');
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid', maxLength: 36 } };

export function notificationsOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/activities': {
        get: {
          operationId: 'list_activities',
          tags: ['activities'],
          description:
            'The account\'s activity stream, newest first: one activity per record, note or task added, task completed, lead status or deal stage changed, call logged or appointment booked. Only activities whose record (else item) the caller may see by its current owner. Follow `meta.links.next_page` (a cursor) for older ones.',
          parameters: [
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
            { name: 'cursor', in: 'query', description: 'From next_page: activities older than this one', schema: { type: 'string', format: 'uuid' } },
            { name: 'kind', in: 'query', description: `Comma-separated kinds: ${ACTIVITY_KINDS.join(', ')}`, schema: { type: 'string' } },
            { name: 'owner_id', in: 'query', description: 'Activities of records this user owns', schema: { type: 'integer', minimum: 1 } },
            { name: 'team_id', in: 'query', description: 'Activities of records owned by this manager or their direct reports', schema: { type: 'integer', minimum: 1 } },
            { name: 'actor_id', in: 'query', description: 'Activities done by this user', schema: { type: 'integer', minimum: 1 } },
            { name: 'resource_type', in: 'query', description: 'With resource_id: one record\'s activities', schema: { type: 'string', enum: ['lead', 'contact', 'deal'] } },
            { name: 'resource_id', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'from', in: 'query', description: 'Activities at or after this time', schema: { type: 'string', format: 'date-time' } },
            { name: 'to', in: 'query', description: 'Activities before this time', schema: { type: 'string', format: 'date-time' } },
          ],
          responses: { '200': { description: 'A page of activities', content: { 'application/json': { schema: collectionOf('#/components/schemas/Activity', 'activity') } } }, ...common },
        },
      },
      '/v2/notification_subscriptions': {
        get: {
          operationId: 'list_notification_subscriptions',
          tags: ['notifications'],
          description: 'Custom notifications: the caller\'s own and their team\'s (an admin: the account\'s).',
          parameters: [{ name: 'resource_type', in: 'query', schema: { type: 'string', enum: ['lead', 'contact', 'deal'] } }],
          responses: { '200': { description: 'The subscriptions', content: { 'application/json': { schema: collectionOf('#/components/schemas/NotificationSubscription', 'notification_subscription') } } }, ...common },
        },
        post: {
          operationId: 'create_notification_subscription',
          tags: ['notifications'],
          description:
            'A custom notification: records of `resource_type` matching `filter` (groups `all`/`any`/`not` of conditions `{field, op, value}` on default and custom fields), notified on each of `triggers` (`record_created`, `stage_changed` (deals), `status_changed` (leads, contacts), `task_added`, `note_added`, `field_changed` with `fields`) over `channels`. With `team_id` (managers and admins): every member of the team who may see the record is told.',
          requestBody: dataBody(SubscriptionWrite),
          responses: { '200': subscription('The subscription'), ...common, '422': invalidSubscription },
        },
      },
      '/v2/notification_subscriptions/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_notification_subscription', tags: ['notifications'], responses: { '200': subscription('The subscription'), ...common, '404': noSubscription } },
        put: {
          operationId: 'update_notification_subscription',
          tags: ['notifications'],
          description: 'Changes the attributes given (its maker or an admin).',
          requestBody: dataBody(SubscriptionWrite),
          responses: { '200': subscription('The subscription'), ...common, '404': noSubscription, '422': invalidSubscription },
        },
        delete: { operationId: 'delete_notification_subscription', tags: ['notifications'], responses: { '204': { description: 'Deleted' }, ...common, '404': noSubscription } },
      },
      '/v2/notifications': {
        get: {
          operationId: 'list_notifications',
          tags: ['notifications'],
          description: 'The caller\'s web inbox, newest first. Follow `meta.links.next_page` (a cursor) for older ones.',
          parameters: [
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
            { name: 'unread', in: 'query', description: 'Only unread (true)', schema: { type: 'boolean' } },
            { name: 'cursor', in: 'query', description: 'From next_page: notifications older than this one', schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { '200': { description: 'A page of notifications' }, ...common },
        },
      },
      '/v2/notifications/stream': {
        get: {
          operationId: 'stream_notifications',
          tags: ['notifications'],
          description:
            'Server-Sent Events of the caller\'s new notifications: `notification` events (id: the notification\'s; data: id, type, title, body, resource_type, resource_id, created_at), `heartbeat` while idle and `ready` once live. With `Last-Event-ID` the notifications since that one come first. Correct with any number of gateway replicas.',
          parameters: [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'An event stream, open until the client leaves', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...common },
        },
      },
      '/v2/notifications/unread_count': {
        get: { operationId: 'count_unread_notifications', tags: ['notifications'], responses: { '200': { description: 'How many of the caller\'s notifications are unread' }, ...common } },
      },
      '/v2/notifications/mark_all_read': {
        post: { operationId: 'mark_all_notifications_read', tags: ['notifications'], responses: { '200': { description: 'How many were marked' }, ...common } },
      },
      '/v2/notifications/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_notification', tags: ['notifications'], description: 'One notification, with how each channel fared.', responses: { '200': one('The notification'), ...common, '404': hidden } },
        put: { operationId: 'update_notification', tags: ['notifications'], description: 'Marks it read or unread.', requestBody: dataBody(NotificationWrite), responses: { '200': one('The notification'), ...common, '404': hidden, '422': errorResponse('Invalid attributes') } },
      },
      '/v2/notification_preferences': {
        get: { operationId: 'get_notification_preferences', tags: ['notifications'], description: 'The caller\'s channels per type, and where each comes from.', responses: { '200': preferences('The preferences'), ...common } },
        put: {
          operationId: 'update_notification_preferences',
          tags: ['notifications'],
          description: 'Sets the channels of the types given ([] turns a type off; null returns it to the account default) and the language of the caller\'s mail.',
          requestBody: dataBody(PreferencesWrite),
          responses: { '200': preferences('The preferences'), ...common, '422': invalidPreferences },
        },
      },
      '/v2/notification_preferences/account': {
        get: { operationId: 'get_account_notification_preferences', tags: ['notifications'], description: 'The account\'s defaults for users who chose nothing.', responses: { '200': preferences('The account defaults'), ...common } },
        put: {
          operationId: 'update_account_notification_preferences',
          tags: ['notifications'],
          description: 'Admins only: sets the account\'s default channels of the types given (null returns a type to the catalogue default).',
          requestBody: dataBody(PreferencesWrite),
          responses: { '200': preferences('The account defaults'), ...common, '422': invalidPreferences },
        },
      },
      '/v2/push_subscriptions': {
        get: { operationId: 'list_push_subscriptions', tags: ['notifications'], description: 'The caller\'s Web Push subscriptions (their browsers and devices).', responses: { '200': { description: 'The subscriptions' }, ...common } },
        post: {
          operationId: 'create_push_subscription',
          tags: ['notifications'],
          description: 'Registers a browser\'s subscription (`PushSubscription.toJSON()`, subscribed with `/v2/push_subscriptions/vapid_key`). The same endpoint again replaces its keys. The endpoint must be https on a public address.',
          requestBody: dataBody(PushSubscriptionWrite),
          responses: { '200': { description: 'The subscription', content: { 'application/json': { schema: single('#/components/schemas/PushSubscription', 'push_subscription') } } }, ...common, '422': errorResponse('An endpoint that is not public https, a malformed key or secret, too many subscriptions, or push not configured on the server; nothing was written') },
        },
      },
      '/v2/push_subscriptions/vapid_key': {
        get: { operationId: 'get_vapid_key', tags: ['notifications'], description: 'The server\'s VAPID public key (base64url): the `applicationServerKey` of `PushManager.subscribe`.', responses: { '200': { description: 'The key' }, ...common, '422': errorResponse('Push is not configured on the server') } },
      },
      '/v2/push_subscriptions/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{32}$' } }],
        delete: { operationId: 'delete_push_subscription', tags: ['notifications'], responses: { '204': { description: 'Removed' }, ...common, '404': errorResponse('No such subscription of the caller') } },
      },
      '/public/notifications/unsubscribe/{token}': {
        parameters: [{ name: 'token', in: 'path', required: true, description: 'The signed token of a mail\'s unsubscribe link', schema: { type: 'string', maxLength: 800, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } }],
        get: {
          operationId: 'show_unsubscribe', tags: ['notifications'], security: [],
          description: 'The page a notification mail\'s unsubscribe link opens, no token: which mail it stops, and a button. Changes nothing.',
          responses: { '200': page('An HTML page'), '404': page('An HTML page: the token is not valid'), '429': errorResponse('Too many requests from this address') },
        },
        post: {
          operationId: 'unsubscribe', tags: ['notifications'], security: [],
          description: 'Stops the type\'s mail for the user the link was sent to; the page\'s button, or a mail client\'s one-click unsubscribe (RFC 8058: a form body `List-Unsubscribe=One-Click`). The body is not read.',
          requestBody: { required: false, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } } } } },
          responses: { '200': page('An HTML page: unsubscribed'), '400': errorResponse('Unparsable body'), '404': page('An HTML page: the token is not valid'), '415': errorResponse('A body that is not a form'), '429': errorResponse('Too many requests from this address') },
        },
      },
    },
    schemas: {
      NotificationSubscription: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          resource_type: { type: 'string', enum: ['lead', 'contact', 'deal'] },
          filter: { type: ['object', 'null'] },
          triggers: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } } } },
          channels: { type: 'array', items: CHANNEL },
          creator_id: { type: 'integer' },
          team_id: { type: ['integer', 'null'] },
          enabled: { type: 'boolean' },
          created_at: timestamp,
          updated_at: timestamp,
        },
      },
      Activity: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          kind: { type: 'string', enum: [...ACTIVITY_KINDS] },
          actor_id: { type: ['integer', 'null'] },
          resource_type: { type: ['string', 'null'], enum: ['lead', 'contact', 'deal', null] },
          resource_id: { type: ['integer', 'null'] },
          resource_name: { type: 'string' },
          item_type: { type: ['string', 'null'], enum: ['note', 'task', 'call', 'appointment', null] },
          item_id: { type: ['integer', 'null'] },
          owner_id: { type: 'integer' },
          summary: { type: 'string' },
          details: { type: 'object', additionalProperties: { type: 'string' } },
          occurred_at: timestamp,
        },
      },
      Notification: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          type: { type: 'string' },
          title: { type: 'string' },
          body: { type: 'string' },
          resource_type: nullableString,
          resource_id: { type: ['integer', 'string', 'null'] },
          actor_id: { type: ['integer', 'null'] },
          read: { type: 'boolean' },
          read_at: nullableTimestamp,
          channels: { type: 'array', items: CHANNEL },
          created_at: timestamp,
          deliveries: {
            type: 'array',
            items: { type: 'object', properties: { channel: CHANNEL, status: { type: 'string', enum: ['pending', 'sent', 'failed', 'skipped'] }, attempts: { type: 'integer' }, sent_at: nullableTimestamp, last_error: nullableString, detail: nullableString } },
          },
        },
      },
      PushSubscription: {
        type: 'object',
        properties: { id: { type: 'string' }, endpoint: { type: 'string', format: 'uri' }, user_agent: nullableString, created_at: timestamp, last_success_at: nullableTimestamp },
      },
      NotificationPreferences: {
        type: 'object',
        properties: {
          preferences: {
            type: 'object',
            additionalProperties: { type: 'object', properties: { channels: { type: 'array', items: CHANNEL }, source: { type: 'string', enum: ['user', 'account', 'default'] } } },
          },
          locale: { type: 'string' },
        },
      },
    },
  };
}
