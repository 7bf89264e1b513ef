import type { FieldViolation } from '@crm/errors';

/** The image types a logo may have, each with the leading bytes every such file starts with. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

export const LOGO_CONTENT_TYPES = Object.keys(SIGNATURES);

/**
 * The problems of a logo upload: a declared type that is no accepted image type, bytes that are not
 * of that type (a renamed file, or a script posing as an image), or a size out of bounds.
 */
export function checkLogo(declaredType: string, content: Buffer, maxBytes: number): { contentType: string; violations: FieldViolation[] } {
  const contentType = declaredType.split(';')[0]!.trim().toLowerCase();
  const violations: FieldViolation[] = [];
  const matches = SIGNATURES[contentType];
  if (content.length === 0) violations.push({ field: 'logo', code: 'blank', message: 'the image is empty' });
  else if (content.length > maxBytes) violations.push({ field: 'logo', code: 'too_large', message: `the image is larger than ${maxBytes} bytes` });
  else if (!matches) violations.push({ field: 'logo', code: 'incorrect_value', message: `must be one of ${LOGO_CONTENT_TYPES.join(', ')}, given: ${contentType || 'none'}` });
  else if (!matches(content)) violations.push({ field: 'logo', code: 'incorrect_value', message: `the bytes are not ${contentType}` });
  return { contentType, violations };
}
