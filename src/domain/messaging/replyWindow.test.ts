import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLY_WINDOW_MS, formatUtc, replyWindow, replyWindowClosedMessage, replyWindowError } from './replyWindow';

const last = Date.UTC(2026, 10, 26, 10, 0);
const HOUR = 3_600_000;

describe('replyWindow', () => {
  it('is open for 24 hours after the last inbound message', () => {
    expect(replyWindow(last, last)).toEqual({ open: true, closesAt: last + 24 * HOUR });
    expect(replyWindow(last, last + 24 * HOUR - 1).open).toBe(true);
  });

  it('closes at exactly 24 hours', () => {
    expect(replyWindow(last, last + 24 * HOUR)).toEqual({ open: false, closesAt: last + 24 * HOUR, closedAt: last + 24 * HOUR });
  });

  it('is closed when the customer never wrote', () => {
    expect(replyWindow(null, last)).toEqual({ open: false, closesAt: null });
  });

  it('open exactly when now - last < 24 h', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 42 }), fc.integer({ min: -HOUR, max: 3 * 24 * HOUR }), (t, delta) => {
        const w = replyWindow(t, t + delta);
        expect(w.open).toBe(delta < REPLY_WINDOW_MS);
        expect(w.closesAt).toBe(t + REPLY_WINDOW_MS);
        expect(w.closedAt === undefined).toBe(w.open);
      }),
    );
  });
});

describe('refusal messages', () => {
  it('says when the WhatsApp window closed and why', () => {
    expect(replyWindowClosedMessage('whatsapp', last, last + 30 * HOUR)).toBe(
      "The WhatsApp reply window closed at 2026-11-27 10:00 UTC (24 hours after the customer's last message). " +
        'You can reply again as soon as the customer writes on WhatsApp.',
    );
  });

  it('names Instagram and the never-wrote case', () => {
    expect(replyWindowClosedMessage('instagram', null, last)).toMatch(/not written on Instagram yet/);
    expect(replyWindowClosedMessage('instagram', last, last + HOUR)).toBeNull();
  });

  it('replyWindowError is a 409 with the channel and time', () => {
    const error = replyWindowError('instagram', last, last + 25 * HOUR)!;
    expect(error.status).toBe(409);
    expect(error.code).toBe('reply_window_closed');
    expect(error.message).toMatch(/^The Instagram reply window closed at 2026-11-27 10:00 UTC/);
    expect(error.details).toEqual({ channel: 'instagram', closedAt: last + 24 * HOUR });
    expect(replyWindowError('instagram', last, last + HOUR)).toBeNull();
  });

  it('formatUtc', () => {
    expect(formatUtc(Date.UTC(2026, 0, 2, 3, 4, 59))).toBe('2026-01-02 03:04 UTC');
  });
});
