import { fileTypeFromBuffer } from 'file-type';
import type { FieldViolation } from '@crm/errors';

// The legacy Office formats share one container (Compound File Binary), which is all the bytes reveal.
const CFB = 'application/x-cfb';

/** Accepted media types: for binary formats, what the bytes must be detected as; text formats are checked as UTF-8. */
const ACCEPTED: Record<string, readonly string[] | 'text'> = {
  'application/pdf': ['application/pdf'],
  'image/png': ['image/png'],
  'image/jpeg': ['image/jpeg'],
  'image/gif': ['image/gif'],
  'image/webp': ['image/webp'],
  'image/heic': ['image/heic'],
  'application/zip': ['application/zip'],
  'application/msword': [CFB],
  'application/vnd.ms-excel': [CFB],
  'application/vnd.ms-powerpoint': [CFB],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  'application/vnd.oasis.opendocument.text': ['application/vnd.oasis.opendocument.text'],
  'application/vnd.oasis.opendocument.spreadsheet': ['application/vnd.oasis.opendocument.spreadsheet'],
  'application/vnd.oasis.opendocument.presentation': ['application/vnd.oasis.opendocument.presentation'],
  'text/plain': 'text',
  'text/csv': 'text',
  'text/markdown': 'text',
  'text/calendar': 'text',
  'text/vcard': 'text',
  'message/rfc822': 'text',
};

export const ACCEPTED_DOCUMENT_TYPES = Object.keys(ACCEPTED);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8Text(content: Buffer): boolean {
  try {
    // NUL never appears in text a person would attach; it marks a binary file.
    return !utf8.decode(content).includes('\u0000');
  } catch {
    return false;
  }
}

/** `text/csv; charset=utf-8` → `text/csv`. */
export function normaliseContentType(declared: string): string {
  return declared.split(';')[0]!.trim().toLowerCase();
}

/** A file name without directories or control characters, as shown and offered for download. */
export function normaliseDocumentName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/\p{Cc}/gu, '').trim();
}

/**
 * Checks an upload before anything is stored: size within the limit, a media type on the
 * accepted list, and bytes that really are of that type (so an executable cannot be attached
 * as a PDF, nor a binary as text). Answers the violations; empty means accepted.
 */
export async function checkDocumentContent(declaredType: string, name: string, content: Buffer, maxBytes: number): Promise<FieldViolation[]> {
  const violations: FieldViolation[] = [];
  const cleanName = normaliseDocumentName(name);
  if (!cleanName) violations.push({ field: 'name', code: 'blank', message: 'cannot be empty' });
  else if (cleanName.length > 255) violations.push({ field: 'name', code: 'incorrect_value', message: 'is longer than 255 characters' });
  if (content.length === 0) violations.push({ field: 'content', code: 'blank', message: 'the file is empty' });
  if (content.length > maxBytes) violations.push({ field: 'content', code: 'too_large', message: `the file is larger than ${maxBytes} bytes` });
  const type = normaliseContentType(declaredType);
  const expected = ACCEPTED[type];
  if (!expected) {
    violations.push({ field: 'content_type', code: 'incorrect_value', message: `${type || '(none)'} is not accepted; accepted types: ${ACCEPTED_DOCUMENT_TYPES.join(', ')}` });
    return violations;
  }
  if (violations.length > 0) return violations;
  const detected = await fileTypeFromBuffer(content);
  const matches = expected === 'text' ? (!detected || detected.mime === type) && isUtf8Text(content) : detected !== undefined && expected.includes(detected.mime);
  if (!matches) {
    violations.push({ field: 'content_type', code: 'incorrect_value', message: `the content is not ${type}${detected ? ` (it looks like ${detected.mime})` : ''}` });
  }
  return violations;
}
