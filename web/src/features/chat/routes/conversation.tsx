import { ArrowLeft } from 'lucide-react';
import { Link, useParams } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';

/** `/chat/:conversationId`: one conversation's thread. */
export function ConversationPage() {
  const { conversationId = '' } = useParams();
  usePageTitle('Conversation');
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
      <div className="empty-state empty-state-pane">
        <p className="muted">
          Conversation <code>{conversationId}</code> could not be shown: conversations are not available yet.
        </p>
      </div>
    </section>
  );
}
