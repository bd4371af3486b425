import { describe, expect, it } from 'vitest';
import type { Message } from '../../../store/repositories/messages';
import { customerReplyOf } from './performAutomationStep';
import { describeDuration, quoteText } from './recordRunItem';

describe('how runs read in the thread', () => {
  it('says durations the way a person would', () => {
    expect(describeDuration(1)).toBe('1 second');
    expect(describeDuration(600)).toBe('10 minutes');
    expect(describeDuration(3600)).toBe('1 hour');
    expect(describeDuration(90_000)).toBe('1 day and 1 hour');
    expect(describeDuration(90_061)).toBe('1 day and 1 hour');
    expect(describeDuration(30 * 86_400)).toBe('30 days');
  });

  it('quotes the customer on one short line', () => {
    expect(quoteText('  hi.  ')).toBe('hi.');
    expect(quoteText('line one\nline two')).toBe('line one line two');
    expect(quoteText('x'.repeat(100))).toHaveLength(80);
    expect(quoteText(null)).toBe('');
  });
});

describe("the customer's answer", () => {
  const message = (text: string | null, payload: Record<string, unknown>) => ({ text, payload }) as Message;

  it('reads the payload of an Instagram quick reply, an Instagram postback and a WhatsApp reply button', () => {
    expect(customerReplyOf(message('Talk to an agent', { quickReplyPayload: 'AGENT' }))).toEqual({ text: 'Talk to an agent', payload: 'AGENT' });
    expect(customerReplyOf(message(null, { postback: { title: 'Yes', payload: 'YES' } }))).toEqual({ text: 'Yes', payload: 'YES' });
    expect(customerReplyOf(message(null, { interactive: { type: 'button_reply', id: 'RETURNS', title: 'Returns' } }))).toEqual({ text: 'Returns', payload: 'RETURNS' });
  });

  it('has no payload when the customer typed', () => {
    expect(customerReplyOf(message('whatsapp please', { attachments: [] }))).toEqual({ text: 'whatsapp please', payload: null });
  });
});
