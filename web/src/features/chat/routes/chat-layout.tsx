import { Outlet, useParams } from 'react-router-dom';
import { cx } from '../../../components/ui/cx';
import { useInboxLiveUpdates } from '../../../lib/use-inbox-live-updates';
import { usePageTitle } from '../../../lib/use-page-title';
import { ChannelHealthBanner } from '../../channels';
import { useMergeNotifications } from '../../merge';
import { ConversationList } from '../components/conversation-list';
import '../chat.css';
import '../thread.css';
import '../chat-layout.css';

/**
 * `/chat`: the conversation list beside the open thread. On a narrow screen the
 * two are separate screens: the list at `/chat`, the thread at `/chat/:conversationId`.
 */
export function ChatLayout() {
  const { conversationId } = useParams();
  usePageTitle('Chat');
  useInboxLiveUpdates();
  useMergeNotifications(conversationId);
  return (
    <div className={cx('chat', conversationId ? 'chat-thread-open' : 'chat-list-open')}>
      <section className="chat-list" aria-labelledby="chat-heading">
        <header className="chat-list-header">
          <h1 id="chat-heading" tabIndex={-1} data-page-heading="">
            Chat
          </h1>
        </header>
        <ChannelHealthBanner />
        <ConversationList />
      </section>
      <div className="chat-thread">
        <Outlet />
      </div>
    </div>
  );
}

/** `/chat` with no conversation chosen (the thread pane on wide screens). */
export function NoConversationSelected() {
  return (
    <div className="empty-state empty-state-pane">
      <p className="muted">Choose a conversation to read and answer it.</p>
    </div>
  );
}
