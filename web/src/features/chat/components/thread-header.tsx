import { ArrowLeft, PanelRight, UserCheck } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ChannelBadge } from '../../../components/icons/channel-badge';
import { InstagramIcon, WhatsAppIcon } from '../../../components/icons/channel-icons';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/dialog';
import { IconButton } from '../../../components/ui/icon-button';
import { useNotify } from '../../../components/ui/notifications';
import { errorMessage } from '../../../lib/api';
import { useSession } from '../../../lib/session/use-session';
import { useSendInstagramLink, useSendWhatsAppInvite } from '../../merge';
import { useAssignConversation } from '../api/assign-conversation';
import type { ConversationDetail } from '../api/get-conversation';

/**
 * The thread's title (the customer), who it is assigned to, and the guide's actions:
 * **Assign to myself** and the WhatsApp icon (**Send WhatsApp invite**, asks OK / Cancel); in a
 * WhatsApp conversation the same the other way, **Send Instagram link**.
 */
export function ThreadHeader({
  detail,
  contactPanelOpen,
  onToggleContactPanel,
}: {
  detail: ConversationDetail;
  contactPanelOpen: boolean;
  onToggleContactPanel: () => void;
}) {
  const { user } = useSession();
  const notify = useNotify();
  const { conversation, replyChannels } = detail;
  const assign = useAssignConversation();
  const invite = useSendWhatsAppInvite();
  const [confirmInvite, setConfirmInvite] = useState(false);
  const instagramLink = useSendInstagramLink();
  const [confirmLink, setConfirmLink] = useState(false);
  const [assignError, setAssignError] = useState<string | null>(null);
  const assignedToMe = conversation.assignee?.id === user.id;
  // The invite goes to an Instagram customer who is not yet on WhatsApp with this business.
  const canInvite = conversation.channel === 'instagram' && !replyChannels.some((option) => option.channel === 'whatsapp');
  // The link goes to a WhatsApp customer who is not yet on Instagram with this business.
  const canSendLink = conversation.channel === 'whatsapp' && !replyChannels.some((option) => option.channel === 'instagram');
  const { customer } = conversation;
  const subtitle = [customer.handle !== customer.name && customer.handle, customer.phone !== customer.name && customer.phone].filter(Boolean).join(' · ');

  return (
    <header className="thread-header">
      <Link className="icon-btn icon-btn-ghost thread-back" to="/chat" aria-label="All conversations" title="All conversations">
        <ArrowLeft aria-hidden="true" size={20} />
      </Link>
      <ChannelBadge channel={conversation.channel} className="thread-channel" />
      <div className="thread-title">
        <h2 id="thread-heading" tabIndex={-1} data-page-heading="">
          {customer.name}
        </h2>
        <p className="thread-subtitle">
          {subtitle && <span>{subtitle} · </span>}
          <span>{conversation.assignee ? `Assigned to ${assignedToMe ? 'you' : (conversation.assignee.name ?? 'an agent')}` : 'Unassigned'}</span>
        </p>
        <FormError>{assignError}</FormError>
      </div>
      <div className="thread-actions">
        {!assignedToMe && (
          <Button
            variant="secondary"
            pending={assign.isPending}
            onClick={() => {
              setAssignError(null);
              assign.mutate(
                { conversationId: conversation.id, userId: 'me' },
                {
                  onSuccess: () => notify({ tone: 'success', message: `${customer.name}’s conversation is assigned to you.` }),
                  onError: (failure) => setAssignError(`Not assigned: ${errorMessage(failure)}`),
                },
              );
            }}
          >
            <UserCheck aria-hidden="true" size={16} /> Assign to myself
          </Button>
        )}
        {canInvite && <IconButton label="Send WhatsApp invite" icon={WhatsAppIcon} variant="secondary" onClick={() => setConfirmInvite(true)} />}
        {canSendLink && <IconButton label="Send Instagram link" icon={InstagramIcon} variant="secondary" onClick={() => setConfirmLink(true)} />}
        <IconButton
          label="Contact details"
          icon={PanelRight}
          aria-pressed={contactPanelOpen}
          aria-controls="contact-panel"
          onClick={onToggleContactPanel}
          className="contact-panel-toggle"
        />
      </div>
      <ConfirmDialog
        open={confirmInvite}
        onOpenChange={setConfirmInvite}
        title="Send WhatsApp invite?"
        description={`${customer.name} gets an Instagram message with a Connect button that opens WhatsApp with a one-time code. Their WhatsApp number is linked to this contact only after they send it.`}
        onConfirm={async () => {
          await invite.mutateAsync(conversation.id);
          notify({ tone: 'success', message: `WhatsApp invite sent to ${customer.name}.` });
        }}
      />
      <ConfirmDialog
        open={confirmLink}
        onOpenChange={setConfirmLink}
        title="Send Instagram link?"
        description={`${customer.name} gets a WhatsApp message with an Open Instagram button that opens this business’s Instagram chat with a one-time code. Their Instagram account is linked to this contact only after they open it.`}
        onConfirm={async () => {
          await instagramLink.mutateAsync(conversation.id);
          notify({ tone: 'success', message: `Instagram link sent to ${customer.name}.` });
        }}
      />
    </header>
  );
}
