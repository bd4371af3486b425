import type { AppContext } from '../../context';

const STATES = ['queued', 'running', 'done', 'failed'] as const;

/** The job queue by state, every state named (0 when empty, or when the database does not answer). */
export async function countJobsByState(ctx: AppContext): Promise<Record<(typeof STATES)[number], number>> {
  const byState: Record<string, number> = await ctx.store.repos.jobs.countByState().catch(() => ({}));
  return Object.fromEntries(STATES.map((state) => [state, byState[state] ?? 0])) as Record<(typeof STATES)[number], number>;
}
