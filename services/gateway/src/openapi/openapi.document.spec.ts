import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from './openapi.document';

describe(openApiDocument.name, () => {
  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const sut = new Validator();
    const result = await sut.validate(JSON.parse(JSON.stringify(openApiDocument())));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const refs = JSON.stringify(openApiDocument()).match(/"#\/components\/schemas\/(\w+)"/g) ?? [];
    const schemas = Object.keys(openApiDocument().components.schemas);
    for (const ref of refs) expect(schemas).toContain(ref.slice('"#/components/schemas/'.length, -1));
  });

  it('documents every Sell error status the gateway answers with', () => {
    const responses = openApiDocument().paths["/v2/leads"].get.responses as Record<string, unknown>;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429']));
  });
});
