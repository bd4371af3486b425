import { FETCHED_MEDIA } from './graphSends';
import type { SandboxMessage } from './state';
import { templateView, type SandboxTemplate } from './templates';

/**
 * A message as the customer's phone would show it: the text, and what can be tapped (quick
 * replies, template buttons, WhatsApp reply/CTA buttons). The exact body stays alongside for
 * tests and for anything this summary does not cover.
 */
export interface ThreadMessageView {
  id: string;
  channel: SandboxMessage['channel'];
  direction: SandboxMessage['direction'];
  externalId: string;
  status: string;
  createdAt: number;
  text?: string;
  quickReplies?: { title: string; payload: string }[];
  buttons?: { kind: 'web_url' | 'postback' | 'reply' | 'cta_url'; title: string; url?: string; payload?: string; id?: string }[];
  /** A photo, voice note, video or document, shown from the platform's own copy (`/api/media/:id`). */
  media?: { id: string; kind: 'image' | 'audio' | 'video' | 'file' | 'sticker'; filename?: string; voice?: boolean };
  body: unknown;
}

type Json = Record<string, any>;
type MediaKind = NonNullable<ThreadMessageView['media']>['kind'];

/** `templates` lets a template send show as the customer reads it instead of by name. */
export function viewMessage(m: SandboxMessage, templates: SandboxTemplate[] = []): ThreadMessageView {
  const view: ThreadMessageView = {
    id: m.id, channel: m.channel, direction: m.direction, externalId: m.externalId,
    status: m.status, createdAt: m.createdAt, body: m.body,
  };
  const body = (m.body ?? {}) as Json;
  try {
    if (m.channel === 'instagram') describeInstagram(view, body, m.direction);
    else describeWhatsApp(view, body, templates);
  } catch {
    // A body this summary does not understand is still shown raw.
  }
  return view;
}

const INSTAGRAM_MEDIA: Record<string, MediaKind> = { image: 'image', audio: 'audio', video: 'video', file: 'file' };

function describeInstagram(view: ThreadMessageView, body: Json, direction: SandboxMessage['direction']): void {
  if (direction === 'from_customer') {
    view.text = body.message?.text ?? body.postback?.title;
    const attachment = body.message?.attachments?.[0];
    const id = typeof attachment?.payload?.url === 'string' ? /\/ig-cdn\/([^/?]+)/.exec(attachment.payload.url)?.[1] : undefined;
    if (id && INSTAGRAM_MEDIA[attachment.type]) view.media = { id, kind: INSTAGRAM_MEDIA[attachment.type] };
    return;
  }
  const message = body.message ?? {};
  view.text = message.text;
  if (Array.isArray(message.quick_replies)) {
    view.quickReplies = message.quick_replies.map((q: Json) => ({ title: String(q.title), payload: String(q.payload) }));
  }
  const payload = message.attachment?.payload;
  if (message.attachment?.type === 'template' && payload) {
    view.text = payload.text;
    view.buttons = (payload.buttons ?? []).map((b: Json) => ({ kind: b.type, title: String(b.title), url: b.url, payload: b.payload }));
  } else if (message.attachment) {
    const fetched = body[FETCHED_MEDIA];
    const kind = INSTAGRAM_MEDIA[message.attachment.type];
    if (typeof fetched === 'string' && kind) view.media = { id: fetched, kind };
    else view.text = `[${message.attachment.type}] ${payload?.url ?? ''}`.trim();
  }
}

function describeWhatsApp(view: ThreadMessageView, body: Json, templates: SandboxTemplate[]): void {
  switch (body.type ?? 'text') {
    case 'text':
      view.text = body.text?.body;
      return;
    case 'interactive': {
      const i = body.interactive ?? {};
      view.text = i.body?.text ?? i.button_reply?.title ?? i.list_reply?.title;
      if (i.type === 'button') {
        view.buttons = (i.action?.buttons ?? []).map((b: Json) => ({ kind: 'reply', title: String(b.reply?.title), id: b.reply?.id }));
      } else if (i.type === 'cta_url') {
        view.buttons = [{ kind: 'cta_url', title: String(i.action?.parameters?.display_text), url: i.action?.parameters?.url }];
      } else if (i.type === 'contact_request') {
        view.buttons = [{ kind: 'reply', title: 'Share phone number', id: 'contact_request' }];
      }
      return;
    }
    case 'template': {
      const shown = templateView(templates, body.template ?? {});
      view.text = shown?.text ?? `[template ${body.template?.name}]`;
      if (shown?.buttons.length) view.buttons = shown.buttons;
      return;
    }
    case 'contacts':
      view.text = (body.contacts ?? []).map((c: Json) => c.name?.formatted_name).join(', ');
      return;
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker': {
      const media = body[body.type] ?? {};
      view.text = media.caption;
      if (typeof media.id === 'string') {
        view.media = { id: media.id, kind: body.type === 'document' ? 'file' : body.type, filename: media.filename, voice: media.voice === true || undefined };
      } else {
        view.text = `[${body.type}] ${media.link ?? ''}`.trim();
      }
      return;
    }
    default:
      view.text = `[${body.type}]`;
  }
}
