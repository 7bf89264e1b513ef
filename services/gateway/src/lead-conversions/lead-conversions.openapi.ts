import type { OpenApiContribution } from '../openapi/openapi-contribution';
import { common, errorResponse, jsonSchemaOf } from '../openapi/openapi-parts';
import { LeadConversionCreate } from './lead-conversions.http-controller';

/** Lead conversions, with the deal deals-pipelines creates for them. */
export function leadConversionsOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/v2/lead_conversions': {
        get: {
          operationId: 'list_lead_conversions',
          tags: ['lead_conversions'],
          description: 'Newest first; page goes up to 50, meta.links.next_page carries a cursor for later records.',
          parameters: [
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } },
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
            { name: 'cursor', in: 'query', schema: { type: 'integer' } },
            ...['lead_id', 'individual_id', 'organization_id', 'deal_id'].map((name) => ({ name, in: 'query', schema: { type: 'integer' } })),
          ],
          responses: { '200': { description: 'Conversions of leads visible to the caller' }, ...common },
        },
        post: {
          operationId: 'convert_lead',
          tags: ['lead_conversions'],
          description: 'One-way: creates the person contact (when the lead has a last name) and the organisation (reusing one of the same name); the lead can no longer change. With create_deal (or a deal object) it also creates a deal for the person (else the organisation), named after the organisation or the person unless deal.name is given; the same request retried after a failure completes the conversion once and answers the same ids.',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(LeadConversionCreate) } } } } },
          responses: { '200': { description: 'The conversion' }, ...common, '404': errorResponse('No such lead visible to the caller'), '422': errorResponse('Already converted or invalid') },
        },
      },
    },
    schemas: {},
  };
}
