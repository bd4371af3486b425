import { sql } from 'kysely';
import type { AutomationRunState } from '../schema';
import type { RepositoryContext } from './context';

export interface AutomationRun {
  id: string;
  workspaceId: string;
  automationId: string;
  conversationId: string;
  triggerMessageId: string;
  state: AutomationRunState;
  stepIndex: number;
  /** Steps taken so far: a step job written for another seq is stale and does nothing. */
  seq: number;
  waitingUntil: number | null;
  waitingForReply: boolean;
  waitingSince: number | null;
  replyMessageId: string | null;
  reason: string | null;
  startedAt: number;
  endedAt: number | null;
}

export type RunProgress = Partial<Pick<AutomationRun,
  'state' | 'stepIndex' | 'seq' | 'waitingUntil' | 'waitingForReply' | 'waitingSince' | 'replyMessageId' | 'reason' | 'endedAt'>>;

/** What a person did in a conversation that makes a bot step aside. */
export interface AgentAction {
  /** reply: an agent wrote in Braid · app_reply: someone wrote from the Instagram app · assignment: a user (un)assigned it. */
  kind: 'reply' | 'app_reply' | 'assignment';
  userId: string | null;
  at: number;
}

type Row = {
  id: string; workspace_id: string; automation_id: string; conversation_id: string; trigger_message_id: string;
  state: AutomationRunState; step_index: number; seq: number; waiting_until: number | null; waiting_for_reply: number;
  waiting_since: number | null; reply_message_id: string | null; reason: string | null; started_at: number; ended_at: number | null;
};

/**
 * Automation runs, plus the few facts about a conversation the engine reads between steps (agent
 * activity, sends still in flight, recent automatic assignments).
 */
export class AutomationRunsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /**
   * Starts a run unless the database refuses it: the trigger message already started one (a
   * redelivered webhook), or the conversation already has an active run (two workers racing).
   * Says whether the run was inserted.
   */
  async insertIfAllowed(run: AutomationRun): Promise<boolean> {
    const result = await this.ctx.db
      .insertInto('automation_runs')
      .values(toRow(run))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async get(workspaceId: string, id: string): Promise<AutomationRun | undefined> {
    const row = await this.ctx.db.selectFrom('automation_runs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && toRun(row as Row);
  }

  /** Reads the run and, on PostgreSQL, holds its row until the transaction ends (one step at a time). */
  async lock(id: string): Promise<AutomationRun | undefined> {
    const row = await this.ctx.db
      .selectFrom('automation_runs')
      .selectAll()
      .where('id', '=', id)
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row && toRun(row as Row);
  }

  async activeForConversation(conversationId: string): Promise<AutomationRun | undefined> {
    const row = await this.ctx.db
      .selectFrom('automation_runs')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('state', '=', 'active')
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row && toRun(row as Row);
  }

  async activeForAutomation(automationId: string): Promise<AutomationRun[]> {
    const rows = await this.ctx.db
      .selectFrom('automation_runs')
      .selectAll()
      .where('automation_id', '=', automationId)
      .where('state', '=', 'active')
      .execute();
    return rows.map((r) => toRun(r as Row));
  }

  /** When this automation last finished in this conversation (for the cool-down). */
  async lastEndedAt(automationId: string, conversationId: string): Promise<number | null> {
    const row = await this.ctx.db
      .selectFrom('automation_runs')
      .select((eb) => eb.fn.max('ended_at').as('at'))
      .where('automation_id', '=', automationId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return row?.at == null ? null : Number(row.at);
  }

  /** Newest first; `before` is the last run of the previous page. */
  async listForAutomation(
    automationId: string,
    options: { limit: number; state?: AutomationRunState; before?: { startedAt: number; id: string } },
  ): Promise<AutomationRun[]> {
    const rows = await this.ctx.db
      .selectFrom('automation_runs')
      .selectAll()
      .where('automation_id', '=', automationId)
      .$if(options.state !== undefined, (qb) => qb.where('state', '=', options.state!))
      .$if(options.before !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('started_at', '<', options.before!.startedAt),
            eb.and([eb('started_at', '=', options.before!.startedAt), eb('id', '<', options.before!.id)]),
          ]),
        ),
      )
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map((r) => toRun(r as Row));
  }

  /**
   * Moves an active run on, only if it is still at `expectedSeq` (compare-and-set): of a reply and a
   * timeout arriving together, exactly one wins. Says whether the run moved.
   */
  async advance(id: string, expectedSeq: number, progress: RunProgress): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('automation_runs')
      .set({
        ...(progress.state !== undefined && { state: progress.state }),
        ...(progress.stepIndex !== undefined && { step_index: progress.stepIndex }),
        ...(progress.seq !== undefined && { seq: progress.seq }),
        ...(progress.waitingUntil !== undefined && { waiting_until: progress.waitingUntil }),
        ...(progress.waitingForReply !== undefined && { waiting_for_reply: progress.waitingForReply ? 1 : 0 }),
        ...(progress.waitingSince !== undefined && { waiting_since: progress.waitingSince }),
        ...(progress.replyMessageId !== undefined && { reply_message_id: progress.replyMessageId }),
        ...(progress.reason !== undefined && { reason: progress.reason }),
        ...(progress.endedAt !== undefined && { ended_at: progress.endedAt }),
      })
      .where('id', '=', id)
      .where('state', '=', 'active')
      .where('seq', '=', expectedSeq)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Remembers the customer's latest answer without moving the run (it is not waiting for one). */
  async recordReply(id: string, messageId: string): Promise<void> {
    await this.ctx.db.updateTable('automation_runs').set({ reply_message_id: messageId }).where('id', '=', id).where('state', '=', 'active').execute();
  }

  /**
   * The latest thing a person did in the conversation since `since`: a reply written by an agent in
   * Braid or by someone in the Instagram app (its echo), or an assignment made by a user (the
   * automation's own assignments are not a person stepping in).
   */
  async agentActionSince(conversationId: string, since: number): Promise<AgentAction | null> {
    const reply = await this.ctx.db
      .selectFrom('messages')
      .select(['author_id', 'created_at', 'sent_by'])
      .where('conversation_id', '=', conversationId)
      .where('sent_by', 'in', ['agent', 'business_app'])
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const assignment = await this.ctx.db
      .selectFrom('audit_events')
      .select(['actor_id', 'created_at'])
      .where('subject_id', '=', conversationId)
      .where('subject_type', '=', 'conversation')
      .where('action', '=', 'conversation.assigned')
      .where('actor_type', '=', 'user')
      .where('created_at', '>=', since)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const actions: AgentAction[] = [
      ...(reply ? [{ kind: reply.sent_by === 'agent' ? ('reply' as const) : ('app_reply' as const), userId: reply.author_id, at: Number(reply.created_at) }] : []),
      ...(assignment ? [{ kind: 'assignment' as const, userId: assignment.actor_id, at: Number(assignment.created_at) }] : []),
    ];
    return actions.sort((a, b) => b.at - a.at)[0] ?? null;
  }

  /** The workspace of a message, for job payloads that carry only the message id. */
  async workspaceOfMessage(messageId: string): Promise<string | undefined> {
    const row = await this.ctx.db.selectFrom('messages').select('workspace_id').where('id', '=', messageId).executeTakeFirst();
    return row?.workspace_id;
  }

  /** Whether the customer wrote in the conversation before this message (for "any first message"). */
  async hasEarlierInbound(conversationId: string, message: { id: string; platformTs: number }): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'inbound')
      .where('id', '!=', message.id)
      .where('platform_ts', '<=', message.platformTs)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Whether an outbound message of the conversation still has its send job queued or running. The
   * next automated send waits for it, so the customer receives a sequence in order even when the
   * sends are handled by several workers or a send is being retried.
   */
  async sendInFlight(conversationId: string): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('messages as m')
      .innerJoin('jobs as j', (join) => join.on('j.key', '=', sql<string>`${'send:'} || m.id`))
      .select('m.id')
      .where('m.conversation_id', '=', conversationId)
      .where('m.direction', '=', 'outbound')
      .where('m.status', '=', 'pending')
      .where('j.state', 'in', ['queued', 'running'])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Who automations assigned conversations to lately, newest first (for round robin). */
  async recentAutomaticAssignees(workspaceId: string, limit = 500): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('audit_events')
      .select('data')
      .where('workspace_id', '=', workspaceId)
      .where('action', '=', 'conversation.assigned')
      .where('actor_type', '=', 'automation')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.flatMap((r) => {
      const assignee = (JSON.parse(r.data) as { assigneeId?: unknown }).assigneeId;
      return typeof assignee === 'string' ? [assignee] : [];
    });
  }
}

function toRow(r: AutomationRun) {
  return {
    id: r.id,
    workspace_id: r.workspaceId,
    automation_id: r.automationId,
    conversation_id: r.conversationId,
    trigger_message_id: r.triggerMessageId,
    state: r.state,
    step_index: r.stepIndex,
    seq: r.seq,
    waiting_until: r.waitingUntil,
    waiting_for_reply: r.waitingForReply ? 1 : 0,
    waiting_since: r.waitingSince,
    reply_message_id: r.replyMessageId,
    reason: r.reason,
    started_at: r.startedAt,
    ended_at: r.endedAt,
  };
}

function toRun(r: Row): AutomationRun {
  const ms = (v: number | null) => (v == null ? null : Number(v));
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    automationId: r.automation_id,
    conversationId: r.conversation_id,
    triggerMessageId: r.trigger_message_id,
    state: r.state,
    stepIndex: Number(r.step_index),
    seq: Number(r.seq),
    waitingUntil: ms(r.waiting_until),
    waitingForReply: Number(r.waiting_for_reply) === 1,
    waitingSince: ms(r.waiting_since),
    replyMessageId: r.reply_message_id,
    reason: r.reason,
    startedAt: Number(r.started_at),
    endedAt: ms(r.ended_at),
  };
}
