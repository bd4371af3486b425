import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/** Start an automation if an inbound message matches a trigger. Key: automation.match:<messageId>. */
export const matchAutomationJob = defineJobKind('automation.match', z.object({ messageId: z.string().min(1) }));

/** Run the next step of an automation run. Key: run:<runId>:step:<seq>. */
export const runAutomationStepJob = defineJobKind(
  'automation.step',
  z.object({
    runId: z.string().min(1),
    stepIndex: z.number().int().min(0),
    seq: z.number().int().min(0).default(0),
    timeout: z.boolean().optional(),
  }),
);
