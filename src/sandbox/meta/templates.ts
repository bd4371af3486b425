import { graphError } from './graphErrors';

/**
 * The business's WhatsApp message templates as Meta keeps them (`GET /<waba-id>/message_templates`)
 * and Meta's checks on a `type: "template"` send. The platform plays Meta: it imports nothing from
 * Braid, so the rendering below is its own, as the customer's phone would show it.
 */

export interface SandboxTemplateComponent {
  type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
  format?: 'TEXT';
  text?: string;
  example?: Record<string, unknown>;
  buttons?: { type: 'URL' | 'QUICK_REPLY' | 'PHONE_NUMBER'; text: string; url?: string; phone_number?: string; example?: string[] }[];
}

export interface SandboxTemplate {
  id: string;
  name: string;
  language: string;
  status: 'APPROVED' | 'REJECTED' | 'PENDING' | 'PAUSED' | 'DISABLED';
  category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  components: SandboxTemplateComponent[];
  rejected_reason?: string;
}

/**
 * A few approved templates (one in two languages) and one Meta rejected, plus `hello_world`, the
 * sample Meta puts in every new business account.
 */
export function defaultTemplates(): SandboxTemplate[] {
  return [
    {
      id: '1207384512003310',
      name: 'hello_world',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
        {
          type: 'BODY',
          text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
        },
        { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
      ],
    },
    {
      id: '1207384512003311',
      name: 'follow_up',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, this is {{2}} following up on your message. Reply here and we will pick it up.', example: { body_text: [['Ana', 'Braid Shop']] } },
        { type: 'FOOTER', text: 'Braid Shop' },
      ],
    },
    {
      id: '1207384512003312',
      name: 'follow_up',
      language: 'pt_BR',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Olá {{1}}, aqui é {{2}} dando seguimento à sua mensagem. Responda aqui e continuamos.', example: { body_text: [['Ana', 'Braid Shop']] } },
        { type: 'FOOTER', text: 'Braid Shop' },
      ],
    },
    {
      id: '1207384512003313',
      name: 'order_update',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1042'] } },
        { type: 'BODY', text: 'Your order is on its way and should arrive on {{1}}.', example: { body_text: [['Friday']] } },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'URL', text: 'Track order', url: 'https://shop.example.com/track/{{1}}', example: ['https://shop.example.com/track/1042'] },
            { type: 'QUICK_REPLY', text: 'Talk to us' },
          ],
        },
      ],
    },
    {
      id: '1207384512003314',
      name: 'conversation_reopen',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'We have an update for you. Reply to this message to continue the conversation.' }],
    },
    {
      id: '1207384512003315',
      name: 'summer_sale',
      language: 'en_US',
      status: 'REJECTED',
      category: 'MARKETING',
      rejected_reason: 'PROMOTIONAL',
      components: [{ type: 'BODY', text: 'Everything 50% off this weekend only, {{1}}!', example: { body_text: [['Ana']] } }],
    },
  ];
}

/** Meta's page size when `limit` is absent. */
export const DEFAULT_TEMPLATE_PAGE = 25;

/** One page of `GET /<waba-id>/message_templates`, with Meta's cursor paging. */
export function templatePage(templates: SandboxTemplate[], query: { limit?: string; after?: string }, selfUrl: string) {
  const limit = Math.min(Math.max(Number(query.limit) || DEFAULT_TEMPLATE_PAGE, 1), 1000);
  const start = query.after ? decodeCursor(query.after) : 0;
  const data = templates.slice(start, start + limit);
  const end = start + data.length;
  const cursors = { before: encodeCursor(start), after: encodeCursor(end) };
  const next = end < templates.length ? `${selfUrl}?limit=${limit}&after=${encodeURIComponent(cursors.after)}` : undefined;
  return { data, paging: { cursors, ...(next && { next }) } };
}

function encodeCursor(index: number): string {
  return Buffer.from(`tpl:${index}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^tpl:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw graphError('whatsapp', { code: 100, message: '(#100) Invalid cursor', details: `The after cursor ${cursor} is not valid.` });
  return Number(match[1]);
}

interface SendParameter {
  type?: string;
  text?: string;
}
interface SendComponent {
  type?: string;
  sub_type?: string;
  index?: string | number;
  parameters?: SendParameter[];
}

/** Meta checks a translated body against this length (error 132005). */
export const TEMPLATE_BODY_MAX = 1024;

const placeholders = (text: string | undefined) => new Set((text ?? '').match(/\{\{\d+\}\}/g) ?? []).size;
const fill = (text: string, values: string[]) => text.replace(/\{\{(\d+)\}\}/g, (whole, n) => values[Number(n) - 1] ?? whole);

/**
 * Meta's checks on a template send, in its order: the template exists and is approved in that
 * language (132001), each component's parameters match its placeholders (132000), parameters keep
 * to the character policy (132007), and the filled body fits (132005).
 */
export function checkTemplateSend(templates: SandboxTemplate[], template: TemplateSend): void {
  const code = template.language?.code ?? '';
  const found = templates.find((t) => t.name === template.name && t.language === code && t.status === 'APPROVED');
  if (!found) {
    throw graphError('whatsapp', {
      code: 132001,
      message: '(#132001) Template name does not exist in the translation',
      details: `template name (${template.name}) does not exist in ${code || 'the requested language'}`,
    });
  }
  const sent = template.components ?? [];
  const textsOf = (component: SendComponent | undefined) => (component?.parameters ?? []).map((p) => p.text ?? '');
  const header = found.components.find((c) => c.type === 'HEADER');
  const body = found.components.find((c) => c.type === 'BODY');
  const headerValues = textsOf(sent.find((c) => c.type === 'header'));
  const bodyValues = textsOf(sent.find((c) => c.type === 'body'));
  const checks: { where: string; expected: number; values: string[] }[] = [
    { where: 'header', expected: placeholders(header?.text), values: headerValues },
    { where: 'body', expected: placeholders(body?.text), values: bodyValues },
  ];
  const buttons = found.components.find((c) => c.type === 'BUTTONS')?.buttons ?? [];
  buttons.forEach((button, index) => {
    const values = textsOf(sent.find((c) => c.type === 'button' && Number(c.index) === index));
    checks.push({ where: `button ${index}`, expected: placeholders(button.url), values });
  });
  for (const check of checks) {
    if (check.values.length !== check.expected) {
      throw graphError('whatsapp', {
        code: 132000,
        message: '(#132000) Number of parameters does not match the expected number of params',
        details: `${check.where}: number of localizable_params (${check.values.length}) does not match the expected number of params (${check.expected})`,
      });
    }
  }
  for (const value of checks.flatMap((c) => c.values)) {
    if (/[\n\t]/.test(value) || / {5,}/.test(value) || value.trim() === '') {
      throw graphError('whatsapp', {
        code: 132007,
        message: '(#132007) Template Format Character Policy Violated',
        details: 'Param text cannot be empty, have new-line/tab characters or more than 4 consecutive spaces',
      });
    }
  }
  const filledBody = fill(body?.text ?? '', bodyValues);
  if (filledBody.length > TEMPLATE_BODY_MAX) {
    throw graphError('whatsapp', {
      code: 132005,
      message: '(#132005) Translated text too long',
      details: `The body is ${filledBody.length} characters once its parameters are filled; the limit is ${TEMPLATE_BODY_MAX}.`,
    });
  }
}

type TemplateSend = { name?: string; language?: { code?: string }; components?: SendComponent[] };

/** A sent template as the customer's phone shows it, or undefined when it names no known template. */
export function templateView(templates: SandboxTemplate[], sent: TemplateSend): { text: string; buttons: ReturnType<typeof templateButtons> } | undefined {
  const found = templates.find((t) => t.name === sent.name && t.language === sent.language?.code);
  if (!found) return undefined;
  const components = sent.components ?? [];
  const textsOf = (component: SendComponent | undefined) => (component?.parameters ?? []).map((p) => p.text ?? '');
  const buttonCount = found.components.find((c) => c.type === 'BUTTONS')?.buttons?.length ?? 0;
  const buttonValues = Array.from({ length: buttonCount }, (_, index) => textsOf(components.find((c) => c.type === 'button' && Number(c.index) === index)));
  const values = { header: textsOf(components.find((c) => c.type === 'header')), body: textsOf(components.find((c) => c.type === 'body')), buttons: buttonValues };
  return { text: renderForCustomer(found, values), buttons: templateButtons(found, buttonValues) };
}

/** The template as the customer's phone shows it: header, body, footer, then its buttons. */
function renderForCustomer(template: SandboxTemplate, values: { header: string[]; body: string[] }): string {
  const lines: string[] = [];
  for (const component of template.components) {
    if (component.type === 'HEADER' && component.text) lines.push(fill(component.text, values.header));
    if (component.type === 'BODY' && component.text) lines.push(fill(component.text, values.body));
    if (component.type === 'FOOTER' && component.text) lines.push(component.text);
  }
  return lines.join('\n');
}

/** The buttons the customer can tap, with URL buttons' links filled. */
function templateButtons(template: SandboxTemplate, buttonValues: string[][]) {
  const buttons = template.components.find((c) => c.type === 'BUTTONS')?.buttons ?? [];
  return buttons.map((b, index) =>
    b.type === 'URL'
      ? { kind: 'web_url' as const, title: b.text, url: fill(b.url ?? '', buttonValues[index] ?? []) }
      : { kind: 'reply' as const, title: b.text, id: b.text },
  );
}
