import { canonicalHeaderName } from './canonical-headers';

describe(canonicalHeaderName.name, () => {
  it('writes header names as Sell sends them', () => {
    expect(['content-type', 'x-request-id', 'X-RATELIMIT-LIMIT', 'x-ratelimit-remaining', 'retry-after', 'content-language', 'vary', 'etag'].map(canonicalHeaderName)).toEqual([
      'Content-Type', 'X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'Retry-After', 'Content-Language', 'Vary', 'ETag',
    ]);
  });
});
