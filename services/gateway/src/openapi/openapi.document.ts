import { CustomFieldCreate, CustomFieldUpdate } from '../custom-fields/custom-fields.http-controller';
import { ReferenceItemWrite } from '../reference-lists/reference-lists.http-controller';
import type { OpenApiContribution } from './openapi-contribution';
import { errorResponse, jsonSchemaOf, nullableString, timestamp } from './openapi-parts';

/**
 * The gateway's OpenAPI 3.1 document, assembled from what its areas contribute (one per backing
 * service or flow across services); request bodies come from the same zod schemas that validate
 * them. Two areas documenting the same path or schema is a mistake, refused here.
 */
export function openApiDocument(contributions: readonly OpenApiContribution[]) {
  const paths: Record<string, object> = {};
  const schemas: Record<string, object> = { ...sharedSchemas() };
  for (const c of contributions) {
    for (const [path, item] of Object.entries(c.paths)) {
      if (path in paths) throw new Error(`OpenAPI path ${path} is documented twice`);
      paths[path] = item;
    }
    for (const [name, schema] of Object.entries(c.schemas)) {
      if (name in schemas) throw new Error(`OpenAPI schema ${name} is defined twice`);
      schemas[name] = schema;
    }
  }
  return withUniversalResponses({
    openapi: '3.1.0',
    info: { title: 'Pipewright CRM API', version: '2', description: 'Wire-compatible with the Zendesk Sell (Base) Core API v2.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Keycloak access token with audience crm-api' } },
      schemas,
    },
  });
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Adds the answers that every operation of a kind can give, whatever its handler does, so that no
 * operation leaves one out: 400 (malformed query or body), 503 (a backing service is down), and
 * for operations with a body 413 and 422, for operations with path parameters 404.
 */
function withUniversalResponses<D extends { paths: Record<string, object> }>(doc: D): D {
  for (const item of Object.values(doc.paths) as Record<string, { requestBody?: unknown; parameters?: { in: string }[]; responses: Record<string, unknown> }>[]) {
    const shared = (item as { parameters?: { in: string }[] }).parameters ?? [];
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const hasPathParams = [...shared, ...(op.parameters ?? [])].some((p) => p.in === 'path');
      const add = (status: string, description: string) => {
        op.responses[status] ??= errorResponse(description);
      };
      add('400', 'Malformed query parameter (`invalid_param`) or unparsable body (`invalid_payload`)');
      if (op.requestBody) {
        add('413', 'The request body exceeds the size limit');
        add('422', 'An attribute is missing, unknown or has an invalid value');
      }
      if (hasPathParams) add('404', 'No such record, or one the caller cannot see');
      add('503', 'A backing service is temporarily unavailable; retry later');
    }
  }
  return doc;
}

/** Schemas every area refers to: the address, reference list items, custom fields and errors. */
function sharedSchemas(): Record<string, object> {
  return {
    Address: { type: 'object', properties: Object.fromEntries(['line1', 'city', 'postal_code', 'state', 'country'].map((k) => [k, nullableString])) },
    ReferenceItemWrite: jsonSchemaOf(ReferenceItemWrite),
    CustomFieldCreate: jsonSchemaOf(CustomFieldCreate),
    CustomFieldUpdate: jsonSchemaOf(CustomFieldUpdate),
    CustomField: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        type: { type: 'string', enum: ['string', 'text', 'number', 'bool', 'list', 'multi_select_list', 'date', 'datetime', 'email', 'phone', 'address', 'url'] },
        choices: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
        for_company: { type: 'boolean', description: 'contact fields only' },
        for_contact: { type: 'boolean', description: 'contact fields only' },
        created_at: timestamp,
        updated_at: timestamp,
      },
    },
    Errors: {
      type: 'object',
      required: ['errors', 'meta'],
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              error: { type: 'object', required: ['code', 'message', 'details'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'string' }, resource: { type: 'string' }, field: { type: 'string' } } },
              meta: { type: 'object' },
            },
          },
        },
        meta: { type: 'object', required: ['type', 'http_status', 'logref'], properties: { type: { const: 'errors' }, http_status: { type: 'string' }, logref: { type: 'string' } } },
      },
    },
  };
}
