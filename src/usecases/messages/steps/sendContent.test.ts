import { describe, expect, it } from 'vitest';
import { InstagramGraphClient } from '../../../channels/instagram/graphClient';
import { WhatsAppGraphClient } from '../../../channels/whatsapp/graphClient';
import type { OutboundContent } from '../../../domain/messaging/outbound';
import type { Identity } from '../../../store/repositories/identities';
import { sendContent, UnsendableContentError } from './sendContent';

/** Records the Graph request each content becomes; answers like Meta's send endpoint. */
function recordingClients() {
  const requests: { url: string; body: any }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    requests.push({ url, body: JSON.parse(String(init?.body)) });
    return new Response(JSON.stringify({ message_id: 'mid.1', messages: [{ id: 'wamid.1' }] }), { status: 200 });
  };
  return {
    requests,
    graph: {
      instagram: new InstagramGraphClient({ apiUrl: 'https://graph.test/v25.0', accountId: 'IG', accessToken: 't', fetch }),
      whatsapp: new WhatsAppGraphClient({ apiUrl: 'https://graph.test/v25.0', phoneNumberId: 'PN', accessToken: 't', fetch }),
    },
  };
}

const identity = (kind: 'instagram' | 'whatsapp', keys: { externalId?: string; phone?: string }): Identity => ({
  id: 'i', workspaceId: 'w', contactId: 'c', channelId: 'ch', kind, externalId: keys.externalId ?? null, phone: keys.phone ?? null,
  username: null, displayName: null, profileFetchedAt: null, createdAt: 0,
});

const ig = identity('instagram', { externalId: '1234567890123456' });
const waPhone = identity('whatsapp', { externalId: 'PT.1', phone: '351912345678' });
const waUser = identity('whatsapp', { externalId: 'PT.1' });

async function bodyOf(who: Identity, content: OutboundContent) {
  const { graph, requests } = recordingClients();
  await sendContent(graph, who, content);
  return requests[0];
}

describe('sendContent', () => {
  it('builds Instagram sends: text, quick replies, button template, attachment', async () => {
    expect(await bodyOf(ig, { kind: 'text', text: 'hello' })).toEqual({
      url: 'https://graph.test/v25.0/IG/messages',
      body: { recipient: { id: ig.externalId }, messaging_type: 'RESPONSE', message: { text: 'hello' } },
    });
    expect((await bodyOf(ig, { kind: 'quick_replies', text: 'Pick', replies: [{ title: 'A', payload: 'PA' }] })).body.message).toEqual({
      text: 'Pick', quick_replies: [{ content_type: 'text', title: 'A', payload: 'PA' }],
    });
    const buttons = [{ type: 'web_url' as const, title: 'Connect', url: 'https://wa.me/1?text=x' }];
    expect((await bodyOf(ig, { kind: 'buttons', text: 'Go', buttons })).body.message).toEqual({
      attachment: { type: 'template', payload: { template_type: 'button', text: 'Go', buttons } },
    });
    expect((await bodyOf(ig, { kind: 'attachment', type: 'video', url: 'https://x.test/v.mp4' })).body.message).toEqual({
      attachment: { type: 'video', payload: { url: 'https://x.test/v.mp4' } },
    });
  });

  it('builds WhatsApp sends, by phone when known and by user id otherwise', async () => {
    expect((await bodyOf(waPhone, { kind: 'text', text: 'hi' })).body).toMatchObject({ to: '+351912345678', type: 'text', text: { body: 'hi' } });
    const byUser = (await bodyOf(waUser, { kind: 'text', text: 'hi' })).body;
    expect(byUser).toMatchObject({ recipient: 'PT.1', type: 'text' });
    expect(byUser.to).toBeUndefined();
    expect((await bodyOf(waPhone, { kind: 'buttons', text: 'Choose', buttons: [{ type: 'postback', title: 'Yes', payload: 'Y' }] })).body.interactive).toEqual({
      type: 'button', body: { text: 'Choose' }, action: { buttons: [{ type: 'reply', reply: { id: 'Y', title: 'Yes' } }] },
    });
    const links = (await bodyOf(waPhone, { kind: 'buttons', text: 'Links', buttons: [{ type: 'web_url', title: 'A', url: 'https://a.test' }, { type: 'web_url', title: 'B', url: 'https://b.test' }] })).body;
    expect(links).toMatchObject({ type: 'text', text: { body: 'Links\n\nA: https://a.test\nB: https://b.test', preview_url: true } });
    expect((await bodyOf(waPhone, { kind: 'attachment', type: 'file', url: 'https://x.test/f.pdf', caption: 'Invoice' })).body).toMatchObject({
      type: 'document', document: { link: 'https://x.test/f.pdf', caption: 'Invoice' },
    });
  });

  it('refuses what a channel cannot carry, without calling Meta', async () => {
    const { graph, requests } = recordingClients();
    await expect(sendContent(graph, ig, { kind: 'contact_request', text: 'number?' })).rejects.toBeInstanceOf(UnsendableContentError);
    const replies = Array.from({ length: 4 }, (_, i) => ({ title: `R${i}`, payload: `P${i}` }));
    await expect(sendContent(graph, waPhone, { kind: 'quick_replies', text: 'Pick', replies })).rejects.toBeInstanceOf(UnsendableContentError);
    await expect(sendContent(graph, identity('whatsapp', {}), { kind: 'text', text: 'x' })).rejects.toBeInstanceOf(UnsendableContentError);
    expect(requests).toEqual([]);
  });
});
