import { describe, expect, it } from 'vitest';
import { parseWhatsAppWebhook } from './webhook';
import type { InboundEvent, MessageEvent } from '../events';

const WABA = '102290129340398';
const PHONE_ID = '106540352242922';
const BSUID = 'PT.8812736451209';
const PHONE = '351912345678';
const TS = '1767225661';

type Json = Record<string, unknown>;
function delivery(value: Json) {
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: WABA,
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID },
          ...value,
        },
      }],
    }],
  };
}
const contact = { profile: { name: 'Ana Souza' }, wa_id: PHONE, user_id: BSUID };
const msg = (type: string, body: Json, id = 'wamid.A1') => ({ from: PHONE, from_user_id: BSUID, id, timestamp: TS, type, ...body });
function parsed(json: unknown): InboundEvent[] {
  const result = parseWhatsAppWebhook(json);
  if (!result.ok) throw new Error(result.reason);
  expect(result.rejected).toEqual([]);
  return result.events;
}
const one = (type: string, body: Json) => {
  const list = parsed(delivery({ contacts: [contact], messages: [msg(type, body)] }));
  expect(list).toHaveLength(1);
  return list[0] as MessageEvent;
};

describe('parseWhatsAppWebhook: messages', () => {
  it('parses a text with phone and BSUID, in milliseconds, keyed by wamid', () => {
    const result = parseWhatsAppWebhook(delivery({ contacts: [contact], messages: [msg('text', { text: { body: 'Link my Instagram [ref:IGW-7K3Q9P]' } })] }));
    expect(result).toEqual({
      ok: true,
      accountIds: [PHONE_ID],
      rejected: [],
      events: [{
        channel: 'whatsapp',
        accountId: PHONE_ID,
        timestamp: 1767225661000,
        customer: { bsuid: BSUID, phone: '+351912345678', name: 'Ana Souza' },
        kind: 'message',
        externalId: 'wamid.A1',
        direction: 'inbound',
        messageType: 'text',
        text: 'Link my Instagram [ref:IGW-7K3Q9P]',
        payload: { attachments: [] },
        eventKey: 'wa:message:wamid.A1',
      }],
    });
  });

  it('handles a username user with no phone (BSUID only) and a phone-only sender', () => {
    const [bsuidOnly] = parsed(delivery({
      contacts: [{ profile: { name: 'Ana', username: 'ana.s' }, user_id: BSUID }],
      messages: [{ from_user_id: BSUID, id: 'wamid.B', timestamp: TS, type: 'text', text: { body: 'hi' } }],
    }));
    expect(bsuidOnly.customer).toEqual({ bsuid: BSUID, name: 'Ana', username: 'ana.s' });

    const [phoneOnly] = parsed(delivery({
      contacts: [{ profile: { name: 'Old' }, wa_id: PHONE }],
      messages: [{ from: PHONE, id: 'wamid.C', timestamp: TS, type: 'text', text: { body: 'hi' } }],
    }));
    expect(phoneOnly.customer).toEqual({ phone: '+351912345678', name: 'Old' });
  });

  it('parses buttons, interactive replies and their context', () => {
    const button = one('button', { button: { payload: 'YES_PAYLOAD', text: 'Yes' }, context: { from: '15550783881', id: 'wamid.T' } });
    expect(button).toMatchObject({ messageType: 'button', text: 'Yes', payload: { quickReplyPayload: 'YES_PAYLOAD', replyTo: { externalId: 'wamid.T' } } });

    const br = one('interactive', { interactive: { type: 'button_reply', button_reply: { id: 'merge-ok', title: 'Merge' } } });
    expect(br).toMatchObject({ messageType: 'interactive', text: 'Merge', payload: { interactive: { type: 'button_reply', id: 'merge-ok', title: 'Merge' } } });

    const lr = one('interactive', { interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Row', description: 'd' } } });
    expect(lr.payload.interactive).toMatchObject({ type: 'list_reply', id: 'r1', description: 'd' });

    const nfm = one('interactive', { interactive: { type: 'nfm_reply', nfm_reply: { response_json: '{"a":1}', body: 'Sent', name: 'flow' } } });
    expect(nfm.payload.interactive).toMatchObject({ type: 'nfm_reply', responseJson: '{"a":1}' });
  });

  it('parses media with id, mime type, base64 sha256, caption and optional url', () => {
    const image = one('image', { image: { id: 'media-1', mime_type: 'image/jpeg', sha256: 'q2Fz+w==', caption: 'receipt' } });
    expect(image).toMatchObject({ messageType: 'image', payload: { attachments: [{ type: 'image', mediaId: 'media-1', mimeType: 'image/jpeg', sha256: 'q2Fz+w==', caption: 'receipt' }] } });
    expect(image.payload.attachments[0].url).toBeUndefined();
    const doc = one('document', { document: { id: 'media-2', mime_type: 'application/pdf', filename: 'a.pdf', url: 'https://lookaside/x' } });
    expect(doc).toMatchObject({ messageType: 'file', payload: { attachments: [{ type: 'file', filename: 'a.pdf', url: 'https://lookaside/x' }] } });
    expect(one('audio', { audio: { id: 'm3', voice: true } }).payload.attachments[0]).toMatchObject({ type: 'audio', voice: true });
    expect(one('video', { video: { id: 'm4' } }).messageType).toBe('video');
    expect(one('sticker', { sticker: { id: 'm5', animated: false } }).messageType).toBe('sticker');
  });

  it('parses locations and shared contacts, and a contact_request answer fills the phone', () => {
    const loc = one('location', { location: { latitude: 38.72, longitude: -9.14, name: 'Shop' } });
    expect(loc.payload.location).toMatchObject({ latitude: 38.72, longitude: -9.14, name: 'Shop' });

    const [shared] = parsed(delivery({
      contacts: [{ profile: { name: 'Ana' }, user_id: BSUID }],
      messages: [{
        from_user_id: BSUID, id: 'wamid.CR', timestamp: TS, type: 'contacts', origin: 'contact_request',
        contacts: [{ name: { formatted_name: 'Ana Souza' }, phones: [{ phone: '+351 912 345 678', wa_id: PHONE, type: 'CELL' }] }],
      }],
    })) as MessageEvent[];
    expect(shared.messageType).toBe('contacts');
    expect(shared.payload.contactRequestReply).toBe(true);
    expect(shared.customer).toEqual({ bsuid: BSUID, name: 'Ana', phone: '+351912345678' });

    // A plain contact card someone forwards is not the customer's own number.
    const card = one('contacts', { contacts: [{ name: { formatted_name: 'Bob' }, phones: [{ phone: '+1 555 0100' }] }] });
    expect(card.payload.contactRequestReply).toBeUndefined();
    expect(card.customer.phone).toBe('+351912345678');
  });

  it('turns reactions into reaction events (empty emoji = unreact)', () => {
    const list = parsed(delivery({
      contacts: [contact],
      messages: [
        msg('reaction', { reaction: { message_id: 'wamid.OUT', emoji: '👍' } }, 'wamid.R1'),
        msg('reaction', { reaction: { message_id: 'wamid.OUT' } }, 'wamid.R2'),
      ],
    }));
    expect(list).toMatchObject([
      { kind: 'reaction', externalId: 'wamid.OUT', action: 'react', emoji: '👍', eventKey: 'wa:reaction:wamid.R1' },
      { kind: 'reaction', externalId: 'wamid.OUT', action: 'unreact', emoji: undefined },
    ]);
  });

  it('turns system messages into identity changes with old and new ids', () => {
    const [number] = parsed(delivery({
      messages: [{
        from: PHONE, from_user_id: 'PT.NEW1', id: 'wamid.S1', timestamp: TS, type: 'system',
        system: { body: 'User Ana changed from 351912345678 to 351934567890', wa_id: '351934567890', type: 'user_changed_number', user_id: 'PT.NEW1', previous_user_id: BSUID },
      }],
    }));
    expect(number).toMatchObject({
      kind: 'identity_changed',
      change: 'user_changed_number',
      previous: { phone: '+351912345678', bsuid: BSUID },
      current: { phone: '+351934567890', bsuid: 'PT.NEW1' },
    });
    const [userId] = parsed(delivery({
      messages: [{
        from_user_id: 'PT.NEW2', id: 'wamid.S2', timestamp: TS, type: 'system',
        system: { body: 'changed', type: 'user_changed_user_id', user_id: 'PT.NEW2', previous_user_id: BSUID },
      }],
    }));
    expect(userId).toMatchObject({ change: 'user_changed_user_id', previous: { bsuid: BSUID }, current: { bsuid: 'PT.NEW2' } });
  });

  it('keeps unsupported and unknown types as unsupported messages with Meta errors', () => {
    const u = one('unsupported', { errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown' }] });
    expect(u).toMatchObject({ messageType: 'unsupported', payload: { errors: [{ code: 131051 }] } });
    expect(one('hologram', { hologram: { x: 1 } })).toMatchObject({ messageType: 'unsupported', payload: { raw: { hologram: { x: 1 } } } });
  });
});

describe('parseWhatsAppWebhook: statuses, batches and rejects', () => {
  it('parses phone-addressed and BSUID-addressed statuses and failures', () => {
    const list = parsed(delivery({
      statuses: [
        { id: 'wamid.O1', status: 'sent', timestamp: TS, recipient_id: PHONE, pricing: { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' } },
        { id: 'wamid.O2', status: 'delivered', timestamp: TS, recipient_user_id: BSUID, contacts: [{ user_id: BSUID, profile: { username: 'ana.s' } }] },
        { id: 'wamid.O3', status: 'failed', timestamp: TS, recipient_user_id: BSUID, errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'More than 24 hours have passed' } }] },
        { id: 'wamid.O4', status: 'played', timestamp: TS, recipient_id: PHONE },
      ],
    }));
    expect(list).toMatchObject([
      { kind: 'status', externalId: 'wamid.O1', status: 'sent', customer: { phone: '+351912345678' }, eventKey: 'wa:status:wamid.O1:sent' },
      { status: 'delivered', customer: { bsuid: BSUID, username: 'ana.s' } },
      { status: 'failed', error: { code: 131047, details: 'More than 24 hours have passed' } },
      { status: 'read' },
    ]);
    expect(list[1].customer.phone).toBeUndefined();
  });

  it('loops over several entries, changes, messages and statuses in one POST', () => {
    const change = (id: string, extra: Json) => ({ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: PHONE_ID }, ...extra, id } });
    const json = {
      object: 'whatsapp_business_account',
      entry: [
        { id: WABA, changes: [change('1', { contacts: [contact], messages: [msg('text', { text: { body: 'a' } }, 'w1'), msg('text', { text: { body: 'b' } }, 'w2')], statuses: [{ id: 'w0', status: 'read', timestamp: TS, recipient_id: PHONE }] })] },
        { id: WABA, changes: [change('2', { messages: [msg('text', { text: { body: 'c' } }, 'w3')] }), { field: 'message_template_status_update', value: {} }] },
      ],
    };
    const result = parseWhatsAppWebhook(json);
    expect(result.ok && result.events.map((e) => ('externalId' in e ? e.externalId : ''))).toEqual(['w1', 'w2', 'w0', 'w3']);
    expect(result.ok && result.rejected).toEqual([{ reason: expect.stringContaining('message_template_status_update') }]);
  });

  it('rejects broken items with a reason while keeping the valid ones', () => {
    const result = parseWhatsAppWebhook(delivery({
      messages: [
        msg('text', { text: { body: 'fine' } }, 'ok1'),
        { id: 'x1', timestamp: TS, type: 'text', text: { body: 'nobody' } },
        msg('text', { text: {} }, 'x2'),
        msg('text', { text: { body: 'bad time' }, timestamp: 'yesterday' }, 'x3'),
      ],
      statuses: [{ id: 'x4', status: 'exploded', timestamp: TS }],
    }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events.map((e) => ('externalId' in e ? e.externalId : ''))).toEqual(['ok1']);
    expect(result.rejected).toHaveLength(4);
    expect(result.rejected[0].reason).toMatch(/messages\[1\].*from/);
  });

  it('says no to other objects', () => {
    for (const value of [undefined, 'x', { object: 'instagram', entry: [] }, { entry: [] }]) {
      expect(parseWhatsAppWebhook(value)).toMatchObject({ ok: false });
    }
  });
});
