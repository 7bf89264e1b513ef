import { Validator } from '@seriousme/openapi-schema-validator';
import { GATEWAY_AREAS } from '../gateway-areas';
import { openApiDocument } from './openapi.document';

const document = () => openApiDocument(GATEWAY_AREAS.map((area) => area.openApi()));

describe(openApiDocument.name, () => {
  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const sut = new Validator();
    const result = await sut.validate(JSON.parse(JSON.stringify(document())));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const refs = JSON.stringify(document()).match(/"#\/components\/schemas\/(\w+)"/g) ?? [];
    const schemas = Object.keys(document().components.schemas);
    for (const ref of refs) expect(schemas).toContain(ref.slice('"#/components/schemas/'.length, -1));
  });

  it('documents every Sell error status the gateway answers with', () => {
    const responses = (document().paths['/v2/leads'] as { get: { responses: Record<string, unknown> } }).get.responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429']));
  });

  it('takes each area\'s paths and schemas, and refuses a path or schema two areas define', () => {
    const area = (path: string, schema: string) => ({ paths: { [path]: { get: { responses: {} } } }, schemas: { [schema]: { type: 'object' } } });
    const sut = openApiDocument([area('/v2/a', 'A'), area('/v2/b', 'B')]);
    expect(Object.keys(sut.paths)).toEqual(['/v2/a', '/v2/b']);
    expect(sut.components.schemas).toMatchObject({ A: { type: 'object' }, B: { type: 'object' } });
    expect(() => openApiDocument([area('/v2/a', 'A'), area('/v2/a', 'B')])).toThrow('OpenAPI path /v2/a is documented twice');
    expect(() => openApiDocument([area('/v2/a', 'A'), area('/v2/b', 'A')])).toThrow('OpenAPI schema A is defined twice');
  });
});
