import { PipelineCreate, PipelineUpdate, StageCreate, StageOrder, StageUpdate } from './pipelines/pipelines.http-controller';
import type { OpenApiContribution } from '../../openapi/openapi-contribution';
import { attributesSchema } from '../../sell/sell-attributes';
import { DEAL_ATTRIBUTES, DEAL_DATE_FILTERS, DEAL_ID_FILTERS, DEAL_SORT_FIELDS, DEAL_STRING_FILTERS } from './deals/deal.attributes';
import { AssociatedContactWrite, ASSOCIATED_CONTACT_SORT_FIELDS } from './deals/deals.http-controller';
import { DealWrite } from './deals/deal.dto';
import { LINE_ITEM_SORT_FIELDS, LineItemCreate, ORDER_SORT_FIELDS, OrderCreate, OrderUpdate } from './orders/orders.http-controller';
import { PRODUCT_SORT_FIELDS, ProductWrite } from './products/products.http-controller';
import { common, customFieldPaths, dataBody, money, errorResponse, idParam, jsonSchemaOf, nullableId, nullableString, pageParams, referenceItem, referenceListPaths, single, sortParam, timestamp, upsertPath } from '../../openapi/openapi-parts';

const currencyAmounts = { type: 'array', items: { type: 'object', properties: { currency: { type: 'string' }, amount: money } } };
const one = (schema: string, type: string, description: string) => ({ description, content: { 'application/json': { schema: single(`#/components/schemas/${schema}`, type) } } });
const invalid = errorResponse('Invalid attributes, one error per attribute; nothing was written');
const hidden = (what: string) => errorResponse(`No such ${what} visible to the caller`);
const deleted = { '204': { description: 'Deleted' } };

const dealFilters = [
  ...pageParams,
  ...DEAL_ID_FILTERS.map((name) => ({ name, in: 'query', schema: { type: 'integer' } })),
  ...DEAL_STRING_FILTERS.map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
  ...DEAL_DATE_FILTERS.map((name) => ({ name, in: 'query', schema: { type: 'string', format: 'date' } })),
  { name: 'hot', in: 'query', schema: { type: 'boolean' } },
  { name: 'stage_category', in: 'query', description: 'The outcome: incoming, in_progress, won, lost or unqualified', schema: { type: 'string' } },
  { name: 'tags', in: 'query', description: 'Comma-separated; deals carrying every one', schema: { type: 'string' } },
  { name: 'custom_fields[{name}]', in: 'query', description: 'Equality on a custom field by its name', schema: { type: 'string' } },
  ...['created_at', 'updated_at'].flatMap((f) => ['from', 'to'].map((b) => ({ name: `${f}[${b}]`, in: 'query', schema: { type: 'string', format: 'date-time' } }))),
];

/** Paths of pipelines, stages, deals, associated contacts, products, orders, line items, deal lists and custom fields, and the deal analytics. */
function dealsPaths() {
  return {
    '/v2/pipelines': {
      get: { operationId: 'list_pipelines', tags: ['pipelines'], description: 'A tenant\'s first read creates its default pipeline.', parameters: pageParams, responses: { '200': { description: 'Pipelines: id, name, disabled, timestamps' }, ...common } },
      post: { operationId: 'create_pipeline', tags: ['pipelines'], description: 'Admins only; the pipeline starts with the six default active stages and won, lost, unqualified.', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(PipelineCreate) } } } } }, responses: { '200': { description: 'The pipeline' }, ...common, '422': errorResponse('Blank or taken name') } },
    },
    '/v2/pipelines/{id}': {
      parameters: [idParam],
      put: { operationId: 'update_pipeline', tags: ['pipelines'], description: 'Admins only: rename or disable.', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(PipelineUpdate) } } } } }, responses: { '200': { description: 'The pipeline' }, ...common, '404': errorResponse('No such pipeline'), '422': errorResponse('Blank or taken name') } },
    },
    '/v2/pipelines/{id}/stage_order': {
      parameters: [idParam],
      put: { operationId: 'reorder_stages', tags: ['pipelines'], description: 'Admins only: every active stage of the pipeline in the new order; closed stages stay after them.', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(StageOrder) } } } } }, responses: { '200': { description: 'The pipeline\'s stages in order' }, ...common, '404': errorResponse('No such pipeline'), '422': errorResponse('Not every active stage exactly once') } },
    },
    '/v2/stages': {
      get: {
        operationId: 'list_stages',
        tags: ['stages'],
        parameters: [...pageParams, { name: 'pipeline_id', in: 'query', schema: { type: 'integer' } }, { name: 'active', in: 'query', schema: { type: 'boolean' } }],
        responses: { '200': { description: 'Stages by pipeline and position: id, pipeline_id, name, category, active, position, likelihood, timestamps' }, ...common },
      },
      post: { operationId: 'create_stage', tags: ['stages'], description: 'Admins only; an active stage (incoming or in_progress). Closed stages cannot be added.', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(StageCreate) } } } } }, responses: { '200': { description: 'The stage' }, ...common, '422': errorResponse('Closed or unknown category, likelihood outside 0..100, unknown pipeline') } },
    },
    '/v2/stages/{id}': {
      parameters: [idParam],
      put: { operationId: 'update_stage', tags: ['stages'], description: 'Admins only: rename (closed stages too) or change the default likelihood.', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(StageUpdate) } } } } }, responses: { '200': { description: 'The stage' }, ...common, '404': errorResponse('No such stage') } },
      delete: {
        operationId: 'delete_stage',
        tags: ['stages'],
        description: 'Admins only: deletes an active stage; move_deals_to names another stage of the pipeline its deals move to, in the same transaction (required when it holds deals). Closed stages and the last active stage stay.',
        parameters: [{ name: 'move_deals_to', in: 'query', schema: { type: 'integer' } }],
        responses: { '204': { description: 'Deleted' }, ...common, '404': errorResponse('No such stage'), '422': errorResponse('A closed or last active stage, or deals without a valid target') },
      },
    },
    ...referenceListPaths('/v2/deal_sources', 'DealSource', 'deal source'),
    ...referenceListPaths('/v2/sources', 'Source', 'source (the deal sources under Sell\'s deprecated name)'),
    ...referenceListPaths('/v2/loss_reasons', 'LossReason', 'loss reason'),
    ...referenceListPaths('/v2/deal_unqualified_reasons', 'DealUnqualifiedReason', 'deal unqualified reason'),
    ...customFieldPaths('deal'),
    '/v2/deals': {
      get: {
        operationId: 'list_deals', tags: ['deals'], description: 'Deals visible to the caller; default order by id.',
        parameters: [...dealFilters, sortParam(DEAL_SORT_FIELDS, ' or custom_fields:<name>'), { name: 'with_total_count', in: 'query', schema: { type: 'boolean' } }],
        responses: { '200': { description: 'A page of deals' }, ...common },
      },
      post: {
        operationId: 'create_deal', tags: ['deals'],
        description: 'contact_id is required and must be a contact the caller can see; its organisation becomes organization_id. Without stage_id the deal starts in the first stage of the oldest pipeline. value is exact (number or decimal string, two decimals at most; null means 0).',
        requestBody: dataBody(DealWrite), responses: { '200': one('Deal', 'deal', 'The deal'), ...common, '422': invalid },
      },
    },
    ...upsertPath('/v2/deals', 'deal', dealFilters, dataBody(DealWrite), one('Deal', 'deal', 'The deal')),
    '/v2/deals/stage_summary': {
      get: {
        operationId: 'summarize_deal_stages', tags: ['deals'], description: 'Every stage of pipeline_id in order, with the count and value per currency of the deals a list with the same filters returns.',
        parameters: [{ name: 'pipeline_id', in: 'query', required: true, schema: { type: 'integer' } }, ...dealFilters.filter((p) => p.name !== 'pipeline_id')],
        responses: { '200': { description: 'Per-stage counts and values', content: { 'application/json': { schema: single('#/components/schemas/DealStageSummary', 'deal_stage_summary') } } }, ...common, '404': errorResponse('No such pipeline') },
      },
    },
    '/v2/deals/{id}': {
      parameters: [idParam],
      get: { operationId: 'get_deal', tags: ['deals'], responses: { '200': one('Deal', 'deal', 'The deal'), ...common, '404': hidden('deal') } },
      put: {
        operationId: 'update_deal', tags: ['deals'], description: 'Partial update. A stage change records its history and publishes deal.stage-changed; loss_reason_id belongs to lost deals, unqualified_reason_id to unqualified ones.',
        requestBody: dataBody(DealWrite), responses: { '200': one('Deal', 'deal', 'The deal'), ...common, '404': hidden('deal'), '422': invalid },
      },
      delete: { operationId: 'delete_deal', tags: ['deals'], responses: { ...deleted, ...common, '404': hidden('deal') } },
    },
    '/v2/deals/{id}/associated_contacts': {
      parameters: [idParam],
      get: { operationId: 'list_associated_contacts', tags: ['deals'], parameters: [...pageParams.slice(0, 2), sortParam(ASSOCIATED_CONTACT_SORT_FIELDS)], responses: { '200': { description: 'Contacts associated with the deal' }, ...common, '404': hidden('deal') } },
      post: { operationId: 'associate_contact', tags: ['deals'], description: 'Associates a contact the caller can see (role defaults to involved); again with another role changes the role.', requestBody: dataBody(AssociatedContactWrite), responses: { '200': one('AssociatedContact', 'associated_contact', 'The association'), ...common, '404': hidden('deal'), '422': invalid } },
    },
    '/v2/deals/{id}/associated_contacts/{contact_id}': {
      parameters: [idParam, { name: 'contact_id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      delete: { operationId: 'dissociate_contact', tags: ['deals'], responses: { ...deleted, ...common, '404': errorResponse('No such deal, or the contact is not associated') } },
    },
    '/v2/products': {
      get: {
        operationId: 'list_products', tags: ['products'],
        parameters: [...pageParams, ...['name', 'sku'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })), { name: 'active', in: 'query', schema: { type: 'boolean' } }, sortParam(PRODUCT_SORT_FIELDS)],
        responses: { '200': { description: 'A page of products; cost and cost_currency are null for non-admins' }, ...common },
      },
      post: { operationId: 'create_product', tags: ['products'], description: 'Admins only. One price per ISO 4217 currency.', requestBody: dataBody(ProductWrite), responses: { '200': one('Product', 'product', 'The product'), ...common, '422': invalid } },
    },
    '/v2/products/{id}': {
      parameters: [idParam],
      get: { operationId: 'get_product', tags: ['products'], responses: { '200': one('Product', 'product', 'The product'), ...common, '404': hidden('product') } },
      put: { operationId: 'update_product', tags: ['products'], description: 'Admins only; prices are replaced as a whole.', requestBody: dataBody(ProductWrite), responses: { '200': one('Product', 'product', 'The product'), ...common, '404': hidden('product'), '422': invalid } },
      delete: { operationId: 'delete_product', tags: ['products'], description: 'Admins only; line items keep their copy of the product.', responses: { ...deleted, ...common, '404': hidden('product') } },
    },
    '/v2/orders': {
      get: { operationId: 'list_orders', tags: ['orders'], parameters: [...pageParams, { name: 'deal_id', in: 'query', schema: { type: 'integer' } }, sortParam(ORDER_SORT_FIELDS)], responses: { '200': { description: 'Orders of deals visible to the caller' }, ...common } },
      post: { operationId: 'create_order', tags: ['orders'], description: 'One order per deal; discount in percent (0-100).', requestBody: dataBody(OrderCreate), responses: { '200': one('Order', 'order', 'The order'), ...common, '404': hidden('deal'), '422': invalid } },
    },
    '/v2/orders/{id}': {
      parameters: [idParam],
      get: { operationId: 'get_order', tags: ['orders'], responses: { '200': one('Order', 'order', 'The order'), ...common, '404': hidden('order') } },
      put: { operationId: 'update_order', tags: ['orders'], description: 'Changes the discount; the deal value follows.', requestBody: dataBody(OrderUpdate), responses: { '200': one('Order', 'order', 'The order'), ...common, '404': hidden('order'), '422': invalid } },
      delete: { operationId: 'delete_order', tags: ['orders'], description: 'Deletes the order and its line items; the deal keeps its value.', responses: { ...deleted, ...common, '404': hidden('order') } },
    },
    '/v2/orders/{id}/line_items': {
      parameters: [idParam],
      get: {
        operationId: 'list_line_items', tags: ['orders'],
        parameters: [...pageParams, { name: 'quantity', in: 'query', schema: { type: 'integer' } }, { name: 'value', in: 'query', schema: { type: 'string' } }, sortParam(LINE_ITEM_SORT_FIELDS)],
        responses: { '200': { description: 'Line items of the order' }, ...common, '404': hidden('order') },
      },
      post: {
        operationId: 'add_line_item', tags: ['orders'],
        description: "value = price × (1 + variation/100), rounded half-up to the cent, from the product's price in the deal's currency; the deal value becomes the order total (Σ value × quantity, less the order discount).",
        requestBody: dataBody(LineItemCreate), responses: { '200': one('LineItem', 'line_item', 'The line item'), ...common, '404': hidden('order'), '422': invalid },
      },
    },
    '/v2/orders/{id}/line_items/{line_item_id}': {
      parameters: [idParam, { name: 'line_item_id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      get: { operationId: 'get_line_item', tags: ['orders'], responses: { '200': one('LineItem', 'line_item', 'The line item'), ...common, '404': hidden('line item') } },
      delete: { operationId: 'remove_line_item', tags: ['orders'], responses: { ...deleted, ...common, '404': hidden('line item') } },
    },
    '/v2/analytics/deal_summary': {
      get: {
        operationId: 'summarize_deals', tags: ['analytics'],
        description: "The dashboard's deal summary of a pipeline (default: the oldest): deals and value per stage now; won, lost and unqualified deals of the period; per stage, the deals that entered it in the period, how many moved on to a later stage or won, and their mean time in it. Within the caller's visible owners.",
        parameters: [
          { name: 'pipeline_id', in: 'query', schema: { type: 'integer' } },
          { name: 'owner_id', in: 'query', schema: { type: 'integer' } },
          { name: 'team_id', in: 'query', description: 'A manager: their deals and their direct reports’', schema: { type: 'integer' } },
          { name: 'days', in: 'query', description: 'The period ending now (default 30); or from/to', schema: { type: 'integer', minimum: 1, maximum: 366 } },
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
        ],
        responses: { '200': { description: 'The summary', content: { 'application/json': { schema: single('#/components/schemas/DealSummary', 'deal_summary') } } }, ...common, '404': errorResponse('No such pipeline') },
      },
    },
  };
}

/** Component schemas of the deals area. */
function dealsSchemas() {
  return {
    DealSource: referenceItem({ resource_type: { const: 'deal' } }),
    Source: referenceItem({ resource_type: { const: 'deal' } }),
    LossReason: referenceItem({}),
    DealUnqualifiedReason: referenceItem({}),
    Deal: attributesSchema(DEAL_ATTRIBUTES),
    DealWrite: jsonSchemaOf(DealWrite),
    DealStageSummary: {
      type: 'object',
      properties: { pipeline_id: { type: 'integer' }, stages: { type: 'array', items: { type: 'object', properties: { stage_id: { type: 'integer' }, deal_count: { type: 'integer' }, values: currencyAmounts } } } },
    },
    DealSummary: {
      type: 'object',
      properties: {
        pipeline_id: { type: 'integer' },
        period: { type: 'object', properties: { from: timestamp, to: timestamp } },
        stages: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              stage_id: { type: 'integer' }, deal_count: { type: 'integer' }, values: currencyAmounts, entered: { type: 'integer' }, advanced: { type: 'integer' },
              conversion_rate: { type: ['number', 'null'] }, average_seconds_in_stage: { type: ['number', 'null'] },
            },
          },
        },
        outcomes: { type: 'object', additionalProperties: { type: 'object', properties: { deal_count: { type: 'integer' }, values: currencyAmounts } } },
      },
    },
    AssociatedContact: { type: 'object', properties: { contact_id: { type: 'integer' }, role: { type: 'string' }, created_at: timestamp, updated_at: timestamp } },
    Product: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, name: { type: 'string' }, sku: nullableString, description: nullableString, active: { type: 'boolean' },
        max_discount: { type: ['number', 'null'] }, max_markup: { type: ['number', 'null'] }, cost: { oneOf: [money, { type: 'null' }] }, cost_currency: nullableString,
        prices: currencyAmounts, created_at: timestamp, updated_at: timestamp,
      },
    },
    Order: { type: 'object', properties: { id: { type: 'integer' }, deal_id: { type: 'integer' }, discount: { type: 'number' }, created_at: timestamp, updated_at: timestamp } },
    LineItem: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, order_id: { type: 'integer' }, product_id: nullableId, name: { type: 'string' }, sku: nullableString, description: nullableString, currency: { type: 'string' },
        price: money, variation: { type: 'number' }, value: money, quantity: { type: 'integer' }, created_at: timestamp, updated_at: timestamp,
      },
    },
  };
}

/** Everything deals-pipelines serves through the gateway. */
export function dealsPipelinesOpenApi(): OpenApiContribution {
  return { paths: dealsPaths(), schemas: dealsSchemas() };
}
