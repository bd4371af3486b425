import { ArrowLeft } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FormError } from '../../../components/ui/alert';
import { cx } from '../../../components/ui/cx';
import { errorMessage } from '../../../lib/api';
import { usePageTitle } from '../../../lib/use-page-title';
import { ContactPanel } from '../../contacts';
import { useAgentNames } from '../../users';
import { useConversation } from '../api/get-conversation';
import { useMarkConversationRead } from '../api/mark-conversation-read';
import { Composer } from '../components/composer';
import { ThreadHeader } from '../components/thread-header';
import { Timeline } from '../components/timeline';

/** Wide enough for the contact panel beside the thread without squeezing the messages. */
const PANEL_BESIDE_QUERY = '(min-width: 1180px)';

/**
 * Open beside the thread on wide screens, closed (one tap away) on narrow ones, where it
 * would take the thread's place. The agent's toggle holds until the layout changes.
 */
function useContactPanelOpen(): [boolean, () => void] {
  const [wide, setWide] = useState(() => window.matchMedia(PANEL_BESIDE_QUERY).matches);
  const [choice, setChoice] = useState<boolean | null>(null);
  useEffect(() => {
    const media = window.matchMedia(PANEL_BESIDE_QUERY);
    const change = () => {
      setWide(media.matches);
      setChoice(null);
    };
    media.addEventListener('change', change);
    return () => media.removeEventListener('change', change);
  }, []);
  const open = choice ?? wide;
  return [open, () => setChoice(!open)];
}

/** `/chat/:conversationId`: the contact's timeline, the composer, and the contact panel beside them. */
export function ConversationPage() {
  const { conversationId = '' } = useParams();
  const detail = useConversation(conversationId);
  const markRead = useMarkConversationRead();
  const agentNames = useAgentNames();
  const [panelOpen, togglePanel] = useContactPanelOpen();
  usePageTitle(detail.data ? `${detail.data.conversation.customer.name} · Chat` : 'Conversation');

  const unread = detail.data?.conversation.unreadCount ?? 0;
  const { mutate: markReadMutate } = markRead;
  // The agent has the thread on screen: what was unread is read now (and again when more arrives).
  useEffect(() => {
    if (unread > 0) markReadMutate(conversationId);
  }, [conversationId, unread, markReadMutate]);

  // The shell focuses the new page's heading right after navigation, but the thread's heading
  // only exists once the conversation has loaded: focus it then, once per conversation.
  const focusedFor = useRef<string | null>(null);
  const loaded = Boolean(detail.data);
  useEffect(() => {
    if (!loaded || focusedFor.current === conversationId) return;
    focusedFor.current = conversationId;
    document.getElementById('thread-heading')?.focus();
  }, [loaded, conversationId]);

  if (detail.isError) {
    return (
      <section className="thread" aria-labelledby="thread-heading">
        <header className="thread-header">
          <Link className="icon-btn icon-btn-ghost thread-back" to="/chat" aria-label="All conversations" title="All conversations">
            <ArrowLeft aria-hidden="true" size={20} />
          </Link>
          <h2 id="thread-heading" tabIndex={-1} data-page-heading="">
            Conversation
          </h2>
        </header>
        <div className="thread-error">
          <FormError>{`This conversation could not be opened: ${errorMessage(detail.error)}`}</FormError>
        </div>
      </section>
    );
  }
  if (!detail.data) return <p className="muted thread-loading">Loading the conversation…</p>;

  return (
    <div className={cx('conversation-view', panelOpen && 'contact-panel-open')}>
      <section className="thread" aria-labelledby="thread-heading">
        <ThreadHeader detail={detail.data} contactPanelOpen={panelOpen} onToggleContactPanel={togglePanel} />
        <Timeline
          conversationId={conversationId}
          contactId={detail.data.conversation.contactId}
          replyChannels={detail.data.replyChannels}
          agentNames={agentNames}
          customerName={detail.data.conversation.customer.name}
        />
        <Composer detail={detail.data} />
      </section>
      {/* Hidden rather than removed, so a dialog opened from the panel survives a change of layout. */}
      <aside className="contact-panel" id="contact-panel" aria-label="Contact details" hidden={!panelOpen}>
        <ContactPanel contactId={detail.data.conversation.contactId} />
      </aside>
    </div>
  );
}
