import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';
import {
  CustomerWrites,
  DecideRequest,
  MergeFromContactView,
  mergeCommands,
  SendCode,
  SendInstagramLink,
  SendInvite,
  TapInstagramLink,
  TapNotMe,
  UndoMerge,
} from './mergeModel/commands';
import { type Model, newModel, type Stats } from './mergeModel/model';
import { World } from './mergeModel/world';

/**
 * Model-based test of invite → sync → merge → undo, both ways (WhatsApp invites and Instagram links): random sequences of what customers, agents, the
 * admin, the clock and the worker do, run against a real Braid (HTTP API, database, jobs) and its
 * simulated Meta platform, beside a small model that says what must follow. After every command the
 * invariants are read back through the API (mergeModel/invariants.ts).
 *
 * One Braid for the file; each sequence gets five fresh customers and starts two days after the
 * previous one with automatic merging on, and the model tracks only that sequence's entities.
 * Every sequence begins with c0 (Ana) writing on Instagram, so that an invite can follow at once.
 *
 *   PROPERTY_RUNS=200 npx vitest run --project sqlite test/merge/mergeModel.int.test.ts
 *   PROPERTY_SEED=… PROPERTY_PATH=… (from a failure report) replays one failing sequence.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
// Commands generated per sequence; those whose precondition does not hold (an invite to a customer
// who never wrote, an undo with nothing merged) are skipped, so about a third of them run.
const MAX_COMMANDS = Number(process.env.PROPERTY_MAX_COMMANDS ?? 40);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const PATH = process.env.PROPERTY_PATH;

const PROLOGUE = new CustomerWrites(0, 'instagram', 'none');

let env: BraidWithPlatform;
/** Sequences run in this file: each one's customers carry its number in their names. */
let run = 0;
const stats: Stats = {};
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
  if (process.env.PROPERTY_STATS) console.log(`merge model coverage over ${RUNS} sequences:`, JSON.stringify(stats, Object.keys(stats).sort(), 1));
});

describe('Contact Merge Automation against its model', () => {
  it(
    'invites, codes, merge requests, merges, undos and Not me keep every invariant',
    async () => {
      const started = Date.now();
      const first = run;
      await fc.assert(
        fc.asyncProperty(mergeCommands(MAX_COMMANDS), async (commands) => {
          const world = await World.start(env, ++run);
          const model = newModel(run, world.now(), world.customers, stats);
          await PROLOGUE.run(model, world);
          await fc.asyncModelRun(() => ({ model, real: world }), commands);
        }),
        { numRuns: RUNS, ...(SEED !== undefined && { seed: SEED }), ...(PATH && { path: PATH, endOnFailure: true }) },
      );
      if (process.env.PROPERTY_STATS) console.log(`${run - first} sequences (shrinking included) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    // A generous bound: a failure's shrinking replays many sequences.
    Math.max(300_000, RUNS * 20_000),
  );

  /** Sequences the model failed on, as they shrank (after the prologue: c0 wrote on Instagram). */
  const regressions: Array<[string, fc.AsyncCommand<Model, World>[]]> = [
    [
      'a refused code checked again after a worker died before marking the job done is noted and counted once',
      [new SendInvite(0), new SendCode(0, 'owner', 'typo', 'after')],
    ],
    [
      'a merge request accepted after the contact got a WhatsApp account meanwhile asks for that conflict to be confirmed',
      [new SendInvite(0), new SendCode(0, 2, 'as sent', 'none'), new SendInvite(0), new SendCode(1, 'owner', 'as sent', 'none'), new DecideRequest(0, 'accept')],
    ],
    [
      'an invite of a contact merged into another is listed on the survivor',
      [new CustomerWrites(1, 'instagram', 'none'), new CustomerWrites(2, 'instagram', 'none'), new SendInvite(1), new MergeFromContactView([2, 'instagram'], [1, 'instagram'], true)],
    ],
    [
      'an invite sent during a merge goes back with its Instagram identity when the merge is undone',
      [new CustomerWrites(1, 'instagram', 'none'), new MergeFromContactView([0, 'instagram'], [1, 'instagram'], true), new SendInvite(1), new UndoMerge('latest')],
    ],
    [
      'an Instagram link opened from a known Instagram account (referral alone) links it, and Not me on WhatsApp undoes it',
      [new CustomerWrites(0, 'whatsapp', 'none'), new SendInstagramLink(0), new TapInstagramLink(0, 'owner'), new TapNotMe(0, 'none')],
    ],
    [
      'an Instagram link opened by its customer on a new thread links them; a stranger opening it after is refused',
      [new CustomerWrites(2, 'whatsapp', 'none'), new SendInstagramLink(2), new TapInstagramLink(0, 'owner'), new TapInstagramLink(0, 4), new SendInstagramLink(2)],
    ],
    [
      'an Instagram link a stranger opens first asks the agent when the names differ',
      [new CustomerWrites(1, 'whatsapp', 'none'), new SendInstagramLink(1), new TapInstagramLink(0, 2), new DecideRequest(0, 'reject'), new TapInstagramLink(0, 'owner')],
    ],
    [
      'Not me on a merge a later merge was built on, run again after its worker died, tells the agent once',
      [
        new CustomerWrites(1, 'instagram', 'none'),
        new SendInvite(0),
        new SendInvite(1),
        new SendCode(1, 'owner', 'as sent', 'none'),
        new SendCode(0, 'owner', 'as sent', 'none'),
        new MergeFromContactView([0, 'instagram'], [1, 'instagram'], true),
        new TapNotMe(1, 'after'),
      ],
    ],
  ];
  it.each(regressions)('%s', async (_, commands) => {
    const world = await World.start(env, ++run);
    const model = newModel(run, world.now(), world.customers, {});
    await PROLOGUE.run(model, world);
    await fc.asyncModelRun(() => ({ model, real: world }), commands);
  });
});
