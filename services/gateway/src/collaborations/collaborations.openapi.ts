import type { OpenApiContribution } from '../openapi/openapi-contribution';
import { common, dataBody, errorResponse, idParam, nullableId, pageParams, single, sortParam, timestamp } from '../openapi/openapi-parts';
import { COLLABORATION_RESOURCE_TYPES, COLLABORATION_SORT_FIELDS, CollaborationCreate } from './collaborations.http-controller';

const one = { description: 'The collaboration', content: { 'application/json': { schema: single('#/components/schemas/Collaboration', 'collaboration') } } };
const hidden = errorResponse('No such collaboration visible to the caller');

/** Collaborators on leads, contacts and deals, across the two services that keep them. */
export function collaborationsOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/collaborations': {
        get: {
          operationId: 'list_collaborations',
          tags: ['collaborations'],
          description: 'Collaborations on the records the caller sees. Without resource_type: those on leads and contacts, then those on deals, each part in the requested order.',
          parameters: [...pageParams, ...['resource_id', 'creator_id', 'collaborator_id'].map((name) => ({ name, in: 'query', schema: { type: 'integer' } })), { name: 'resource_type', in: 'query', schema: { type: 'string', enum: [...COLLABORATION_RESOURCE_TYPES] } }, sortParam(COLLABORATION_SORT_FIELDS)],
          responses: { '200': { description: 'A page of collaborations' }, ...common },
        },
        post: {
          operationId: 'create_collaboration',
          tags: ['collaborations'],
          description: 'Makes an active user of the account a collaborator on a lead, contact or deal: they see and edit it (not delete it, change its owner or its collaborators). Whoever sees the record by its owner adds collaborators.',
          requestBody: dataBody(CollaborationCreate),
          responses: { '200': one, ...common, '403': errorResponse('The caller only collaborates on the record'), '422': errorResponse('Invalid attributes, a record the caller cannot see, a collaborator who is no active user, or one already collaborating (already_exists)') },
        },
      },
      '/v2/collaborations/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_collaboration', tags: ['collaborations'], responses: { '200': one, ...common, '404': hidden } },
        delete: {
          operationId: 'delete_collaboration',
          tags: ['collaborations'],
          description: 'By those who see the record by its owner, or by the collaborator themself.',
          responses: { '204': { description: 'Deleted' }, ...common, '403': errorResponse('Another collaborator of the record'), '404': hidden },
        },
      },
    },
    schemas: {
      Collaboration: {
        type: 'object',
        properties: { id: { type: 'integer' }, creator_id: nullableId, resource_type: { type: 'string', enum: [...COLLABORATION_RESOURCE_TYPES] }, resource_id: { type: 'integer' }, collaborator_id: { type: 'integer' }, created_at: timestamp, updated_at: timestamp },
      },
    },
  };
}
