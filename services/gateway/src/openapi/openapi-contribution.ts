/** What one area of the gateway adds to the OpenAPI document: its paths and component schemas. */
export interface OpenApiContribution {
  paths: Record<string, object>;
  schemas: Record<string, object>;
}

/** A gateway module (one per backing service, or per flow across services) and what it documents. */
export interface GatewayAreaModule {
  openApi(): OpenApiContribution;
}
