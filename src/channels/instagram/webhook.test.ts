import { describe, expect, it } from 'vitest';
import { parseInstagramWebhook } from './webhook';
import type { InboundEvent, MessageEvent } from '../events';

const BUSINESS = '17841400000000001';
const CUSTOMER = '1234567890123456';
const T = 1767225600001;

function delivery(...items: Record<string, unknown>[]) {
  return {
    object: 'instagram',
    entry: [{ id: BUSINESS, time: T + 100, messaging: items }],
  };
}
const inbound = (extra: Record<string, unknown>, timestamp = T) => ({
  sender: { id: CUSTOMER },
  recipient: { id: BUSINESS },
  timestamp,
  ...extra,
});

function events(json: unknown): InboundEvent[] {
  const result = parseInstagramWebhook(json);
  if (!result.ok) throw new Error(result.reason);
  expect(result.rejected).toEqual([]);
  return result.events;
}
const only = (json: unknown) => {
  const list = events(json);
  expect(list).toHaveLength(1);
  return list[0];
};
const onlyMessage = (json: unknown) => only(json) as MessageEvent;

describe('parseInstagramWebhook', () => {
  it('parses a text DM with reply_to into an inbound message keyed by mid', () => {
    const event = onlyMessage(
      delivery(inbound({ message: { mid: 'aWdf1', text: 'Hi, do you ship to Lisbon?', reply_to: { mid: 'aWdf0' } } })),
    );
    expect(event).toEqual({
      channel: 'instagram',
      accountId: BUSINESS,
      timestamp: T,
      customer: { igsid: CUSTOMER },
      kind: 'message',
      externalId: 'aWdf1',
      direction: 'inbound',
      messageType: 'text',
      text: 'Hi, do you ship to Lisbon?',
      payload: { attachments: [], replyTo: { externalId: 'aWdf0', storyUrl: undefined, storyId: undefined } },
      eventKey: 'ig:message:aWdf1',
    });
  });

  it('maps every attachment type, stickers included', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['image', { url: 'https://cdn/i.jpg' }, 'image'],
      ['image', { url: 'https://cdn/s.png', sticker_id: 369239263222822 }, 'sticker'],
      ['video', { url: 'https://cdn/v.mp4' }, 'video'],
      ['audio', { url: 'https://cdn/a.mp4' }, 'audio'],
      ['file', { url: 'https://cdn/f.pdf' }, 'file'],
      ['share', { url: 'https://cdn/p' }, 'share'],
      ['ig_reel', { url: 'https://cdn/r', title: 'Reel' }, 'ig_reel'],
      ['reel', { url: 'https://cdn/r2' }, 'ig_reel'],
      ['story_mention', { url: 'https://cdn/st' }, 'story_mention'],
      ['ig_story', { url: 'https://cdn/st2' }, 'story'],
    ];
    for (const [type, payload, expected] of cases) {
      const event = onlyMessage(delivery(inbound({ message: { mid: `m-${type}`, attachments: [{ type, payload }] } })));
      expect(event.messageType).toBe(expected);
      expect(event.payload.attachments[0]).toMatchObject({ type: expected, url: payload.url });
    }
  });

  it('shows a shared post once when it arrives as share + ig_post', () => {
    const payload = { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' };
    const event = onlyMessage(
      delivery(inbound({ message: { mid: 'm-post', attachments: [{ type: 'share', payload }, { type: 'ig_post', payload }] } })),
    );
    expect(event.messageType).toBe('ig_post');
    expect(event.payload.attachments).toEqual([{ type: 'ig_post', url: payload.url }]);
  });

  it('parses quick replies, postbacks, story replies and ad referrals', () => {
    const qr = onlyMessage(delivery(inbound({ message: { mid: 'm-qr', text: 'Yes', quick_reply: { payload: 'YES' } } })));
    expect(qr).toMatchObject({ messageType: 'quick_reply', text: 'Yes', payload: { quickReplyPayload: 'YES' } });

    const pb = onlyMessage(delivery(inbound({ postback: { mid: 'm-pb', title: 'Connect', payload: 'CONNECT' } })));
    expect(pb).toMatchObject({
      kind: 'message',
      externalId: 'm-pb',
      messageType: 'postback',
      text: 'Connect',
      payload: { postback: { title: 'Connect', payload: 'CONNECT' } },
    });

    const story = onlyMessage(
      delivery(inbound({ message: { mid: 'm-st', text: 'love it', reply_to: { story: { url: 'https://cdn/s', id: 42 } } } })),
    );
    expect(story).toMatchObject({ messageType: 'story_reply', payload: { replyTo: { storyUrl: 'https://cdn/s', storyId: '42' } } });

    const ad = onlyMessage(
      delivery(inbound({
        message: {
          mid: 'm-ad',
          text: 'Is this available?',
          referral: { ref: 'spring', ad_id: '6045', source: 'ADS', type: 'OPEN_THREAD', ads_context_data: { ad_title: 'Spring' } },
        },
      })),
    );
    expect(ad.payload.referral).toEqual({ ref: 'spring', adId: '6045', source: 'ADS', type: 'OPEN_THREAD', headline: 'Spring' });
  });

  it('treats echoes as the business speaking to the customer (the recipient)', () => {
    const echo = onlyMessage({
      object: 'instagram',
      entry: [{ id: BUSINESS, time: T, messaging: [{ sender: { id: BUSINESS }, recipient: { id: CUSTOMER }, timestamp: T, message: { mid: 'm-echo', text: 'Hello!', is_echo: true } }] }],
    });
    expect(echo).toMatchObject({ direction: 'echo', customer: { igsid: CUSTOMER }, accountId: BUSINESS, text: 'Hello!' });
  });

  it('parses reactions (no emoji on unreact), reads, deletes, edits, standalone referrals, unsupported', () => {
    const list = events(delivery(
      inbound({ reaction: { mid: 'm1', action: 'react', reaction: 'love', emoji: '❤️' } }, T + 1),
      inbound({ reaction: { mid: 'm1', action: 'unreact', emoji: '❤️' } }, T + 2),
      inbound({ read: { mid: 'm-out-7' } }, T + 3),
      inbound({ message: { mid: 'm2', is_deleted: true } }, T + 4),
      inbound({ message_edit: { mid: 'm3', text: 'fixed typo', num_edit: 1 } }, T + 5),
      inbound({ referral: { ref: 'IGW-7K3Q9P', source: 'IG_ME', type: 'OPEN_THREAD' } }, T + 6),
      inbound({ message: { mid: 'm4', is_unsupported: true } }, T + 7),
      inbound({ optin: { ref: 'x' } }, T + 8),
    ));
    expect(list.map((e) => e.kind)).toEqual(['reaction', 'reaction', 'read', 'deleted', 'edit', 'referral', 'message', 'message']);
    expect(list[0]).toMatchObject({ action: 'react', emoji: '❤️', reaction: 'love', externalId: 'm1' });
    expect(list[1]).toMatchObject({ action: 'unreact', emoji: undefined });
    expect(list[1].eventKey).not.toBe(list[0].eventKey);
    expect(list[2]).toMatchObject({ externalId: 'm-out-7' });
    expect(list[4]).toMatchObject({ text: 'fixed typo', editCount: 1 });
    expect(list[5]).toMatchObject({ referral: { ref: 'IGW-7K3Q9P' } });
    expect(list[6]).toMatchObject({ messageType: 'unsupported', externalId: 'm4' });
    expect(list[7]).toMatchObject({ messageType: 'unsupported', payload: { raw: { optin: { ref: 'x' } } } });
  });

  it('loops over batches of several entries and several messaging items', () => {
    const json = {
      object: 'instagram',
      entry: [
        { id: BUSINESS, time: T, messaging: [inbound({ message: { mid: 'a', text: '1' } }), inbound({ message: { mid: 'b', text: '2' } })] },
        { id: BUSINESS, time: T, messaging: [inbound({ message: { mid: 'c', text: '3' } })] },
        { id: '17841400000000002', time: T, messaging: [inbound({ message: { mid: 'd', text: '4' } })] },
      ],
    };
    const result = parseInstagramWebhook(json);
    expect(result.ok && result.events.map((e) => 'externalId' in e && e.externalId)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.ok && result.accountIds).toEqual([BUSINESS, '17841400000000002']);
  });

  it('rejects a broken item with a reason and keeps the rest of the batch', () => {
    const result = parseInstagramWebhook(delivery(
      inbound({ message: { mid: 'good', text: 'ok' } }),
      { recipient: { id: BUSINESS }, timestamp: T, message: { mid: 'no-sender', text: 'x' } },
      inbound({ message: { text: 'no mid' } }),
    ));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toHaveLength(1);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      expect.stringContaining('entry[0].messaging[1]: sender'),
      expect.stringContaining('entry[0].messaging[2]: message.mid'),
    ]);
  });

  it('falls back to entry.time when an item has no timestamp', () => {
    const event = only({ object: 'instagram', entry: [{ id: BUSINESS, time: T + 9, messaging: [{ sender: { id: CUSTOMER }, recipient: { id: BUSINESS }, message: { mid: 'x', text: 'y' } }] }] });
    expect(event.timestamp).toBe(T + 9);
  });

  it('says no to payloads that are not Instagram webhooks at all', () => {
    for (const value of [null, 42, 'x', [], {}, { object: 'page', entry: [] }, { object: 'whatsapp_business_account', entry: [] }]) {
      expect(parseInstagramWebhook(value)).toMatchObject({ ok: false });
    }
  });
});
