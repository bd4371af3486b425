import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a loop may run before it lets the event loop turn; well under the 50 ms a request may wait. */
export const SLICE_MS = 10;

/**
 * Cuts a long loop into slices of about SLICE_MS of work, for loops that run inside a transaction.
 * SQLite's driver is synchronous: a statement never waits for I/O, so without a pause a delivery
 * of 5,000 messages held the event loop for seconds and every request waited. Call `pause()`
 * between items; once the slice has run its time, it lets the event loop turn (other requests,
 * timers, I/O) before the next item. Real elapsed time, not the app's clock: it measures work.
 */
export function timeSlices(sliceMs = SLICE_MS): { pause(): Promise<void> } {
  let sliceStart = performance.now();
  return {
    async pause() {
      if (performance.now() - sliceStart < sliceMs) return;
      await nextTurn();
      sliceStart = performance.now();
    },
  };
}
