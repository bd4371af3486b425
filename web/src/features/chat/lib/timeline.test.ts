import { describe, expect, it } from 'vitest';
import type { Message } from '../api/list-contact-timeline';
import { assignmentItems } from './assignment-items';
import { inTimeOrder, withoutDuplicateSystemItems } from './timeline';

function message(overrides: Partial<Message>): Message {
  return {
    id: 'm',
    conversationId: 'c-ig',
    channel: 'instagram',
    direction: 'inbound',
    type: 'text',
    text: null,
    status: 'received',
    error: null,
    sentBy: 'customer',
    authorId: null,
    at: 0,
    createdAt: 0,
    payload: {},
    ...overrides,
  };
}

describe('the contact timeline', () => {
  it('shows a merge written into both conversations once', () => {
    const items = [
      message({ id: 'a', direction: 'system', type: 'merge', payload: { mergeId: 'mg1' } }),
      message({ id: 'b', direction: 'system', type: 'merge', channel: 'whatsapp', payload: { mergeId: 'mg1' } }),
      message({ id: 'c', direction: 'system', type: 'merge_request', payload: { mergeRequestId: 'r1' } }),
      message({ id: 'd', direction: 'system', type: 'merge_request', payload: { mergeRequestId: 'r1' } }),
      message({ id: 'e', text: 'Hi' }),
    ];
    expect(withoutDuplicateSystemItems(items).map((m) => m.id)).toEqual(['a', 'c', 'e']);
  });

  it('orders by the platform time, and automation lines of one millisecond by their order', () => {
    const items = [
      message({ id: 'later', at: 20 }),
      message({ id: 'step', at: 10, type: 'automation', direction: 'system', payload: { automation: { order: 3 } } }),
      message({ id: 'started', at: 10, type: 'automation', direction: 'system', payload: { automation: { order: 0 } } }),
      message({ id: 'first', at: 5 }),
    ];
    expect(inTimeOrder(items).map((m) => m.id)).toEqual(['first', 'started', 'step', 'later']);
  });

  it('turns assignments from the audit trail into lines on the right channel', () => {
    const names = new Map([['u1', 'Maria']]);
    const channelOf = (id: string) => (id === 'c-wa' ? ('whatsapp' as const) : undefined);
    const items = assignmentItems(
      [
        { id: 1, actorType: 'user', actorId: 'u1', action: 'conversation.assigned', subjectType: 'conversation', subjectId: 'c-wa', data: { assigneeId: 'u1' }, createdAt: 7 },
        { id: 2, actorType: 'user', actorId: 'u1', action: 'invite.sent', subjectType: 'invite', subjectId: 'i', createdAt: 8 },
        { id: 3, actorType: 'automation', actorId: null, action: 'conversation.assigned', subjectType: 'conversation', subjectId: 'c-gone', createdAt: 9 },
      ],
      channelOf,
      names,
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ channel: 'whatsapp', at: 7, direction: 'system', text: 'Maria assigned the conversation to themself.' });
  });
});
