/** Injection tokens of the gRPC clients of leads-contacts. */
export const LEADS_CLIENT = Symbol('LEADS_CLIENT');
export const CONTACTS_CLIENT = Symbol('CONTACTS_CLIENT');
export const LEAD_CONVERSIONS_CLIENT = Symbol('LEAD_CONVERSIONS_CLIENT');
export const LEAD_NOTES_CLIENT = Symbol('LEAD_NOTES_CLIENT');
export const LEAD_TAGS_CLIENT = Symbol('LEAD_TAGS_CLIENT');
export const SEARCH_CLIENT = Symbol('SEARCH_CLIENT');
export const DOCUMENTS_CLIENT = Symbol('DOCUMENTS_CLIENT');
export const CAPTURE_FORMS_CLIENT = Symbol('CAPTURE_FORMS_CLIENT');
export const CAPTURE_FORM_SUBMISSIONS_CLIENT = Symbol('CAPTURE_FORM_SUBMISSIONS_CLIENT');
export const DATA_JOBS_CLIENT = Symbol('DATA_JOBS_CLIENT');
export const LEAD_CUSTOM_FIELDS_CLIENT = Symbol('LEAD_CUSTOM_FIELDS_CLIENT');
/** The lead lists (sources, unqualified reasons) as a ReferenceListsGatewayService. */
export const LEAD_REFERENCE_LISTS = Symbol('LEAD_REFERENCE_LISTS');
/** leads-contacts' collaborations (lead and contact collaborators). */
export const LEAD_COLLABORATIONS_CLIENT = Symbol('LEAD_COLLABORATIONS_CLIENT');
