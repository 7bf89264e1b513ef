import { chunksWithin, MAX_BIND_PARAMETERS } from './statement-chunks';

describe('chunksWithin', () => {
  it('keeps every chunk within the bind parameter limit and every row in order', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => i);
    const chunks = chunksWithin(rows, 35);
    expect(chunks.every((c) => c.length * 35 <= MAX_BIND_PARAMETERS)).toBe(true);
    expect(chunks.length).toBe(Math.ceil(10_000 / Math.floor(MAX_BIND_PARAMETERS / 35)));
    expect(chunks.flat()).toEqual(rows);
  });

  it('gives no chunk for no rows and one chunk for few', () => {
    expect(chunksWithin([], 8)).toEqual([]);
    expect(chunksWithin([1, 2, 3], 8)).toEqual([[1, 2, 3]]);
  });
});
