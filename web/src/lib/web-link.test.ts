import { describe, expect, it } from 'vitest';
import { isWebLink } from './web-link';

describe('isWebLink', () => {
  it('accepts http and https only', () => {
    expect(isWebLink('https://cdn.example.com/a.jpg')).toBe(true);
    expect(isWebLink('http://example.com')).toBe(true);
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox(1)', 'ftp://x', '/relative', '', null, undefined]) {
      expect(isWebLink(url), String(url)).toBe(false);
    }
  });
});
