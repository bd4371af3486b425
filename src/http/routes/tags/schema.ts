import { z } from 'zod';

export const TAG_MAX = 50;

export const contactTagParams = z.object({ id: z.string().min(1).max(100) });

export const tagBody = z.object({
  tag: z
    .string({ error: 'Name the tag in tag.' })
    // One label, however it was typed: no outer spaces, runs of spaces become one.
    .transform((value) => value.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, 'The tag is empty: type a tag first.').max(TAG_MAX, `A tag is at most ${TAG_MAX} characters.`)),
});
