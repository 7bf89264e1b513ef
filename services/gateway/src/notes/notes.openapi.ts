import type { OpenApiContribution } from '../openapi/openapi-contribution';
import { common, errorResponse, idParam, jsonSchemaOf, pageParams } from '../openapi/openapi-parts';
import { NOTE_SORT_FIELDS, NoteCreate, NoteUpdate } from './notes.http-controller';

/** Notes on leads, contacts and deals, across the two services that keep them. */
export function notesOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/notes': {
        get: {
          operationId: 'list_notes',
          tags: ['notes'],
          description: 'Without resource_type: the lead and contact notes, then the deal notes, each part in the requested order.',
          parameters: [
            ...pageParams,
            { name: 'resource_type', in: 'query', schema: { type: 'string', enum: ['lead', 'contact', 'deal'] } },
            { name: 'resource_id', in: 'query', schema: { type: 'integer' } },
            { name: 'creator_id', in: 'query', schema: { type: 'integer' } },
            { name: 'q', in: 'query', description: 'Words that must all appear in the content', schema: { type: 'string' } },
            { name: 'sort_by', in: 'query', description: `One of ${NOTE_SORT_FIELDS.join(', ')}`, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'Notes on records visible to the caller' }, ...common },
        },
        post: {
          operationId: 'create_note',
          tags: ['notes'],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(NoteCreate) } } } } },
          responses: { '200': { description: 'The note' }, ...common, '422': errorResponse('Invalid note or record not visible') },
        },
      },
      '/v2/notes/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_note', tags: ['notes'], responses: { '200': { description: 'The note' }, ...common, '404': errorResponse('Not visible') } },
        put: {
          operationId: 'update_note',
          tags: ['notes'],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(NoteUpdate) } } } } },
          responses: { '200': { description: 'The note' }, ...common, '404': errorResponse('Not visible') },
        },
        delete: { operationId: 'delete_note', tags: ['notes'], responses: { '204': { description: 'Deleted' }, ...common, '404': errorResponse('Not visible') } },
      },
    },
    schemas: {},
  };
}
