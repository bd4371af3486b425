import type { AppContext } from '../../context';
import { moveInvite } from './steps/moveInvite';

/**
 * Runs when an invite's time is up (a job scheduled at `expiresAt` when it was sent): an invite
 * still waiting for the customer becomes `expired`, so the thread and open UIs show it without
 * anyone reloading. One already connected, merged or replaced is left as it is.
 */
export async function expireInvite(ctx: AppContext, input: { workspaceId: string; inviteId: string }): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const invite = await repos.invites.get(input.workspaceId, input.inviteId);
    if (!invite || invite.state !== 'sent' || invite.expiresAt > now) return false;
    return (await moveInvite(repos, invite, ['sent'], 'expired', { actor: { type: 'system', id: null }, now })) !== null;
  });
}
