import type { AppContext } from '../../context';
import type { AutomationRun } from '../../store/repositories/automationRuns';
import { getAutomation } from './getAutomation';

export interface ListAutomationRunsInput {
  workspaceId: string;
  automationId: string;
  limit: number;
  state?: AutomationRun['state'];
  /** The id of the last run of the previous page. */
  before?: string;
}

/** An automation's runs, newest first, a page at a time; `nextBefore` is null on the last page. */
export async function listAutomationRuns(ctx: AppContext, input: ListAutomationRunsInput): Promise<{ runs: AutomationRun[]; nextBefore: string | null }> {
  const { repos } = ctx.store;
  const { automation } = await getAutomation(ctx, input);
  const cursor = input.before ? await repos.automationRuns.get(input.workspaceId, input.before) : undefined;
  const runs = await repos.automationRuns.listForAutomation(automation.id, {
    limit: input.limit,
    state: input.state,
    before: cursor && { startedAt: cursor.startedAt, id: cursor.id },
  });
  return { runs, nextBefore: runs.length === input.limit ? runs[runs.length - 1].id : null };
}
