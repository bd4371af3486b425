import { describe, expect, it } from 'vitest';
import type { Step } from '../api/automation-schema';
import { linesToPairs, moveStep, removeStep, targetToText, textToTarget } from './steps';

/** The default "Hi" shape in miniature: 0 ask, 1 wait, 2 branch (→3 or →4), 3 invite, 4 stop. */
const steps: Step[] = [
  { type: 'send_quick_replies', text: 'How?', replies: [] },
  { type: 'wait', untilReply: true, timeoutSeconds: 60, onTimeout: 4 },
  { type: 'branch', cases: [{ match: { payload: 'WA' }, goTo: 3 }], otherwise: 4 },
  { type: 'send_whatsapp_invite' },
  { type: 'stop' },
];

describe('step targets follow their steps', () => {
  it('moving a step down rewrites every pointer to the steps that moved', () => {
    const moved = moveStep(steps, 3, 4); // invite and stop swap places
    expect(moved.map((s) => s.type)).toEqual(['send_quick_replies', 'wait', 'branch', 'stop', 'send_whatsapp_invite']);
    expect(moved[1]!.onTimeout).toBe(3);
    expect(moved[2]!.cases).toEqual([{ match: { payload: 'WA' }, goTo: 4 }]);
    expect(moved[2]!.otherwise).toBe(3);
  });

  it('moving past either end changes nothing', () => {
    expect(moveStep(steps, 0, -1)).toBe(steps);
    expect(moveStep(steps, 4, 5)).toBe(steps);
  });

  it('removing a step shifts later pointers and turns pointers to it into stop', () => {
    const removed = removeStep(steps, 3);
    expect(removed.map((s) => s.type)).toEqual(['send_quick_replies', 'wait', 'branch', 'stop']);
    expect(removed[2]!.cases).toEqual([{ match: { payload: 'WA' }, goTo: 'stop' }]);
    expect(removed[2]!.otherwise).toBe(3);
    expect(removed[1]!.onTimeout).toBe(3);
  });
});

describe('targets as people type them', () => {
  it('counts steps from 1 on screen and from 0 in the API', () => {
    expect(targetToText(0)).toBe('1');
    expect(targetToText('stop')).toBe('stop');
    expect(textToTarget('5')).toBe(4);
    expect(textToTarget(' Stop ')).toBe('stop');
    expect(textToTarget('')).toBe('stop');
  });

  it('passes anything else through, so the API can say what is wrong with it', () => {
    expect(textToTarget('0')).toBe('0');
    expect(textToTarget('next')).toBe('next');
  });

  it('reads "Title | value" lines, skipping blank ones', () => {
    expect(linesToPairs('Talk to an agent | TALK\n\n  Other  ')).toEqual([
      { title: 'Talk to an agent', value: 'TALK' },
      { title: 'Other', value: 'Other' },
    ]);
  });
});
