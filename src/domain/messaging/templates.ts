import { z } from 'zod';

/**
 * WhatsApp message templates: the only messages a business may send once the 24-hour window has
 * closed. Meta keeps them per WhatsApp Business Account; Braid keeps a copy per channel so the
 * composer can list them, ask for their variables, and show the customer's view before sending.
 */

const button = z.looseObject({
  type: z.string(),
  text: z.string().default(''),
  url: z.string().optional(),
  phone_number: z.string().optional(),
});

/** One component as `GET /<waba-id>/message_templates` returns it (unknown fields kept). */
export const templateComponentSchema = z.looseObject({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(button).optional(),
});
export type TemplateComponent = z.infer<typeof templateComponentSchema>;

export interface MessageTemplate {
  name: string;
  language: string;
  category: string;
  status: string;
  components: TemplateComponent[];
}

/** Where a variable goes: body ones first, in order; then the header's; then each URL button's. */
export interface TemplateVariable {
  /** "Variable 1", "Variable 3 (header)", "Variable 4 (Track order button link)". */
  label: string;
  where: 'body' | 'header' | 'button';
  /** The placeholder number inside its component ({{1}} → 1). */
  position: number;
  /** The button's index among the template's buttons. */
  buttonIndex?: number;
}

const PLACEHOLDER = /\{\{(\d+)\}\}/g;

function placeholderCount(text: string | undefined): number {
  return new Set([...(text ?? '').matchAll(PLACEHOLDER)].map((m) => m[1])).size;
}

const componentOf = (template: Pick<MessageTemplate, 'components'>, type: string) =>
  template.components.find((c) => c.type.toUpperCase() === type);

/** Meta sends only what an APPROVED template says; the others are listed but cannot be sent. */
export function isSendable(template: Pick<MessageTemplate, 'status'>): boolean {
  return template.status.toUpperCase() === 'APPROVED';
}

/** The template's variables in the order the composer asks for them. */
export function templateVariables(template: Pick<MessageTemplate, 'components'>): TemplateVariable[] {
  const variables: Omit<TemplateVariable, 'label'>[] = [];
  const header = componentOf(template, 'HEADER');
  const body = componentOf(template, 'BODY');
  for (let i = 1; i <= placeholderCount(body?.text); i++) variables.push({ where: 'body', position: i });
  if (header && (header.format ?? 'TEXT').toUpperCase() === 'TEXT') {
    for (let i = 1; i <= placeholderCount(header.text); i++) variables.push({ where: 'header', position: i });
  }
  (componentOf(template, 'BUTTONS')?.buttons ?? []).forEach((b, buttonIndex) => {
    for (let i = 1; i <= placeholderCount(b.url); i++) variables.push({ where: 'button', position: i, buttonIndex });
  });
  return variables.map((v, index) => {
    const number = `Variable ${index + 1}`;
    if (v.where === 'body') return { ...v, label: number };
    if (v.where === 'header') return { ...v, label: `${number} (header)` };
    const title = componentOf(template, 'BUTTONS')?.buttons?.[v.buttonIndex!]?.text ?? 'button';
    return { ...v, label: `${number} (${title} button link)` };
  });
}

function fill(text: string, values: (position: number) => string | undefined): string {
  return text.replace(PLACEHOLDER, (whole, n: string) => values(Number(n)) ?? whole);
}

function valueFor(variables: TemplateVariable[], values: string[], where: TemplateVariable['where'], buttonIndex?: number) {
  return (position: number) => {
    const index = variables.findIndex((v) => v.where === where && v.position === position && v.buttonIndex === buttonIndex);
    return index === -1 ? undefined : values[index];
  };
}

/**
 * The message as the customer will read it: header, body and footer, then the buttons in brackets.
 * Variables not filled in yet stay as {{n}}, so a live preview shows what is missing.
 */
export function renderTemplate(template: Pick<MessageTemplate, 'components'>, values: string[]): string {
  const variables = templateVariables(template);
  const lines: string[] = [];
  const header = componentOf(template, 'HEADER');
  const body = componentOf(template, 'BODY');
  const footer = componentOf(template, 'FOOTER');
  if (header?.text) lines.push(fill(header.text, valueFor(variables, values, 'header')));
  if (body?.text) lines.push(fill(body.text, valueFor(variables, values, 'body')));
  if (footer?.text) lines.push(footer.text);
  const buttons = componentOf(template, 'BUTTONS')?.buttons ?? [];
  if (buttons.length) lines.push(buttons.map((b) => `[${b.text}]`).join(' '));
  return lines.join('\n');
}

/** The `components` of a `type: "template"` send: one parameter per variable, where Meta expects it. */
export function templateSendComponents(template: Pick<MessageTemplate, 'components'>, values: string[]): unknown[] {
  const variables = templateVariables(template);
  const parameters = (where: TemplateVariable['where'], buttonIndex?: number) =>
    variables
      .map((v, index) => ({ v, text: values[index] ?? '' }))
      .filter(({ v }) => v.where === where && v.buttonIndex === buttonIndex)
      .sort((a, b) => a.v.position - b.v.position)
      .map(({ text }) => ({ type: 'text', text }));
  const components: unknown[] = [];
  const header = parameters('header');
  if (header.length) components.push({ type: 'header', parameters: header });
  const body = parameters('body');
  if (body.length) components.push({ type: 'body', parameters: body });
  (componentOf(template, 'BUTTONS')?.buttons ?? []).forEach((b, index) => {
    const params = parameters('button', index);
    if (params.length) components.push({ type: 'button', sub_type: b.type.toLowerCase(), index: String(index), parameters: params });
  });
  return components;
}

/** A send's values checked against the template before Meta sees them: a sentence, or null. */
export function templateValuesProblem(template: Pick<MessageTemplate, 'components'>, values: string[]): string | null {
  const variables = templateVariables(template);
  if (values.length !== variables.length) {
    return `This template has ${variables.length} variable${variables.length === 1 ? '' : 's'}; ${values.length} ${values.length === 1 ? 'was' : 'were'} given.`;
  }
  const empty = variables.find((_, index) => !values[index]?.trim());
  return empty ? `Fill in ${empty.label}.` : null;
}
