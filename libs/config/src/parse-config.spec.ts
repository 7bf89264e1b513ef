import { z } from 'zod';
import { ConfigError, configFragments, parseConfig } from './parse-config';

describe(parseConfig.name, () => {
  const schema = z.object({
    HTTP_PORT: configFragments.port(8080),
    KAFKA_BROKERS: configFragments.kafkaBrokers,
    DB_URL: configFragments.postgresUrl,
    FEATURE: configFragments.bool(false),
  });

  it('applies defaults, coerces types and freezes the result', () => {
    const sut = parseConfig(schema, { DB_URL: 'postgres://u:p@h:1/d', KAFKA_BROKERS: 'a:1, b:2' });
    expect(sut).toEqual({ HTTP_PORT: 8080, KAFKA_BROKERS: ['a:1', 'b:2'], DB_URL: 'postgres://u:p@h:1/d', FEATURE: false });
    expect(Object.isFrozen(sut)).toBe(true);
    expect(Object.isFrozen(sut.KAFKA_BROKERS)).toBe(true);
  });

  it('lists every invalid variable in one error', () => {
    expect(() => parseConfig(schema, { HTTP_PORT: '99999', DB_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      parseConfig(schema, { HTTP_PORT: '99999', DB_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toContain('HTTP_PORT');
      expect((e as Error).message).toContain('DB_URL');
    }
  });
});
