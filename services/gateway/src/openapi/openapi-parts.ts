import { z } from 'zod';
import { REFERENCE_SORT_FIELDS } from '../reference-lists/reference-lists.http-controller';

/** Building blocks of the OpenAPI document shared by its resource areas. */

export const nullableString = { type: ['string', 'null'] };
export const nullableId = { type: ['integer', 'null'] };
export const timestamp = { type: 'string', format: 'date-time' };
export const nullableTimestamp = { ...nullableString, format: 'date-time' };
/** Sell's money form: an integer without cents (1000), else a two-decimal string ("1000.50"). */
export const money = { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?\\d+\\.\\d{2}$' }] };
export const stringList = { type: 'array', items: { type: 'string' } };
export const customFieldValues = { type: 'object', additionalProperties: true };

/** JSON Schema of a request's `data`, from the zod schema the gateway validates it with. */
export const jsonSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });

/** A required `{"data": {...}}` request body validated by `schema`. */
export const dataBody = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(schema) } } } } });

export const single = (ref: string, type: string) => ({
  type: 'object',
  required: ['data', 'meta'],
  properties: { data: { $ref: ref }, meta: { type: 'object', properties: { type: { const: type }, version: { type: 'integer' } } } },
});

/** A Sell collection: items of one type, with the list's meta (count, links). */
export const collectionOf = (ref: string, type: string) => ({
  type: 'object',
  required: ['items', 'meta'],
  properties: { items: { type: 'array', items: single(ref, type) }, meta: { type: 'object', properties: { type: { const: 'collection' }, count: { type: 'integer' } } } },
});

export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } } });
export const common = {
  '400': errorResponse('Unknown or malformed query parameter (`invalid_param`) or unparsable body (`invalid_payload`)'),
  '401': errorResponse('Missing, malformed, expired or invalid access token'),
  '403': errorResponse('The caller may not do this'),
  '429': errorResponse('Rate limit of the access token exceeded; see Retry-After'),
};
export const pageParams = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
  { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
  { name: 'ids', in: 'query', schema: { type: 'string' } },
];
export const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
export const sortParam = (fields: readonly string[], extra = '') => ({ name: 'sort_by', in: 'query', description: `One of ${fields.join(', ')}${extra}, with optional :asc or :desc`, schema: { type: 'string' } });

/** The schema of a reference list item (source, reason), with what its list adds. */
export const referenceItem = (extra: Record<string, unknown>) => ({
  type: 'object',
  properties: { id: { type: 'integer' }, creator_id: nullableId, name: { type: 'string' }, ...extra, created_at: timestamp, updated_at: timestamp },
});

/** Paths of one reference list (sources, reasons): everyone reads, admins write. */
export function referenceListPaths(path: string, schema: string, what: string) {
  const item = { description: `The ${what}`, content: { 'application/json': { schema: single(`#/components/schemas/${schema}`, schema.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()) } } };
  const body = { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: { $ref: '#/components/schemas/ReferenceItemWrite' } } } } } };
  const adminOnly = { ...common, '403': errorResponse('Only admins change this list'), '422': errorResponse('Invalid or duplicate name') };
  const tags = [path.slice(4)];
  return {
    [path]: {
      get: {
        operationId: `list_${tags[0]}`,
        tags,
        parameters: [
          ...pageParams,
          { name: 'name', in: 'query', description: 'Exact name', schema: { type: 'string' } },
          { name: 'sort_by', in: 'query', description: `One of ${REFERENCE_SORT_FIELDS.join(', ')} with optional :asc or :desc`, schema: { type: 'string' } },
        ],
        responses: { '200': { description: `A page of ${what}s` }, ...common },
      },
      post: { operationId: `create_${tags[0]}`, tags, requestBody: body, responses: { '200': item, ...adminOnly } },
    },
    [`${path}/{id}`]: {
      parameters: [idParam],
      get: { operationId: `get_${tags[0]}`, tags, responses: { '200': item, ...common, '404': errorResponse('No such item') } },
      put: { operationId: `rename_${tags[0]}`, tags, requestBody: body, responses: { '200': item, ...adminOnly, '404': errorResponse('No such item') } },
      delete: { operationId: `delete_${tags[0]}`, tags, responses: { '204': { description: 'Deleted' }, ...adminOnly, '404': errorResponse('No such item'), '409': errorResponse('Still used by leads') } },
    },
  };
}

/** Sell-style CRUD paths of one record resource. */
export function recordPaths(path: string, schema: string, type: string, listParams: object[], extraDescription: string) {
  const one = { content: { 'application/json': { schema: single(`#/components/schemas/${schema}`, type) } } };
  const body = { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: { $ref: `#/components/schemas/${schema}Write` }, meta: { type: 'object' } } } } } };
  const tags = [path.slice(4)];
  return {
    [path]: {
      get: { operationId: `list_${tags[0]}`, tags, parameters: listParams, responses: { '200': { description: `A page of ${tags[0]} visible to the caller` }, ...common } },
      post: { operationId: `create_${tags[0]}`, tags, description: extraDescription, requestBody: body, responses: { '200': { description: 'Created', ...one }, ...common, '422': errorResponse('Invalid attributes') } },
    },
    ...upsertPath(path, type, listParams as { name: string }[], body, one),
    [`${path}/{id}`]: {
      parameters: [idParam],
      get: { operationId: `get_${tags[0]}`, tags, responses: { '200': { description: 'The record', ...one }, ...common, '404': errorResponse('Not visible to the caller') } },
      put: { operationId: `update_${tags[0]}`, tags, description: 'Partial update', requestBody: body, responses: { '200': { description: 'Updated', ...one }, ...common, '404': errorResponse('Not visible to the caller'), '422': errorResponse('Invalid attributes') } },
      delete: { operationId: `delete_${tags[0]}`, tags, responses: { '204': { description: 'Deleted' }, ...common, '404': errorResponse('Not visible to the caller') } },
    },
  };
}

const NOT_FILTERS = new Set(['page', 'per_page', 'sort_by', 'with_total_count']);

/** `POST {path}/upsert`: the list's filters as query parameters select the record to update. */
export function upsertPath(path: string, type: string, listParams: readonly { name: string }[], requestBody: object, response: object) {
  return {
    [`${path}/upsert`]: {
      post: {
        operationId: `upsert_${type}`,
        tags: [path.slice(4)],
        description:
          `Creates a ${type} from the body, or updates the one ${type} the caller sees that the query's filters match (the same filters as the list, at least one). ` +
          'Upserts with the same filters wait for each other, so repeating one never creates two records. The filters are not copied into a new record: send the matching attributes in the body too.',
        parameters: listParams.filter((p) => !NOT_FILTERS.has(p.name)),
        requestBody,
        responses: { '200': { description: 'The created or updated record', ...response }, ...common, '409': errorResponse('The filters match more than one record the caller sees'), '422': errorResponse('Invalid attributes') },
      },
    },
  };
}

/** Custom field definitions of one resource (Sell read path, plus admin writes). */
export function customFieldPaths(resource: 'lead' | 'contact' | 'deal') {
  const path = `/v2/${resource}/custom_fields`;
  const item = { description: 'The custom field', content: { 'application/json': { schema: single('#/components/schemas/CustomField', 'custom_field') } } };
  const body = (schema: string) => ({ required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: { $ref: `#/components/schemas/${schema}` } } } } } });
  const adminOnly = { ...common, '403': errorResponse('Only admins change custom fields'), '422': errorResponse('Invalid definition or duplicate name') };
  const tags = [`${resource} custom fields`];
  return {
    [path]: {
      get: { operationId: `list_${resource}_custom_fields`, tags, responses: { '200': { description: 'Every custom field of the resource, by id' }, ...common } },
      post: { operationId: `create_${resource}_custom_field`, tags, requestBody: body('CustomFieldCreate'), responses: { '200': item, ...adminOnly } },
    },
    [`${path}/{id}`]: {
      parameters: [idParam],
      put: {
        operationId: `update_${resource}_custom_field`,
        tags,
        description: 'Rename, or replace the options: options with an id keep it, new ones get the next id, removing an option in use answers 409.',
        requestBody: body('CustomFieldUpdate'),
        responses: { '200': item, ...adminOnly, '404': errorResponse('No such field'), '409': errorResponse('An option being removed is in use') },
      },
      delete: { operationId: `delete_${resource}_custom_field`, tags, responses: { '204': { description: 'Deleted; its values disappear from reads' }, ...adminOnly, '404': errorResponse('No such field') } },
    },
  };
}
