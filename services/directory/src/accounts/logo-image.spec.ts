import { checkLogo } from './logo-image';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(32)]);
const WEBP = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(32)]);

describe('checkLogo', () => {
  it('accepts each image type whose bytes match it, whatever the case and parameters of the type', () => {
    expect(checkLogo('image/png', PNG, 1024)).toEqual({ contentType: 'image/png', violations: [] });
    expect(checkLogo('Image/JPEG; charset=binary', JPEG, 1024)).toEqual({ contentType: 'image/jpeg', violations: [] });
    expect(checkLogo('image/gif', GIF, 1024).violations).toEqual([]);
    expect(checkLogo('image/webp', WEBP, 1024).violations).toEqual([]);
  });

  it('refuses other types, bytes of another type, empty and oversized images', () => {
    expect(checkLogo('image/svg+xml', Buffer.from('<svg onload="x()"/>'), 1024).violations).toEqual([expect.objectContaining({ code: 'incorrect_value', message: expect.stringContaining('must be one of') })]);
    expect(checkLogo('image/png', JPEG, 1024).violations).toEqual([expect.objectContaining({ code: 'incorrect_value', message: 'the bytes are not image/png' })]);
    expect(checkLogo('image/png', Buffer.from('<html>'), 1024).violations[0]?.code).toBe('incorrect_value');
    expect(checkLogo('image/png', Buffer.alloc(0), 1024).violations[0]?.code).toBe('blank');
    expect(checkLogo('image/png', Buffer.concat([PNG, Buffer.alloc(2000)]), 1024).violations[0]?.code).toBe('too_large');
    expect(checkLogo('', PNG, 1024).violations[0]?.message).toContain('given: none');
  });
});
