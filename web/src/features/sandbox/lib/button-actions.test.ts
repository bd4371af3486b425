import { describe, expect, it } from 'vitest';
import { buttonAction, queryParameter } from './button-actions';

const business = '15550783881';
const connect = (url: string) => buttonAction({ kind: 'web_url', title: 'Connect', url }, business);

describe('buttonAction', () => {
  it('opens the business chat with the text of a wa.me link, decoded exactly', () => {
    const sentence = 'Link my Instagram: IGW-7K3Q 9P2M & more + 100% 👋';
    expect(connect(`https://wa.me/${business}?text=${encodeURIComponent(sentence)}`)).toEqual({ kind: 'open-whatsapp', text: sentence });
    expect(connect(`https://wa.me/${business}`)).toEqual({ kind: 'open-whatsapp', text: '' });
    expect(connect(`https://api.whatsapp.com/send?phone=${business}&text=Hi+there`)).toEqual({ kind: 'open-whatsapp', text: 'Hi there' });
  });

  it('treats a wa.me link to another number, without a number or with broken encoding as broken', () => {
    expect(connect('https://wa.me/15550000000?text=hi').kind).toBe('broken');
    expect(connect('https://wa.me/?text=hi').kind).toBe('broken');
    expect(connect(`https://wa.me/${business}?text=%E0%A4%A`).kind).toBe('broken');
    expect(connect('not a url').kind).toBe('broken');
    expect(connect('javascript:alert(1)').kind).toBe('broken');
    expect(buttonAction({ kind: 'web_url', title: 'Connect' }, business).kind).toBe('broken');
    expect(buttonAction({ kind: 'web_url', title: '', url: 'https://example.com' }, business).kind).toBe('broken');
    expect(buttonAction({ kind: 'phone_number', title: 'Call' }, business).kind).toBe('broken');
  });

  it('opens other web links, and maps postbacks and reply buttons to their payloads', () => {
    expect(connect('https://example.com/shop')).toEqual({ kind: 'open-url', url: 'https://example.com/shop' });
    expect(buttonAction({ kind: 'postback', title: 'Yes', payload: 'YES' }, business)).toEqual({ kind: 'instagram-postback', payload: 'YES' });
    expect(buttonAction({ kind: 'reply', title: 'Yes', id: 'yes' }, business)).toEqual({ kind: 'whatsapp-reply', id: 'yes' });
    expect(buttonAction({ kind: 'reply', title: 'Share phone number', id: 'contact_request' }, business)).toEqual({ kind: 'share-phone' });
  });
});

describe('queryParameter', () => {
  it('keeps characters URLSearchParams would also keep, and reports broken encodings', () => {
    expect(queryParameter('?a=1&text=a%20b', 'text')).toBe('a b');
    expect(queryParameter('?text=%', 'text')).toBeUndefined();
    expect(queryParameter('?a=1', 'text')).toBe('');
  });
});

describe('ig.me links', () => {
  const open = (url: string) => buttonAction({ kind: 'cta_url', title: 'Open Instagram', url }, business);
  it('open Instagram on the named account, ref and all', () => {
    expect(open('https://ig.me/m/braid.sandbox?ref=7K3Q9PXM2D4R8VNA')).toEqual({ kind: 'open-instagram', url: 'https://ig.me/m/braid.sandbox?ref=7K3Q9PXM2D4R8VNA' });
  });
  it('is broken without an account', () => {
    expect(open('https://ig.me/?ref=x').kind).toBe('broken');
  });
});
