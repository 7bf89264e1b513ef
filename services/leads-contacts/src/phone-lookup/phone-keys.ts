/** E.164: a plus and 8 to 15 digits. */
export const E164 = /^\+[1-9][0-9]{7,14}$/;

/**
 * The stored digit strings (phone_key, mobile_key) an E.164 number may have been written as: the
 * whole number with its country code, or the national number without a country code of one to
 * three digits, with or without a trunk prefix 0. Strings under seven digits are left out: they
 * would match too many numbers.
 */
export function phoneKeysFor(e164: string): string[] {
  if (!E164.test(e164)) return [];
  const digits = e164.slice(1);
  const keys = new Set<string>([digits]);
  for (let cc = 1; cc <= 3; cc++) {
    const national = digits.slice(cc);
    if (national.length >= 7) {
      keys.add(national);
      keys.add(`0${national}`);
    }
  }
  return [...keys];
}
