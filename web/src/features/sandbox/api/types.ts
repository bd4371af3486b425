import { z } from 'zod';

/**
 * Shapes of the simulated Meta platform's control API (mounted at /sandbox/api). Everything the
 * customer simulator shows comes from these answers: what Meta knows, never Braid's database.
 */
export const SANDBOX_API = '/sandbox/api';

export const sandboxCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  igUsername: z.string(),
  igsid: z.string(),
  bsuid: z.string(),
  phone: z.string().nullable(),
  createdAt: z.number(),
});
export type SandboxCustomer = z.infer<typeof sandboxCustomerSchema>;

export const sandboxButtonSchema = z.object({
  kind: z.string(),
  title: z.string(),
  url: z.string().optional(),
  payload: z.string().optional(),
  id: z.string().optional(),
});
export type SandboxButton = z.infer<typeof sandboxButtonSchema>;

/** One message as the platform's thread view describes it, with the exact body alongside. */
export const threadMessageSchema = z.object({
  id: z.string(),
  channel: z.enum(['instagram', 'whatsapp']),
  direction: z.enum(['from_customer', 'to_customer']),
  externalId: z.string(),
  status: z.string(),
  createdAt: z.number(),
  text: z.string().optional(),
  quickReplies: z.array(z.object({ title: z.string(), payload: z.string() })).optional(),
  buttons: z.array(sandboxButtonSchema).optional(),
  /** A photo, voice note, video or document, served by the platform at `/sandbox/api/media/:id`. */
  media: z.object({ id: z.string(), kind: z.string(), filename: z.string().optional(), voice: z.boolean().optional() }).optional(),
  body: z.unknown(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export type SandboxChannel = ThreadMessage['channel'];
