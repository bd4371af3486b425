import { loadConfig } from '../../src/config';
import { startBraid } from '../../src/main';
import type { Repositories } from '../../src/store/store';

/**
 * Braid as a real child process for crash and multi-process tests (see children.ts). One test-only
 * switch: BRAID_TEST_PAUSE_AT=<repository>.<method> (e.g. `merges.create`) lets that write run
 * inside its transaction, prints `BRAID_PAUSED <name>` and never goes on, so the parent can kill
 * the process at a known point with the transaction open.
 */
const running = await startBraid(loadConfig(), { serveWeb: false });
const pauseAt = process.env.BRAID_TEST_PAUSE_AT;
if (pauseAt) {
  const [repository, method] = pauseAt.split('.') as [keyof Repositories, string];
  const store = running.ctx.store;
  const transaction = store.transaction.bind(store);
  (store as { transaction: typeof store.transaction }).transaction = (work) =>
    transaction((repos) => {
      const target = repos[repository] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const original = target[method].bind(target);
      target[method] = async (...args) => {
        await original(...args);
        process.stdout.write(`BRAID_PAUSED ${pauseAt}\n`);
        return new Promise(() => undefined);
      };
      return work(repos);
    });
}
process.stdout.write(`BRAID_READY ${running.url}\n`);
