import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/** Fetch an Instagram customer's profile (name, username). Key: profile:<identityId>. */
export const fetchProfileJob = defineJobKind('profile.fetch', z.object({ identityId: z.string().min(1) }));

/**
 * Apply a WhatsApp status that arrived before Braid knew its wamid (Meta can report a send before
 * the send call has returned). Retried briefly.
 */
export const applyLateStatusJob = defineJobKind(
  'message.status.late',
  z.object({
    workspaceId: z.string().min(1),
    channelId: z.string().min(1),
    // Written by the ingest from an already-parsed event; only its shape is re-checked here.
    event: z.looseObject({ kind: z.literal('status'), externalId: z.string().min(1), status: z.enum(['sent', 'delivered', 'read', 'failed']) }),
  }),
);
