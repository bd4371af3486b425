import type { AppContext } from '../context';
import type { JobHandlers } from './worker';

/** Every job kind and its handler. Add new kinds here. */
export function createJobHandlers(_ctx: AppContext): JobHandlers {
  return {};
}
