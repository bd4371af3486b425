import type { AppContext } from '../../context';
import { parseAutomation } from '../../domain/automations/automationSteps';
import { badRequest, notFound } from '../../domain/shared/errors';
import type { StoredAutomation } from '../../store/repositories/automations';
import type { AutomationOnChannel } from './getAutomation';
import { checkAssignees } from './steps/checkAutomation';
import { stopActiveRuns } from './steps/endAutomationRun';

export interface UpdateAutomationInput {
  workspaceId: string;
  actorId: string;
  automationId: string;
  /** Any of name, enabled, trigger, steps, stopOnAgentAction, cooldownSeconds, position. */
  patch: Record<string, unknown>;
}

const EDITABLE = ['name', 'enabled', 'trigger', 'steps', 'stopOnAgentAction', 'cooldownSeconds'] as const;

/** Far more automations than a channel has; well inside the column (a 32-bit integer on PostgreSQL). */
const MAX_POSITION = 10_000;

/**
 * Changes an automation. The result is validated whole, so a patch cannot leave a step pointing
 * past the end. Changing the steps, or turning the automation off, stops its active runs (a run
 * is an index into the old list), each with a line in its thread saying so.
 */
export async function updateAutomation(ctx: AppContext, input: UpdateAutomationInput): Promise<AutomationOnChannel> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const current = await repos.automations.get(input.workspaceId, input.automationId);
    if (!current) throw notFound('automation_not_found', 'No such automation in this workspace.');
    const channel = await repos.channels.get(input.workspaceId, current.channelId);
    const merged: Record<string, unknown> = Object.fromEntries(EDITABLE.map((key) => [key, current[key]]));
    for (const key of EDITABLE) if (input.patch[key] !== undefined) merged[key] = input.patch[key];
    const parsed = parseAutomation(merged, { channelKind: channel?.kind });
    if (input.patch.steps !== undefined) await checkAssignees(repos, input.workspaceId, parsed.steps);

    const position = input.patch.position;
    if (position !== undefined && (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position > MAX_POSITION)) {
      throw badRequest('invalid_request', `position must be a whole number from 0 (the first automation of the channel) to ${MAX_POSITION}.`);
    }
    const updated: StoredAutomation = { ...current, ...parsed, position: (position as number | undefined) ?? current.position, updatedAt: now };
    await repos.automations.save(updated);

    const stepsChanged = JSON.stringify(current.steps) !== JSON.stringify(updated.steps);
    const turnedOff = current.enabled && !updated.enabled;
    if (stepsChanged || turnedOff) {
      const reason = turnedOff ? 'an admin turned the automation off.' : 'an admin changed its steps.';
      await stopActiveRuns(repos, updated, reason, now);
    }
    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: 'user',
        actorId: input.actorId,
        action: 'automation.updated',
        subjectType: 'automation',
        subjectId: updated.id,
        data: { changed: Object.keys(input.patch).filter((k) => (EDITABLE as readonly string[]).includes(k) || k === 'position') },
      },
      now,
    );
    await repos.events.record(input.workspaceId, 'automation.updated', { automationId: updated.id, channelId: updated.channelId }, now);
    return { automation: updated, channelKind: channel?.kind };
  });
}
