import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/** Re-read a WhatsApp channel's message templates from Meta. Key: whatsapp.templates:<channelId>:<slot>. */
export const syncTemplatesJob = defineJobKind('whatsapp.templates.sync', z.object({ workspaceId: z.string().min(1), channelId: z.string().min(1) }));

/** Templates change rarely (Meta reviews them in minutes to days): four reads a day keep the list fresh. */
export const TEMPLATE_SYNC_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** One job per channel and interval slot, so restarts and retries never stack up schedules. */
export function syncTemplatesJobAt(input: { workspaceId: string; channelId: string }, runAt: number) {
  const slot = Math.floor(runAt / TEMPLATE_SYNC_INTERVAL_MS);
  return syncTemplatesJob.of(input, { key: `whatsapp.templates:${input.channelId}:${slot}`, runAt });
}
