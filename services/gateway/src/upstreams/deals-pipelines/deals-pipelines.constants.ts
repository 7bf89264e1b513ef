/** Injection tokens of the gRPC clients of deals-pipelines. */
export const PIPELINES_CLIENT = Symbol('PIPELINES_CLIENT');
export const DEALS_CLIENT = Symbol('DEALS_CLIENT');
export const ANALYTICS_CLIENT = Symbol('ANALYTICS_CLIENT');
export const PRODUCTS_CLIENT = Symbol('PRODUCTS_CLIENT');
export const ORDERS_CLIENT = Symbol('ORDERS_CLIENT');
export const DEAL_NOTES_CLIENT = Symbol('DEAL_NOTES_CLIENT');
export const DEAL_TAGS_CLIENT = Symbol('DEAL_TAGS_CLIENT');
export const DEAL_CUSTOM_FIELDS_CLIENT = Symbol('DEAL_CUSTOM_FIELDS_CLIENT');
/** The deal lists (sources, loss and unqualified reasons) as a ReferenceListsGatewayService. */
export const DEAL_REFERENCE_LISTS = Symbol('DEAL_REFERENCE_LISTS');
/** deals-pipelines' collaborations (deal collaborators). */
export const DEAL_COLLABORATIONS_CLIENT = Symbol('DEAL_COLLABORATIONS_CLIENT');
