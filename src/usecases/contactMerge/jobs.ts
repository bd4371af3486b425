import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/** Look for a WhatsApp invite code in an inbound WhatsApp message. Key: invite.detect:<messageId>. */
export const detectInviteCodeJob = defineJobKind('invite.detect', z.object({ messageId: z.string().min(1) }));

/** Check the invite code an ig.me link carried to Instagram (its ref). Key: invite.referral:<messageId>. */
export const detectInstagramReferralJob = defineJobKind('invite.referral', z.object({ messageId: z.string().min(1) }));

/** Mark an invite expired when its time is up, if the customer never used it. Key: invite.expire:<inviteId>. */
export const expireInviteJob = defineJobKind('invite.expire', z.object({ inviteId: z.string().min(1), workspaceId: z.string().min(1) }));

/** The customer tapped "Not me" under a link notice (Instagram quick reply or WhatsApp reply button). Key: merge.dispute:<messageId>. */
export const disputeMergeJob = defineJobKind('merge.dispute', z.object({ messageId: z.string().min(1) }));
