import { z } from 'zod';
import { parseSellBody } from './sell-body';
import { SellHttpError } from './sell-error';

const Schema = z.strictObject({ name: z.string().max(5), count: z.number().int().positive().optional(), kind: z.enum(['a', 'b']).optional() });

function errorsOf(data: unknown): { code: string; message: string; field?: string }[] {
  try {
    parseSellBody({ data }, Schema, 'thing');
  } catch (e) {
    expect(e).toBeInstanceOf(SellHttpError);
    return (e as SellHttpError).items.map(({ code, message, field }) => ({ code, message, field }));
  }
  throw new Error('no error');
}

describe(parseSellBody.name, () => {
  it('names each refused attribute with a Sell code and a message written for people', () => {
    expect(errorsOf({ count: 0, kind: 'c', colour: 'red' })).toEqual([
      { code: 'missing', message: 'is required', field: '/data/name' },
      { code: 'incorrect_value', message: 'must be greater than 0', field: '/data/count' },
      { code: 'incorrect_value', message: 'must be one of "a", "b"', field: '/data/kind' },
      { code: 'unknown', message: 'is not a known attribute', field: '/data/colour' },
    ]);
    expect(errorsOf({ name: 7 })).toEqual([{ code: 'invalid_type', message: 'must be a string', field: '/data/name' }]);
    expect(errorsOf({ name: 'too long' })).toEqual([{ code: 'incorrect_value', message: 'must be at most 5 characters long', field: '/data/name' }]);
  });
});
