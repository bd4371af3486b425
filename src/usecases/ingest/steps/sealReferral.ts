import type { Referral } from '../../../channels/events';
import { sealReferralRef } from '../../../domain/contactMerge/inviteCode';

/**
 * An ig.me ref shaped like an invite code is a secret until it is checked: the stored referral
 * keeps it masked plus its hash (what the referral job compares), never the code itself.
 * Null when there is no such ref (no referral, or an ad's or campaign's ref, kept as it came).
 */
export function sealReferral(referral: Referral | undefined): { referral: Referral & { refHash: string } } | null {
  const sealed = sealReferralRef(referral?.ref);
  if (!referral || !sealed) return null;
  return { referral: { ...referral, ref: sealed.shown, refHash: sealed.hash } };
}
