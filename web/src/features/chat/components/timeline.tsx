import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { FormError } from '../../../components/ui/alert';
import { errorMessage } from '../../../lib/api';
import { useContactHistory } from '../../contacts';
import type { ReplyChannel } from '../api/get-conversation';
import { useContactTimeline } from '../api/list-contact-timeline';
import { assignmentItems } from '../lib/assignment-items';
import { inTimeOrder, withoutDuplicateSystemItems } from '../lib/timeline';
import { MessageItem } from './message-item';
import { SystemItem } from './system-item';

/** Closer than this to the bottom counts as "reading the newest", so new messages scroll into view. */
const STICK_TO_BOTTOM_PX = 120;

/** The contact's messages from every channel in time order, with the system items between them. */
export function Timeline({
  conversationId,
  contactId,
  replyChannels,
  agentNames,
  customerName,
}: {
  conversationId: string;
  /** How files are described: "Image from Ana Souza". */
  customerName: string;
  contactId: string;
  /** The contact's conversations, to mark each assignment with its channel. */
  replyChannels: ReplyChannel[];
  agentNames: Map<string, string>;
}) {
  const timeline = useContactTimeline(conversationId);
  const history = useContactHistory(contactId);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const items = useMemo(() => {
    const channelOf = (id: string) => replyChannels.find((option) => option.conversationId === id)?.channel;
    const assignments = assignmentItems(history.data?.events ?? [], channelOf, agentNames);
    // Pages arrive newest first; the thread reads oldest first.
    const messages = [...(timeline.data?.pages ?? [])].reverse().flatMap((page) => page.messages);
    return inTimeOrder([...withoutDuplicateSystemItems(messages), ...assignments]);
  }, [timeline.data, history.data, replyChannels, agentNames]);

  // Follow new messages only when the agent is already at the bottom, so reading back is never
  // interrupted; what the agent just did (a reply, a merge or its undo) is always brought into view.
  const newest = items.at(-1);
  const agentsOwn = newest !== undefined && (newest.sentBy === 'agent' || newest.type === 'merge' || newest.type === 'unmerge');
  const lastNewestId = useRef<string | undefined>(undefined);
  useEffect(() => {
    const element = scroller.current;
    const arrived = newest?.id !== lastNewestId.current;
    lastNewestId.current = newest?.id;
    if (element && (atBottom.current || (arrived && agentsOwn))) element.scrollTop = element.scrollHeight;
  }, [items, newest?.id, agentsOwn]);

  useEffect(() => {
    atBottom.current = true;
  }, [conversationId]);

  // Older messages go in above: keep the ones being read where they were on screen.
  const heightBeforeOlder = useRef<number | null>(null);
  const showOlder = () => {
    heightBeforeOlder.current = scroller.current?.scrollHeight ?? null;
    void timeline.fetchNextPage();
  };
  const pageCount = timeline.data?.pages.length ?? 0;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || heightBeforeOlder.current === null) return;
    element.scrollTop += element.scrollHeight - heightBeforeOlder.current;
    heightBeforeOlder.current = null;
  }, [pageCount]);

  return (
    <div
      className="timeline"
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
      }}
    >
      {timeline.isPending && <p className="muted timeline-note">Loading messages…</p>}
      {timeline.isError && <FormError>{`Messages could not be loaded: ${errorMessage(timeline.error)}`}</FormError>}
      {timeline.hasNextPage && (
        <div className="timeline-note">
          <Button variant="secondary" pending={timeline.isFetchingNextPage} onClick={showOlder}>
            Show older messages
          </Button>
        </div>
      )}
      {timeline.isSuccess && items.length === 0 && <p className="muted timeline-note">No messages yet.</p>}
      <ol className="timeline-items" aria-label="Messages">
        {items.map((item) =>
          item.direction === 'system' ? (
            <SystemItem key={item.id} item={item} />
          ) : (
            <MessageItem key={item.id} message={item} customerName={customerName} authorName={item.authorId ? agentNames.get(item.authorId) : undefined} />
          ),
        )}
      </ol>
    </div>
  );
}
