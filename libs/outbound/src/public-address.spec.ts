import { refusedServerUrl } from './public-address';

describe(refusedServerUrl.name, () => {
  const rules = { allowPrivate: false };

  it('refuses loopback, private, link-local and unspecified addresses unless allowed', async () => {
    for (const url of ['http://127.0.0.1:5232/', 'https://10.1.2.3/', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/', 'https://[fd00::1]/', 'https://0.0.0.0/', 'https://[::ffff:127.0.0.1]/']) {
      expect(await refusedServerUrl(url, rules)).toBe('must be a public address');
    }
    expect(await refusedServerUrl('http://127.0.0.1:5232/', { allowPrivate: true })).toBeNull();
    expect(await refusedServerUrl('https://8.8.8.8/dav/', rules)).toBeNull();
  });

  it('refuses what is no http(s) URL, credentials in it, and plain http where https is asked for', async () => {
    expect(await refusedServerUrl('not a url', rules)).toBe('is not a URL');
    expect(await refusedServerUrl('ftp://8.8.8.8/', rules)).toBe('must be an http or https URL');
    expect(await refusedServerUrl('https://u:p@8.8.8.8/', rules)).toBe('must not hold credentials');
    expect(await refusedServerUrl('http://8.8.8.8/', { allowPrivate: false, httpsOnly: true })).toBe('must be an https URL');
    expect(await refusedServerUrl('https://no-such-host.invalid/', rules)).toBe('names a host that does not resolve');
  });
});
