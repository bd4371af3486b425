import { z } from 'zod';

export const NOTE_MAX = 5000;

export const noteParams = z.object({ id: z.string().min(1).max(100) });

export const noteBody = z.object({
  body: z
    .string({ error: 'Write the note’s text in body.' })
    .trim()
    .min(1, 'The note is empty: write something first.')
    .max(NOTE_MAX, `A note is at most ${NOTE_MAX.toLocaleString('en')} characters.`),
});
export type NoteBody = z.infer<typeof noteBody>;
