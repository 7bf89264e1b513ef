import type { OpenApiContribution } from '../openapi/openapi-contribution';
import { common, errorResponse, idParam, jsonSchemaOf, pageParams } from '../openapi/openapi-parts';
import { TAG_RESOURCE_TYPES, TAG_SORT_FIELDS, TagCreate, TagUpdate } from './tags.http-controller';

/** Tags of leads, contacts and deals, across the two services that keep them. */
export function tagsOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/tags': {
        get: {
          operationId: 'list_tags',
          tags: ['tags'],
          description: 'Without resource_type: the lead and contact tags, then the deal tags, each part in the requested order.',
          parameters: [
            ...pageParams,
            { name: 'resource_type', in: 'query', schema: { type: 'string', enum: [...TAG_RESOURCE_TYPES] } },
            { name: 'name', in: 'query', description: 'Exact name', schema: { type: 'string' } },
            { name: 'creator_id', in: 'query', schema: { type: 'integer' } },
            { name: 'sort_by', in: 'query', description: `One of ${TAG_SORT_FIELDS.join(', ')}`, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'Tags of the tenant' }, ...common },
        },
        post: {
          operationId: 'create_tag',
          tags: ['tags'],
          description: 'Anyone may add a tag. A record given a name that is no tag yet makes it one too.',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(TagCreate) } } } } },
          responses: { '200': { description: 'The tag' }, ...common, '422': errorResponse('Invalid tag, or the name exists for the type (already_exists)') },
        },
      },
      '/v2/tags/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_tag', tags: ['tags'], responses: { '200': { description: 'The tag' }, ...common, '404': errorResponse('No such tag') } },
        put: {
          operationId: 'update_tag',
          tags: ['tags'],
          description: 'Admins only: renames the tag on every record carrying it, each record with its updated event.',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(TagUpdate) } } } } },
          responses: { '200': { description: 'The tag' }, ...common, '403': errorResponse('Not an admin'), '404': errorResponse('No such tag'), '422': errorResponse('Invalid name, or taken (already_exists)') },
        },
        delete: {
          operationId: 'delete_tag',
          tags: ['tags'],
          description: 'Admins only: deletes the tag and takes it off every record carrying it.',
          responses: { '204': { description: 'Deleted' }, ...common, '403': errorResponse('Not an admin'), '404': errorResponse('No such tag') },
        },
      },
    },
    schemas: {},
  };
}
