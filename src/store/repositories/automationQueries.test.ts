import { describe, expect, it } from 'vitest';
import { compilingContext, sqlSection } from '../../../test/compiledSql';
import { AutomationRunsRepository } from './automationRuns';
import { AutomationsRepository } from './automations';

/**
 * The SQL of the automation engine's hot paths (every inbound message and every step), compiled
 * for both dialects and kept in src/store/queries, so a change to a query shows in review.
 */
describe.each(['sqlite', 'postgres'] as const)('automation queries on %s', (dialect) => {
  it('match the reviewed SQL', async () => {
    const sink: string[] = [];
    const ctx = compilingContext(dialect, sink);
    const runs = new AutomationRunsRepository(ctx);
    const automations = new AutomationsRepository(ctx);
    const section = sqlSection(sink);
    await section('automations.list (enabled, one channel)', () => automations.list('w', { channelId: 'c', enabledOnly: true }));
    await section('automationRuns.activeForConversation', () => runs.activeForConversation('c'));
    await section('automationRuns.lock', () => runs.lock('r'));
    await section('automationRuns.lastEndedAt', () => runs.lastEndedAt('a', 'c'));
    await section('automationRuns.advance', () => runs.advance('r', 3, { seq: 4, stepIndex: 5, waitingForReply: false, waitingSince: null, waitingUntil: null }));
    await section('automationRuns.agentActionSince', () => runs.agentActionSince('c', 0));
    await section('automationRuns.sendInFlight', () => runs.sendInFlight('c'));
    await section('automationRuns.hasEarlierInbound', () => runs.hasEarlierInbound('c', { id: 'm', platformTs: 0 }));
    await expect(sink.join('\n')).toMatchFileSnapshot(`../queries/automations.${dialect}.sql`);
  });
});
