import { phoneKeysFor } from './phone-keys';

describe('phone keys', () => {
  it('matches the number written with or without its country code and trunk prefix', () => {
    const keys = phoneKeysFor('+4930123456');
    expect(keys).toEqual(expect.arrayContaining(['4930123456', '930123456', '0930123456', '30123456', '030123456', '0123456', '00123456']));
    // A US number written nationally: (555) 010-0100.
    expect(phoneKeysFor('+15550100100')).toContain('5550100100');
  });

  it('leaves out keys too short to tell numbers apart, and takes only E.164', () => {
    expect(phoneKeysFor('+12345678').every((k) => k.length >= 7)).toBe(true);
    expect(phoneKeysFor('030 123456')).toEqual([]);
    expect(phoneKeysFor('+0123456789')).toEqual([]);
    expect(phoneKeysFor('+1234567890123456')).toEqual([]);
  });
});
