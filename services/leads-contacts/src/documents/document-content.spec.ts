import { checkDocumentContent, normaliseContentType, normaliseDocumentName } from './document-content';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
// The start of a Windows executable.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')]);
const fields = (v: { field: string }[]) => v.map((x) => x.field);

describe(checkDocumentContent.name, () => {
  it('accepts a PDF, a PNG and UTF-8 text declared as what they are', async () => {
    expect(await checkDocumentContent('application/pdf', 'offer.pdf', PDF, 1000)).toEqual([]);
    expect(await checkDocumentContent('image/png', 'logo.png', PNG, 1000)).toEqual([]);
    expect(await checkDocumentContent('text/csv; charset=utf-8', 'list.csv', Buffer.from('name,email\nÅsa,a@example.com\n'), 1000)).toEqual([]);
  });

  it('refuses bytes that are not the declared type', async () => {
    const exeAsPdf = await checkDocumentContent('application/pdf', 'invoice.pdf', EXE, 1000);
    expect(fields(exeAsPdf)).toEqual(['content_type']);
    expect(exeAsPdf[0]!.message).toContain('not application/pdf');
    expect(fields(await checkDocumentContent('image/png', 'logo.png', PDF, 1000))).toEqual(['content_type']);
    expect(fields(await checkDocumentContent('text/plain', 'notes.txt', PNG, 1000))).toEqual(['content_type']);
    expect(fields(await checkDocumentContent('text/plain', 'notes.txt', Buffer.from([0x61, 0x00, 0x62]), 1000))).toEqual(['content_type']);
    expect(fields(await checkDocumentContent('text/plain', 'notes.txt', Buffer.from([0xff, 0xfe, 0x41]), 1000))).toEqual(['content_type']);
  });

  it('refuses types off the accepted list, empty files, oversized files and blank names', async () => {
    const exe = await checkDocumentContent('application/x-msdownload', 'setup.exe', EXE, 1000);
    expect(fields(exe)).toEqual(['content_type']);
    expect(exe[0]!.message).toContain('application/pdf');
    expect(fields(await checkDocumentContent('application/pdf', 'a.pdf', Buffer.alloc(0), 1000))).toEqual(['content']);
    const big = await checkDocumentContent('application/pdf', 'a.pdf', PDF, 10);
    expect(big).toEqual([{ field: 'content', code: 'too_large', message: 'the file is larger than 10 bytes' }]);
    expect(fields(await checkDocumentContent('application/pdf', '  /tmp/  ', PDF, 1000))).toEqual(['name']);
  });
});

describe('normalising names and types', () => {
  it('keeps the base name without control characters and the bare media type', () => {
    expect(normaliseDocumentName('C:\\Users\\x\\Offer\u0007 2026.pdf')).toBe('Offer 2026.pdf');
    expect(normaliseDocumentName('../../etc/passwd')).toBe('passwd');
    expect(normaliseContentType(' Text/CSV ; charset=UTF-8')).toBe('text/csv');
  });
});
