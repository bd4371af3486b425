import type { Repositories } from '../../../store/store';
import { resumeChannelSendsJob } from '../jobs';

/**
 * A channel works again (new token): it is marked healthy and one job sends every message that
 * waited for it. One job, not one per message, because the worker runs jobs side by side and the
 * customer must get them in the order they were written.
 */
export async function resumeChannelSends(repos: Repositories, channelId: string, now: number): Promise<void> {
  await repos.channels.setStatus(channelId, 'connected', null);
  await repos.jobs.enqueue(resumeChannelSendsJob.of({ channelId }, { key: `channel.resume:${channelId}:${now}` }), now);
}
