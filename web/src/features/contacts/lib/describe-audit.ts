import type { AuditEvent } from '../api/get-contact-history';

const HOW: Record<string, string> = {
  auto: 'automatically (auto merge)',
  manual: 'by an agent',
  invite: 'through a WhatsApp invite',
  contact_view: 'from the contact view',
};

/** How a merge happened, in words. */
export function describeHow(how: string): string {
  return HOW[how] ?? how;
}

const ACTIONS: Record<string, string> = {
  'invite.sent': 'WhatsApp invite sent',
  'invite.connected': 'Customer connected on WhatsApp with the invite code',
  'invite.merged': 'Invite completed: contacts merged',
  'invite.expired': 'WhatsApp invite expired',
  'invite.superseded': 'WhatsApp invite replaced by a newer one',
  'invite.rejected': 'WhatsApp invite rejected',
  'invite.disputed': 'Customer tapped Not me: the linked WhatsApp account was not theirs',
  'merge_request.created': 'Agent asked to merge',
  'merge_request.accepted': 'Merge request accepted',
  'merge_request.rejected': 'Merge request rejected',
  'contact.merged': 'Contacts merged',
  'contact.unmerged': 'Merge undone',
  'conversation.assigned': 'Conversation assigned',
  'suggestion.dismissed': 'Merge suggestion dismissed',
  'contact.tag_added': 'Tag added',
  'contact.tag_removed': 'Tag removed',
  'note.added': 'Note added',
  'note.edited': 'Note edited',
  'note.deleted': 'Note deleted',
  'contact.exported': 'Customer data downloaded',
  'contact.erased': 'Customer data deleted',
};

/** One audit line: what happened, by whom (agent, automation, customer or Braid). */
export function describeAuditEvent(event: AuditEvent, agentNames: Map<string, string>): { what: string; who: string } {
  const action = ACTIONS[event.action] ?? event.action.replace(/[._]/g, ' ');
  const what = typeof event.data?.tag === 'string' ? `${action}: ${event.data.tag}` : action;
  const who =
    event.actorType === 'user'
      ? (event.actorId && agentNames.get(event.actorId)) || 'an agent'
      : event.actorType === 'automation'
        ? 'an automation'
        : event.actorType === 'customer'
          ? 'the customer'
          : 'Braid';
  return { what, who };
}
