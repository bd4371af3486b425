/**
 * The job kinds, in one place, so the code that enqueues a job and the handler that runs it
 * agree on the name and the payload.
 */
export const JOB = {
  /** Send one outbound message row through the Graph API. Payload: { messageId }. Key: send:<messageId>. */
  sendMessage: 'message.send',
  /** Fetch an Instagram customer's profile (name, username). Payload: { identityId }. */
  fetchProfile: 'profile.fetch',
  /**
   * Apply a WhatsApp status that arrived before Braid knew its wamid (Meta can report a send before
   * the send call has returned). Payload: { workspaceId, channelId, event }. Retried briefly.
   */
  applyLateStatus: 'message.status.late',
  /** Look for a WhatsApp invite code in an inbound WhatsApp message. Payload: { messageId }. */
  detectInviteCode: 'invite.detect',
  /** Mark an invite expired when its time is up, if the customer never used it. Payload: { inviteId, workspaceId }. Key: invite.expire:<inviteId>. */
  expireInvite: 'invite.expire',
  /** Start an automation if an inbound message matches a trigger. Payload: { messageId }. */
  matchAutomation: 'automation.match',
  /** Run the next step of an automation run. Payload: { runId, stepIndex, seq, timeout? }. Key: run:<runId>:step:<seq>. */
  runAutomationStep: 'automation.step',
} as const;
