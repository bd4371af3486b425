import type { AppContext } from '../../context';

export type Health = { status: 'ok'; database: string } | { status: 'unavailable'; problem: string };

/** What a load balancer asks: can this process reach its database? */
export async function checkHealth(ctx: AppContext): Promise<Health> {
  try {
    await ctx.store.ping();
    return { status: 'ok', database: ctx.store.dialect };
  } catch (error) {
    return { status: 'unavailable', problem: (error as Error).message };
  }
}
