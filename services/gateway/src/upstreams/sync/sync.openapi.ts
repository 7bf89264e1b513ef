import type { OpenApiContribution } from '../../openapi/openapi-contribution';
import { common, dataBody, errorResponse } from '../../openapi/openapi-parts';
import { SyncAck } from './sync.http-controller';

const deviceHeader = { name: 'X-Basecrm-Device-UUID', in: 'header', required: true, description: 'The device, a UUID the client keeps; a new one receives everything again', schema: { type: 'string', format: 'uuid' } };
const badDevice = errorResponse('A missing or malformed X-Basecrm-Device-UUID (`invalid_header`), an unknown query parameter, and the other common errors');

/** Paths of Sell's Sync API, served from the sync service. */
export function syncOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/sync/start': {
        post: {
          operationId: 'start_sync',
          tags: ['sync'],
          description: 'Starts a session for the device: every lead, contact and deal the caller may see that the device lacks or holds at an older revision, and every one it holds that was deleted or is no longer visible. Takes no body. The `read` scope suffices.',
          parameters: [deviceHeader],
          responses: {
            '201': { description: 'The session and its queue', content: { 'application/json': { schema: { type: 'object' } } } },
            '204': { description: 'The device is up to date' },
            ...common,
            '400': badDevice,
          },
        },
      },
      '/v2/sync/{session_id}/queues/{queue}': {
        parameters: [
          { name: 'session_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'queue', in: 'path', required: true, description: 'Only `main`', schema: { type: 'string' } },
        ],
        get: {
          operationId: 'fetch_sync_queue',
          tags: ['sync'],
          description: 'The next page of the session\'s queue: items with `data` (the record as `/v2/leads`, `/v2/contacts` or `/v2/deals` show it; only `id` for a deletion) and `meta.sync` (`event_type`, `ack_key`, `revision`). 204 once drained.',
          parameters: [deviceHeader],
          responses: { '200': { description: 'A page of changes' }, '204': { description: 'The queue is drained' }, ...common, '400': badDevice, '404': errorResponse('No such live session of this device, or another queue than main') },
        },
      },
      '/v2/sync/ack': {
        post: {
          operationId: 'ack_sync',
          tags: ['sync'],
          description: 'Acknowledges stored items by their `ack_key`; acknowledged revisions are never sent again. The `read` scope suffices.',
          parameters: [deviceHeader],
          requestBody: dataBody(SyncAck),
          responses: { '202': { description: 'Acknowledged' }, ...common, '400': badDevice, '422': errorResponse('An ack key this server did not issue') },
        },
      },
    },
    schemas: {},
  };
}
