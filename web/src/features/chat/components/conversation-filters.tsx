import { Search } from 'lucide-react';
import { useId } from 'react';
import { cx } from '../../../components/ui/cx';
import type { InboxAccount } from '../../channels';
import type { ConversationFilters } from '../api/list-conversations';

const ASSIGNEE_OPTIONS: { value: ConversationFilters['assignee']; label: string }[] = [
  { value: 'me', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'all', label: 'All' },
];

const KIND_LABEL = { instagram: 'Instagram', whatsapp: 'WhatsApp' } as const;

/** Mine / Unassigned / All, the channel, the account (when several of a kind), and a search by name, handle or phone. */
export function ConversationFiltersBar({
  filters,
  search,
  onSearchChange,
  onChange,
  accounts,
}: {
  filters: ConversationFilters;
  /** Accounts to choose among: those of kinds with several connected (none: no account filter). */
  accounts: InboxAccount[];
  /** What is typed, ahead of the debounced `filters.search`. */
  search: string;
  onSearchChange: (search: string) => void;
  onChange: (filters: ConversationFilters) => void;
}) {
  const id = useId();
  return (
    <div className="conversation-filters">
      <div className="search-field">
        <Search aria-hidden="true" size={16} />
        <label className="visually-hidden" htmlFor={`${id}-search`}>
          Search conversations
        </label>
        <input
          id={`${id}-search`}
          type="search"
          className="field-input"
          placeholder="Search name, handle or phone"
          value={search}
          onChange={(event) => onSearchChange(event.target.value)}
        />
      </div>
      <div className="conversation-filters-row">
        {/* Toggle buttons rather than radios: one press filters, like tabs, and each says whether it is on. */}
        <div className="segmented" role="group" aria-label="Show conversations">
          {ASSIGNEE_OPTIONS.map((option) => (
            <button
              key={option.value}
              type="button"
              className={cx('segmented-option', filters.assignee === option.value && 'is-selected')}
              aria-pressed={filters.assignee === option.value}
              onClick={() => onChange({ ...filters, assignee: option.value })}
            >
              {option.label}
            </button>
          ))}
        </div>
        <label className="visually-hidden" htmlFor={`${id}-channel`}>
          Channel
        </label>
        <select
          id={`${id}-channel`}
          className="field-input select-compact"
          value={filters.channel}
          onChange={(event) => {
            const channel = event.target.value as ConversationFilters['channel'];
            // An account of the other kind would match nothing.
            const keep = channel === 'all' || accounts.some((a) => a.id === filters.account && a.kind === channel);
            onChange({ ...filters, channel, account: keep ? filters.account : 'all' });
          }}
        >
          <option value="all">All channels</option>
          <option value="instagram">Instagram</option>
          <option value="whatsapp">WhatsApp</option>
        </select>
        {accounts.length > 0 && (
          <>
            <label className="visually-hidden" htmlFor={`${id}-account`}>
              Account
            </label>
            <select
              id={`${id}-account`}
              className="field-input select-compact"
              value={filters.account}
              onChange={(event) => onChange({ ...filters, account: event.target.value })}
            >
              <option value="all">All accounts</option>
              {accounts
                .filter((account) => filters.channel === 'all' || account.kind === filters.channel)
                .map((account) => (
                  <option key={account.id} value={account.id}>{`${KIND_LABEL[account.kind]}: ${account.name}`}</option>
                ))}
            </select>
          </>
        )}
      </div>
    </div>
  );
}
