import { Inbox } from 'lucide-react';
import { useEffect, useState } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { errorMessage } from '../../../lib/api';
import { useInboxAccounts } from '../../channels';
import { useConversations, type ConversationFilters } from '../api/list-conversations';
import { ConversationFiltersBar } from './conversation-filters';
import { ConversationRow } from './conversation-row';

const SEARCH_DELAY_MS = 250;

/** Both channels in one list, newest activity first, kept live by the inbox's event stream. */
export function ConversationList() {
  const [filters, setFilters] = useState<ConversationFilters>({ assignee: 'all', channel: 'all', account: 'all', search: '' });
  const [search, setSearch] = useState('');
  // Wait for a pause in typing, so each keystroke is not a request.
  useEffect(() => {
    const timer = window.setTimeout(() => setFilters((current) => (current.search === search ? current : { ...current, search })), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search]);
  const conversations = useConversations(filters);
  const { accounts, several } = useInboxAccounts();
  // A conversation that moved up between two page loads could appear twice; show it once.
  const rows = [...new Map((conversations.data?.pages ?? []).flatMap((page) => page.conversations).map((row) => [row.id, row])).values()];
  const filtered = filters.assignee !== 'all' || filters.channel !== 'all' || filters.account !== 'all' || filters.search !== '';

  return (
    <>
      <ConversationFiltersBar
        filters={filters}
        search={search}
        onSearchChange={setSearch}
        onChange={setFilters}
        accounts={accounts.filter((account) => several[account.kind])}
      />
      {conversations.isError && <FormError className="chat-list-error">{`Conversations could not be loaded: ${errorMessage(conversations.error)}`}</FormError>}
      {conversations.isSuccess && rows.length === 0 && (
        <div className="empty-state">
          <Inbox aria-hidden="true" size={36} strokeWidth={1.5} />
          {filtered ? (
            <p className="empty-state-title">No conversations match</p>
          ) : (
            <>
              <p className="empty-state-title">No conversations yet</p>
              <p className="muted">When customers write to you on Instagram or WhatsApp, their conversations appear here.</p>
            </>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <ul className="conversation-rows" aria-label="Conversations" aria-busy={conversations.isFetching || undefined}>
          {rows.map((conversation) => (
            <ConversationRow
              key={conversation.id}
              conversation={conversation}
              account={several[conversation.channel] ? accounts.find((account) => account.id === conversation.accountId) : undefined}
            />
          ))}
        </ul>
      )}
      {conversations.hasNextPage && (
        <div className="conversation-more">
          <Button variant="secondary" pending={conversations.isFetchingNextPage} onClick={() => void conversations.fetchNextPage()}>
            Show older conversations
          </Button>
        </div>
      )}
    </>
  );
}
