import type { z } from 'zod';

/** JSON columns are text on both dialects; parse them through a schema so a bad row fails loudly. */
export function readJson<T extends z.ZodType>(schema: T, text: string | null | undefined): z.infer<T> {
  return schema.parse(text ? JSON.parse(text) : {});
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value ?? {});
}
