import { NavLink } from 'react-router-dom';
import { ChannelBadge } from '../../../components/icons/channel-badge';
import { cx } from '../../../components/ui/cx';
import { fullTime, shortTime } from '../../../lib/format';
import type { InboxAccount } from '../../channels';
import type { Conversation } from '../api/conversation-schema';

/**
 * One conversation in the list: a link whose text says, in reading order, the channel,
 * the customer, the time, the last message, the unread count, the account (when several of the
 * kind are connected) and the assignee.
 */
export function ConversationRow({ conversation, account }: { conversation: Conversation; account?: InboxAccount }) {
  const { customer, lastMessage, unreadCount, assignee } = conversation;
  const secondary = customer.handle && customer.handle !== customer.name ? customer.handle : customer.phone !== customer.name ? customer.phone : null;
  return (
    <li>
      <NavLink to={`/chat/${conversation.id}`} className={({ isActive }) => cx('conversation-row', isActive && 'is-active', unreadCount > 0 && 'has-unread')}>
        <ChannelBadge channel={conversation.channel} className="conversation-row-channel" />
        <span className="conversation-row-body">
          <span className="conversation-row-top">
            <span className="conversation-row-name">{customer.name}</span>
            {secondary && <span className="conversation-row-handle">{secondary}</span>}
            {lastMessage && (
              <time className="conversation-row-time" dateTime={new Date(lastMessage.at).toISOString()} title={fullTime(lastMessage.at)}>
                {shortTime(lastMessage.at)}
              </time>
            )}
          </span>
          <span className="conversation-row-bottom">
            <span className="conversation-row-preview">{lastMessage?.preview ?? 'No messages yet'}</span>
            {unreadCount > 0 && (
              <span className="unread-count">
                {unreadCount}
                <span className="visually-hidden"> unread</span>
              </span>
            )}
          </span>
          {account && (
            <span className="conversation-row-account">
              <span className="visually-hidden">Account </span>
              {account.name}
            </span>
          )}
          <span className="conversation-row-assignee">{assignee ? `Assigned to ${assignee.name ?? 'an agent'}` : 'Unassigned'}</span>
        </span>
      </NavLink>
    </li>
  );
}
