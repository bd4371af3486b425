import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/** Send one outbound message row through the Graph API. Key: send:<messageId>. */
export const sendMessageJob = defineJobKind('message.send', z.object({ messageId: z.string().min(1) }));
