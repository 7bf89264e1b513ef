import { nulIn } from './text-input.interceptor';

describe(nulIn.name, () => {
  it('finds NUL in a nested value or key and names where', () => {
    expect(nulIn({ data: { name: 'ok', tags: ['a', 'b\u0000'] } }, '', 0)).toBe('data.tags[1]');
    expect(nulIn({ data: { 'x\u0000y': 1 } }, '', 0)).toBe('data.x\\u0000y');
  });

  it('passes every other character, however unusual', () => {
    expect(nulIn({ data: { 'prénom 💰': 'שם \u0007 \uD800 名前', n: 1, b: null } }, '', 0)).toBeUndefined();
  });
});
