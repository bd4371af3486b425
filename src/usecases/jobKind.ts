import type { z } from 'zod';
import type { NewJob } from '../store/repositories/jobs';

/**
 * A kind of job, declared beside the use cases that enqueue it: its stored name and the payload
 * its handler accepts. Producers build jobs with `of`, which type-checks the payload against the
 * same schema the worker parses it with, so the two sides cannot drift apart.
 */
export interface JobKind<Schema extends z.ZodType> {
  /** Stored in the jobs table: never rename a kind that may still be queued. */
  readonly name: string;
  readonly payload: Schema;
  of(payload: z.input<Schema>, options?: Omit<NewJob, 'kind' | 'payload'>): NewJob;
}

export function defineJobKind<Schema extends z.ZodType>(name: string, payload: Schema): JobKind<Schema> {
  return { name, payload, of: (value, options) => ({ kind: name, payload: value, ...options }) };
}
