import { describe, expect, it } from 'vitest';
import type { User } from '../../../store/repositories/users';
import { nextInTurn, ONLINE_WITHIN_MS } from './assignFromAutomation';

const NOW = Date.UTC(2026, 10, 27, 12);
const user = (id: string, role: User['role'], lastSeenAt: number | null, createdAt = 0): User => ({
  id, role, lastSeenAt, createdAt, workspaceId: 'w', email: `${id}@x.test`, name: id, disabledAt: null,
});

describe('round robin', () => {
  const ana = user('ana', 'agent', NOW, 1);
  const ben = user('ben', 'agent', NOW, 2);
  const cy = user('cy', 'agent', NOW - ONLINE_WITHIN_MS - 1, 3);
  const boss = user('boss', 'admin', NOW, 0);

  it('starts with the earliest account never assigned, then goes to whoever waited longest', () => {
    expect(nextInTurn([ana, ben], [], NOW)?.id).toBe('ana');
    expect(nextInTurn([ana, ben], ['ana'], NOW)?.id).toBe('ben');
    expect(nextInTurn([ana, ben], ['ben', 'ana'], NOW)?.id).toBe('ana');
    expect(nextInTurn([ana, ben], ['ana', 'ben', 'ana'], NOW)?.id).toBe('ben');
  });

  it('prefers agents who are online, and everyone when nobody is', () => {
    expect(nextInTurn([cy, ana], ['ana'], NOW)?.id).toBe('ana');
    const away = [{ ...ana, lastSeenAt: null }, cy];
    expect(nextInTurn(away, ['cy'], NOW)?.id).toBe('ana');
  });

  it('leaves admins out while there are agents, and uses them when there are none', () => {
    expect(nextInTurn([boss, ana], ['ana'], NOW)?.id).toBe('ana');
    expect(nextInTurn([boss], [], NOW)?.id).toBe('boss');
    expect(nextInTurn([], [], NOW)).toBeUndefined();
  });
});
