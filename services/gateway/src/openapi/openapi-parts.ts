import { z } from 'zod';

/** Building blocks of the OpenAPI document shared by its resource areas. */

export const nullableString = { type: ['string', 'null'] };
export const nullableId = { type: ['integer', 'null'] };
export const timestamp = { type: 'string', format: 'date-time' };

/** JSON Schema of a request's `data`, from the zod schema the gateway validates it with. */
export const jsonSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });

/** A required `{"data": {...}}` request body validated by `schema`. */
export const dataBody = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(schema) } } } } });

export const single = (ref: string, type: string) => ({
  type: 'object',
  required: ['data', 'meta'],
  properties: { data: { $ref: ref }, meta: { type: 'object', properties: { type: { const: type }, version: { type: 'integer' } } } },
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
