import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../../src-main/app/security/app-origin';
import { isAllowedExternalUrl } from '../../../../src-main/app/security/external-urls';
import { isTrustedSender } from '../../../../src-main/app/security/sender-check';

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('isTrustedSender', () => {
  it('accepts the top frame of an app page', () => {
    expect(isTrustedSender(frame('mnemo://app/index.html'))).toBe(true);
    expect(isTrustedSender(frame('mnemo://app/index.html#/studies/3'))).toBe(true);
  });

  it('refuses other origins, file URLs, subframes and missing frames', () => {
    expect(isTrustedSender(frame('https://evil.example/index.html'))).toBe(false);
    expect(isTrustedSender(frame('file:///work/out/renderer/index.html'))).toBe(false);
    expect(isTrustedSender(frame('mnemo://other/index.html'))).toBe(false);
    expect(isTrustedSender(frame('mnemo://app/index.html', { url: 'mnemo://app/index.html' }))).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
    expect(isTrustedSender(frame('not a url'))).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('matches scheme and host exactly', () => {
    expect(isAppUrl('mnemo://app/')).toBe(true);
    expect(isAppUrl('mnemo://app.evil/')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows https links to allow-listed hosts and their subdomains', () => {
    expect(isAllowedExternalUrl('https://arxiv.org/abs/2412.05767')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.github.com/en')).toBe(true);
  });

  it('refuses other schemes, hosts that merely end with an allowed name, and credentials', () => {
    expect(isAllowedExternalUrl('http://arxiv.org/abs/1')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('https://evilarxiv.org/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });
});
