import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/** Send a channel's waiting messages, one after the other, once its token works again. Key: channel.resume:<channelId>:<time>. */
export const resumeChannelSendsJob = defineJobKind('channel.resume_sends', z.object({ channelId: z.string().min(1) }));
