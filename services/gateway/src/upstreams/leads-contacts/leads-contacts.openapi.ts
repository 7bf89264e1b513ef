import { ContactWrite } from './contacts/contact.dto';
import { CONTACT_ATTRIBUTES, CONTACT_ID_FILTERS, CONTACT_SORT_FIELDS, CONTACT_STRING_FILTERS } from './contacts/contact.attributes';
import { CaptureFormCreate, CaptureFormUpdate, Submission } from './capture-forms/capture-forms.http-controller';
import { ExportCreate, ImportCreate } from './data-jobs/data-jobs.http-controller';
import { DOCUMENT_SORT_FIELDS } from './documents/documents.http-controller';
import { LeadWrite } from './leads/lead.dto';
import { LEAD_ATTRIBUTES, LEAD_ID_FILTERS, LEAD_SORT_FIELDS, LEAD_STRING_FILTERS } from './leads/lead.attributes';
import type { OpenApiContribution } from '../../openapi/openapi-contribution';
import { common, customFieldPaths, errorResponse, idParam, jsonSchemaOf, pageParams, recordPaths, referenceItem, referenceListPaths, single, upsertPath } from '../../openapi/openapi-parts';
import { attributesSchema } from '../../sell/sell-attributes';
import { RECORD_ADDRESS_FILTERS } from '../../sell/sell-record';



/** Paging and the record filters of notes and documents. */
const attachedListParams = [
  ...pageParams,
  { name: 'resource_type', in: 'query', schema: { type: 'string', enum: ['lead', 'contact'] } },
  { name: 'resource_id', in: 'query', schema: { type: 'integer' } },
];

/** Leads, contacts, their lists and custom fields, search, documents, capture forms, imports and exports. */
export function leadsContactsOpenApi(): OpenApiContribution {
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
      ...upsertPath('/v2/leads', 'lead', listParams, { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadRequest' } } } }, { content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadResponse' } } } }),
      '/v2/lead_statuses': {
        get: {
          operationId: 'list_lead_statuses',
          tags: ['leads'],
          description: 'The statuses a lead can have (new, working, unqualified), with id, name (what a lead\'s status holds) and position.',
          parameters: pageParams.slice(0, 2),
          responses: { '200': { description: 'The lead statuses in order' }, ...common },
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
      ...customFieldPaths('lead'),
      ...customFieldPaths('contact'),
    },
    schemas: {
      Lead: attributesSchema(LEAD_ATTRIBUTES),
      LeadWrite: jsonSchemaOf(LeadWrite),
      Contact: attributesSchema(CONTACT_ATTRIBUTES),
      ContactWrite: jsonSchemaOf(ContactWrite),
      LeadSource: referenceItem({ resource_type: { const: 'lead' } }),
      LeadUnqualifiedReason: referenceItem({}),
      LeadRequest: { type: 'object', required: ['data'], properties: { data: { $ref: '#/components/schemas/LeadWrite' }, meta: { type: 'object' } } },
      LeadResponse: single('#/components/schemas/Lead', 'lead'),
      LeadCollection: {
        type: 'object',
        properties: {
          items: { type: 'array', items: single('#/components/schemas/Lead', 'lead') },
          meta: { type: 'object', properties: { type: { const: 'collection' }, count: { type: 'integer' }, links: { type: 'object', additionalProperties: { type: 'string' } } } },
        },
      },
    },
  };
}
