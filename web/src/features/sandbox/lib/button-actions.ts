import type { SandboxButton } from '../api/types';

/**
 * What tapping a button on the customer's phone does, decided only from what the Graph API
 * received, as a phone would: a wa.me link to the business opens its WhatsApp chat with the
 * `text` pre-filled; an ig.me link opens Instagram on that account's chat (the platform tells
 * Braid with a referral); any other web link opens in the browser; a button the phone cannot make
 * sense of (no title, no URL, a wa.me link to another number or with a garbled text) is broken.
 */
export type ButtonAction =
  | { kind: 'open-whatsapp'; text: string }
  | { kind: 'open-instagram'; url: string }
  | { kind: 'open-url'; url: string }
  | { kind: 'instagram-postback'; payload: string }
  | { kind: 'whatsapp-reply'; id: string }
  | { kind: 'share-phone' }
  | { kind: 'broken'; reason: string };

export const BROKEN_BUTTON_MESSAGE = "This button can't be opened";

const WHATSAPP_HOSTS = new Set(['wa.me', 'www.wa.me', 'api.whatsapp.com']);
const INSTAGRAM_HOSTS = new Set(['ig.me']);

export function buttonAction(button: SandboxButton, businessPhoneDigits: string): ButtonAction {
  if (!button.title.trim() || button.title === 'undefined') return broken('the button has no title');
  switch (button.kind) {
    case 'web_url':
    case 'cta_url':
      return linkAction(button.url, businessPhoneDigits);
    case 'postback':
      return button.payload ? { kind: 'instagram-postback', payload: button.payload } : broken('the button has no payload');
    case 'reply':
      if (button.id === 'contact_request') return { kind: 'share-phone' };
      return button.id ? { kind: 'whatsapp-reply', id: button.id } : broken('the button has no id');
    default:
      return broken(`"${button.kind}" is not a button type this phone knows`);
  }
}

function linkAction(url: string | undefined, businessPhoneDigits: string): ButtonAction {
  if (!url) return broken('the button has no URL');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return broken('the URL is not valid');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return broken('the URL is not a web address');
  if (INSTAGRAM_HOSTS.has(parsed.hostname)) {
    return /^\/m\/[A-Za-z0-9._]{1,30}\/?$/.test(parsed.pathname) ? { kind: 'open-instagram', url } : broken('the Instagram link names no account');
  }
  if (!WHATSAPP_HOSTS.has(parsed.hostname)) return { kind: 'open-url', url: parsed.toString() };

  const number = parsed.hostname === 'api.whatsapp.com' ? parsed.searchParams.get('phone') ?? '' : parsed.pathname.slice(1);
  if (!/^\d{6,15}$/.test(number)) return broken('the WhatsApp link has no valid number');
  if (number !== businessPhoneDigits.replace(/\D/g, '')) return broken('the WhatsApp link is for another number');
  const text = queryParameter(parsed.search, 'text');
  if (text === undefined) return broken('the WhatsApp link carries a garbled text');
  return { kind: 'open-whatsapp', text };
}

/**
 * The decoded value of one query parameter, exactly as the link carries it ('' when absent),
 * or undefined when its percent-encoding is broken (a phone would refuse such a link).
 */
export function queryParameter(search: string, name: string): string | undefined {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const separator = pair.indexOf('=');
    const key = separator === -1 ? pair : pair.slice(0, separator);
    if (key !== name) continue;
    try {
      return decodeURIComponent(pair.slice(separator + 1).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  }
  return '';
}

function broken(reason: string): ButtonAction {
  return { kind: 'broken', reason };
}
