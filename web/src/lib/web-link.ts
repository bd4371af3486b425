/**
 * Whether a URL from a message may become a link or an image source: only http and https.
 * A customer's or a forged webhook's `javascript:`, `data:` or `vbscript:` URL is shown as text.
 */
export function isWebLink(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
