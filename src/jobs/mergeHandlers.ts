import type { AppContext } from '../context';
import { detectInviteCode } from '../usecases/contactMerge/detectInviteCode';
import { expireInvite } from '../usecases/contactMerge/expireInvite';
import { disputeMerge } from '../usecases/contactMerge/disputeMerge';
import { detectInstagramReferral } from '../usecases/contactMerge/detectInstagramReferral';
import { detectInstagramReferralJob, detectInviteCodeJob, disputeMergeJob, expireInviteJob } from '../usecases/contactMerge/jobs';
import { handle } from './handle';
import type { JobHandlers } from './worker';

/**
 * The invite jobs: every new inbound WhatsApp text is checked for a code, and every ig.me ref that
 * looks like one; an unused invite expires
 * on time; a customer's Not me undoes the merge it names.
 */
export function mergeJobHandlers(ctx: AppContext): JobHandlers {
  return {
    ...handle(detectInviteCodeJob, async (payload) => {
      const result = await detectInviteCode(ctx, payload);
      if (result.outcome !== 'ignored') ctx.logger.info({ messageId: payload.messageId, ...result }, 'invite code checked');
    }),
    ...handle(detectInstagramReferralJob, async (payload) => {
      const result = await detectInstagramReferral(ctx, payload);
      if (result.outcome !== 'ignored') ctx.logger.info({ messageId: payload.messageId, ...result }, 'Instagram link checked');
    }),
    ...handle(expireInviteJob, async (payload) => {
      await expireInvite(ctx, payload);
    }),
    ...handle(disputeMergeJob, async (payload) => {
      const result = await disputeMerge(ctx, payload);
      if (result.outcome !== 'ignored') ctx.logger.info({ messageId: payload.messageId, ...result }, 'Not me answered');
    }),
  };
}
