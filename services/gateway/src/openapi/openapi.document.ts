import { ContactWrite } from '../contacts/contact.dto';
import { CONTACT_ID_FILTERS, CONTACT_SORT_FIELDS, CONTACT_STRING_FILTERS } from '../contacts/contacts.http-controller';
import { CustomFieldCreate, CustomFieldUpdate } from '../custom-fields/custom-fields.http-controller';
import { LeadConversionCreate } from '../lead-conversions/lead-conversions.http-controller';
import { CaptureFormCreate, CaptureFormUpdate, Submission } from '../capture-forms/capture-forms.http-controller';
import { ExportCreate, ImportCreate } from '../data-jobs/data-jobs.http-controller';
import { DOCUMENT_SORT_FIELDS } from '../documents/documents.http-controller';
import { PipelineCreate, PipelineUpdate, StageCreate, StageOrder, StageUpdate } from '../pipelines/pipelines.http-controller';
import { NOTE_SORT_FIELDS, NoteCreate, NoteUpdate } from '../notes/notes.http-controller';
import { LeadWrite } from '../leads/lead.dto';
import { RECORD_ADDRESS_FILTERS } from '../sell/sell-record';
import { REFERENCE_SORT_FIELDS, ReferenceItemWrite } from '../reference-lists/reference-lists.http-controller';
import { LEAD_ID_FILTERS, LEAD_SORT_FIELDS, LEAD_STRING_FILTERS } from '../leads/leads.http-controller';
import { dealsPaths, dealsSchemas } from './deals.paths';
import { common, errorResponse, idParam, jsonSchemaOf, nullableId, nullableString, pageParams, single, timestamp } from './openapi-parts';

const Lead = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    creator_id: nullableId,
    owner_id: { type: 'integer' },
    first_name: nullableString,
    last_name: nullableString,
    organization_name: nullableString,
    status: { type: 'string', enum: ['new', 'working', 'unqualified'] },
    source_id: nullableId,
    unqualified_reason_id: nullableId,
    ...Object.fromEntries(
      ['title', 'description', 'industry', 'website', 'email', 'phone', 'mobile', 'fax', 'twitter', 'facebook', 'linkedin', 'skype'].map((k) => [k, nullableString]),
    ),
    address: { $ref: '#/components/schemas/Address' },
    tags: { type: 'array', items: { type: 'string' } },
    custom_fields: { type: 'object', additionalProperties: true },
    created_at: timestamp,
    updated_at: timestamp,
  },
};

const referenceItem = (extra: Record<string, unknown>) => ({
  type: 'object',
  properties: { id: { type: 'integer' }, creator_id: nullableId, name: { type: 'string' }, ...extra, created_at: timestamp, updated_at: timestamp },
});

/** Paging and the record filters of notes and documents. */
const attachedListParams = [
  ...pageParams,
  { name: 'resource_type', in: 'query', schema: { type: 'string', enum: ['lead', 'contact'] } },
  { name: 'resource_id', in: 'query', schema: { type: 'integer' } },
];

/** Paths of one reference list (sources, reasons): everyone reads, admins write. */
function referenceListPaths(path: string, schema: string, what: string) {
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

const Contact = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    creator_id: nullableId,
    owner_id: { type: 'integer' },
    is_organization: { type: 'boolean' },
    name: { type: 'string' },
    first_name: nullableString,
    last_name: nullableString,
    contact_id: { ...nullableId, description: 'the organisation a person belongs to' },
    parent_organization_id: { ...nullableId, description: 'the parent of an organisation' },
    customer_status: { type: 'string', enum: ['none', 'current', 'past'] },
    prospect_status: { type: 'string', enum: ['none', 'current', 'lost'] },
    ...Object.fromEntries(['title', 'description', 'industry', 'website', 'email', 'phone', 'mobile', 'fax', 'twitter', 'facebook', 'linkedin', 'skype'].map((k) => [k, nullableString])),
    address: { $ref: '#/components/schemas/Address' },
    tags: { type: 'array', items: { type: 'string' } },
    custom_fields: { type: 'object', additionalProperties: true },
    created_at: timestamp,
    updated_at: timestamp,
  },
};

/** Sell-style CRUD paths of one record resource. */
function recordPaths(path: string, schema: string, type: string, listParams: object[], extraDescription: string) {
  const one = { content: { 'application/json': { schema: single(`#/components/schemas/${schema}`, type) } } };
  const body = { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: { $ref: `#/components/schemas/${schema}Write` }, meta: { type: 'object' } } } } } };
  const tags = [path.slice(4)];
  return {
    [path]: {
      get: { operationId: `list_${tags[0]}`, tags, parameters: listParams, responses: { '200': { description: `A page of ${tags[0]} visible to the caller` }, ...common } },
      post: { operationId: `create_${tags[0]}`, tags, description: extraDescription, requestBody: body, responses: { '200': { description: 'Created', ...one }, ...common, '422': errorResponse('Invalid attributes') } },
    },
    [`${path}/{id}`]: {
      parameters: [idParam],
      get: { operationId: `get_${tags[0]}`, tags, responses: { '200': { description: 'The record', ...one }, ...common, '404': errorResponse('Not visible to the caller') } },
      put: { operationId: `update_${tags[0]}`, tags, description: 'Partial update', requestBody: body, responses: { '200': { description: 'Updated', ...one }, ...common, '404': errorResponse('Not visible to the caller'), '422': errorResponse('Invalid attributes') } },
      delete: { operationId: `delete_${tags[0]}`, tags, responses: { '204': { description: 'Deleted' }, ...common, '404': errorResponse('Not visible to the caller') } },
    },
  };
}

/** Custom field definitions of one resource (Sell read path, plus admin writes). */
function customFieldPaths(resource: 'lead' | 'contact' | 'deal') {
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

/** The gateway's OpenAPI 3.1 document; request bodies come from the same zod schemas that validate them. */
export function openApiDocument() {
  return withUniversalResponses(operations());
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

function operations() {
  const leadWrite = jsonSchemaOf(LeadWrite);
  const listParams = [
    { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
    { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
    { name: 'sort_by', in: 'query', description: `One or more of ${LEAD_SORT_FIELDS.join(', ')} or custom_fields:<name>, each with optional :asc or :desc, comma-separated`, schema: { type: 'string' } },
    { name: 'ids', in: 'query', description: 'Comma-separated lead ids', schema: { type: 'string' } },
    ...LEAD_ID_FILTERS.map((name) => ({ name, in: 'query', schema: { type: 'integer' } })),
    ...LEAD_STRING_FILTERS.map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
    ...RECORD_ADDRESS_FILTERS.map((f) => ({ name: `address[${f}]`, in: 'query', schema: { type: 'string' } })),
    { name: 'tags', in: 'query', description: 'Comma-separated tags; records carrying all of them', schema: { type: 'string' } },
    { name: 'with_total_count', in: 'query', description: 'Also return meta.total_count, the number of matching records', schema: { type: 'boolean' } },
    ...['created_at[from]', 'created_at[to]', 'updated_at[from]', 'updated_at[to]'].map((name) => ({ name, in: 'query', description: 'Inclusive ISO 8601 bound', schema: { type: 'string' } })),
    { name: 'custom_fields[{name}]', in: 'query', description: 'Equality on a custom field by its name (a multi-select matches records having the option); repeat for several fields', schema: { type: 'string' } },
  ];
  return {
    openapi: '3.1.0',
    info: { title: 'Pipewright CRM API', version: '2', description: 'Wire-compatible with the Zendesk Sell (Base) Core API v2.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths: {
      '/v2/leads': {
        get: {
          operationId: 'listLeads',
          tags: ['leads'],
          parameters: listParams,
          responses: { '200': { description: 'A page of leads visible to the caller', content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadCollection' } } } }, ...common },
        },
        post: {
          operationId: 'createLead',
          tags: ['leads'],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadRequest' } } } },
          responses: { '200': { description: 'The created lead', content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadResponse' } } } }, ...common, '422': errorResponse('Invalid attributes; one error per attribute') },
        },
      },
      '/v2/leads/{id}': {
        parameters: [idParam],
        get: { operationId: 'getLead', tags: ['leads'], responses: { '200': { description: 'The lead', content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadResponse' } } } }, ...common, '404': errorResponse('No such lead visible to the caller') } },
        put: {
          operationId: 'updateLead',
          tags: ['leads'],
          description: 'Partial update: only the attributes sent change; null clears one; tags are replaced as a whole.',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadRequest' } } } },
          responses: { '200': { description: 'The updated lead', content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadResponse' } } } }, ...common, '404': errorResponse('No such lead visible to the caller'), '422': errorResponse('Invalid attributes') },
        },
        delete: { operationId: 'deleteLead', tags: ['leads'], responses: { '204': { description: 'Deleted' }, ...common, '404': errorResponse('No such lead visible to the caller') } },
      },
      ...referenceListPaths('/v2/lead_sources', 'LeadSource', 'lead source'),
      ...referenceListPaths('/v2/lead_unqualified_reasons', 'LeadUnqualifiedReason', 'lead unqualified reason'),
      ...recordPaths(
        '/v2/contacts',
        'Contact',
        'contact',
        [
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          { name: 'sort_by', in: 'query', description: `One or more of ${CONTACT_SORT_FIELDS.join(', ')} or custom_fields:<name>, with optional :asc or :desc; default last_name`, schema: { type: 'string' } },
          { name: 'ids', in: 'query', schema: { type: 'string' } },
          { name: 'is_organization', in: 'query', schema: { type: 'boolean' } },
          { name: 'with_total_count', in: 'query', schema: { type: 'boolean' } },
          { name: 'tags', in: 'query', schema: { type: 'string' } },
          ...CONTACT_ID_FILTERS.map((name) => ({ name, in: 'query', schema: { type: 'integer' } })),
          ...CONTACT_STRING_FILTERS.map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          ...RECORD_ADDRESS_FILTERS.map((f) => ({ name: `address[${f}]`, in: 'query', schema: { type: 'string' } })),
          { name: 'custom_fields[{name}]', in: 'query', schema: { type: 'string' } },
        ],
        'A person needs last_name; an organisation (is_organization: true, create only) needs name. A person may belong to an organisation (contact_id).',
      ),
      '/v2/search': {
        get: {
          operationId: 'search_records',
          tags: ['search'],
          description: 'Prefix, substring and fuzzy search over names, emails and phones of visible leads and contacts, best first (beyond Sell).',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 100 } },
            { name: 'types', in: 'query', description: 'lead, contact or both (comma-separated)', schema: { type: 'string' } },
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
          ],
          responses: { '200': { description: 'Items of {resource_type, id, name, organization_name, email, phone, is_organization, score}' }, ...common },
        },
      },
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
      '/v2/documents': {
        get: {
          operationId: 'list_documents',
          tags: ['documents'],
          parameters: [
            ...attachedListParams,
            { name: 'sort_by', in: 'query', description: `One of ${DOCUMENT_SORT_FIELDS.join(', ')}`, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'Documents on records visible to the caller: id, creator_id, resource_type, resource_id, name, content_type, size, sha256, download_url, timestamps' }, ...common },
        },
        post: {
          operationId: 'upload_document',
          tags: ['documents'],
          description: 'The body is the file; Content-Type is its media type, checked against the bytes. Accepted: PDF, images, Office and OpenDocument files, ZIP, UTF-8 text (plain, CSV, Markdown, iCalendar, vCard, e-mail).',
          parameters: [
            { name: 'resource_type', in: 'query', required: true, schema: { type: 'string', enum: ['lead', 'contact'] } },
            { name: 'resource_id', in: 'query', required: true, schema: { type: 'integer' } },
            { name: 'name', in: 'query', required: true, description: 'File name', schema: { type: 'string', maxLength: 255 } },
          ],
          requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            '201': { description: 'The document' },
            ...common,
            '413': errorResponse('Larger than the document size limit (10 MiB by default)'),
            '415': errorResponse('Not sent as a file upload'),
            '422': errorResponse('Type not accepted, content not of the declared type, empty file or record not visible'),
          },
        },
      },
      '/v2/documents/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_document', tags: ['documents'], responses: { '200': { description: 'The document' }, ...common, '404': errorResponse('Not visible') } },
        delete: { operationId: 'delete_document', tags: ['documents'], responses: { '204': { description: 'Deleted; the stored bytes are purged' }, ...common, '404': errorResponse('Not visible') } },
      },
      '/v2/documents/{id}/content': {
        parameters: [idParam],
        get: {
          operationId: 'download_document',
          tags: ['documents'],
          responses: { '200': { description: 'The file, as an attachment with its media type', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, ...common, '404': errorResponse('Not visible') },
        },
      },
      '/v2/capture_forms': {
        get: {
          operationId: 'list_capture_forms',
          tags: ['capture_forms'],
          description: 'Admins only.',
          parameters: [...pageParams, { name: 'active', in: 'query', schema: { type: 'boolean' } }],
          responses: { '200': { description: 'Capture forms: id, name, form_key, submission_url, fields, owner_id, source_id, tags, active, timestamps' }, ...common },
        },
        post: {
          operationId: 'create_capture_form',
          tags: ['capture_forms'],
          description: 'Admins only. Fields are lead attributes (first_name, email, address.city, ...) or custom_fields.<name>; last_name or organization_name must be among them.',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(CaptureFormCreate) } } } } },
          responses: { '200': { description: 'The form with its key' }, ...common, '422': errorResponse('Invalid fields, owner or source, or a name in use') },
        },
      },
      '/v2/capture_forms/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_capture_form', tags: ['capture_forms'], responses: { '200': { description: 'The form' }, ...common, '404': errorResponse('No such form') } },
        put: {
          operationId: 'update_capture_form',
          tags: ['capture_forms'],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(CaptureFormUpdate) } } } } },
          responses: { '200': { description: 'The form' }, ...common, '404': errorResponse('No such form'), '422': errorResponse('Invalid change') },
        },
        delete: { operationId: 'delete_capture_form', tags: ['capture_forms'], responses: { '204': { description: 'Deleted; its key stops working' }, ...common, '404': errorResponse('No such form') } },
      },
      '/public/capture_forms/{form_key}/submissions': {
        parameters: [{ name: 'form_key', in: 'path', required: true, schema: { type: 'string' } }],
        post: {
          operationId: 'submit_capture_form',
          tags: ['capture_forms'],
          security: [],
          description: 'Public, no token. Values by form field name, as JSON {"data": {...}} or an HTML form post; creates a lead with status new for the form owner. Limited per form and per client address.',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(Submission) } } },
              'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } },
            },
          },
          responses: {
            '201': { description: '{"data": {"lead_id": ...}}' },
            '404': errorResponse('No active form with this key'),
            '413': errorResponse('Larger than the body limit'),
            '415': errorResponse('Neither JSON nor a form post'),
            '422': errorResponse('A value for a field the form lacks, a missing required value or an invalid value'),
            '429': errorResponse('Too many submissions from this client or to this form; see Retry-After'),
          },
        },
      },
      '/v2/imports': {
        get: { operationId: 'list_imports', tags: ['imports'], description: 'The caller\'s imports; admins see all.', parameters: pageParams.slice(0, 2), responses: { '200': { description: 'Imports, newest first' }, ...common } },
        post: {
          operationId: 'create_import',
          tags: ['imports'],
          description: 'Step one of a CSV import: settings. column_mapping maps CSV headers to record paths (first_name, address.city, tags, custom_fields.<name>); without it, headers that name paths are used. The import then waits for its file at upload_url.',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(ImportCreate) } } } } },
          responses: { '201': { description: 'The import, awaiting_file' }, ...common, '422': errorResponse('Unknown resource type, mapping target or option') },
        },
      },
      '/v2/imports/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_import', tags: ['imports'], responses: { '200': { description: 'Status and progress: total_rows, processed_rows, created/updated/skipped/failed counts' }, ...common, '404': errorResponse('Not the caller\'s') } },
      },
      '/v2/imports/{id}/file': {
        parameters: [idParam],
        put: {
          operationId: 'upload_import_file',
          tags: ['imports'],
          description: 'Step two: the CSV (UTF-8, header row first) as the body. Queues the import.',
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: { '200': { description: 'The import, queued' }, ...common, '404': errorResponse('Not the caller\'s'), '409': errorResponse('The import already has its file'), '413': errorResponse('Larger than IMPORT_MAX_BYTES (50 MiB by default)'), '422': errorResponse('Empty file') },
        },
      },
      '/v2/imports/{id}/errors': {
        parameters: [idParam],
        get: { operationId: 'list_import_errors', tags: ['imports'], parameters: pageParams.slice(0, 2), responses: { '200': { description: 'Rows not taken: row_number and errors [{field, code, message}]' }, ...common, '404': errorResponse('Not the caller\'s') } },
      },
      '/v2/exports': {
        get: { operationId: 'list_exports', tags: ['exports'], description: 'The caller\'s exports; admins see all.', parameters: pageParams.slice(0, 2), responses: { '200': { description: 'Exports, newest first' }, ...common } },
        post: {
          operationId: 'create_export',
          tags: ['exports'],
          description: 'Exports the list that GET /v2/leads or /v2/contacts answers for `query` (filters and sort_by, no paging), within the caller\'s visibility, as CSV whose columns are record paths.',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchemaOf(ExportCreate) } } } } },
          responses: { '201': { description: 'The export, queued' }, ...common, '422': errorResponse('Unknown resource type') },
        },
      },
      '/v2/exports/{id}': {
        parameters: [idParam],
        get: { operationId: 'get_export', tags: ['exports'], responses: { '200': { description: 'Status, rows written, file_size and download_url once done' }, ...common, '404': errorResponse('Not the caller\'s') } },
      },
      '/v2/exports/{id}/file': {
        parameters: [idParam],
        get: { operationId: 'download_export', tags: ['exports'], responses: { '200': { description: 'The CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...common, '404': errorResponse('Not the caller\'s'), '409': errorResponse('Not finished') } },
      },
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
      ...customFieldPaths('lead'),
      ...customFieldPaths('contact'),
      ...customFieldPaths('deal'),
      ...referenceListPaths('/v2/deal_sources', 'DealSource', 'deal source'),
      ...referenceListPaths('/v2/loss_reasons', 'LossReason', 'loss reason'),
      ...referenceListPaths('/v2/deal_unqualified_reasons', 'DealUnqualifiedReason', 'deal unqualified reason'),
      ...dealsPaths(),
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Keycloak access token with audience crm-api' } },
      schemas: {
        Address: { type: 'object', properties: Object.fromEntries(['line1', 'city', 'postal_code', 'state', 'country'].map((k) => [k, nullableString])) },
        Lead,
        LeadWrite: leadWrite,
        ReferenceItemWrite: jsonSchemaOf(ReferenceItemWrite),
        Contact,
        ContactWrite: jsonSchemaOf(ContactWrite),
        LeadSource: referenceItem({ resource_type: { const: 'lead' } }),
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
        LeadUnqualifiedReason: referenceItem({}),
        DealSource: referenceItem({ resource_type: { const: 'deal' } }),
        LossReason: referenceItem({}),
        DealUnqualifiedReason: referenceItem({}),
        ...dealsSchemas(),
        LeadRequest: { type: 'object', required: ['data'], properties: { data: { $ref: '#/components/schemas/LeadWrite' }, meta: { type: 'object' } } },
        LeadResponse: single('#/components/schemas/Lead', 'lead'),
        LeadCollection: {
          type: 'object',
          properties: {
            items: { type: 'array', items: single('#/components/schemas/Lead', 'lead') },
            meta: { type: 'object', properties: { type: { const: 'collection' }, count: { type: 'integer' }, links: { type: 'object', additionalProperties: { type: 'string' } } } },
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
      },
    },
  };
}
