import type { MessageTemplate } from '../api/list-templates';

const PLACEHOLDER = /\{\{(\d+)\}\}/g;

/**
 * The message as the customer's phone will show it, filled with what the agent typed so far;
 * a variable still empty shows as its {{n}} so the gap is visible. Mirrors the server's renderTemplate.
 */
export function renderTemplate(template: Pick<MessageTemplate, 'components' | 'variables'>, values: string[]) {
  const valueFor = (where: 'body' | 'header' | 'button', buttonIndex?: number) => (position: number) => {
    const index = template.variables.findIndex((v) => v.where === where && v.position === position && v.buttonIndex === buttonIndex);
    return index === -1 ? undefined : values[index] || undefined;
  };
  const fill = (text: string, value: (position: number) => string | undefined) => text.replace(PLACEHOLDER, (whole, n: string) => value(Number(n)) ?? whole);
  const component = (type: string) => template.components.find((c) => c.type.toUpperCase() === type);
  const header = component('HEADER')?.text;
  const body = component('BODY')?.text;
  const footer = component('FOOTER')?.text;
  const buttons = (component('BUTTONS')?.buttons ?? []).map((b, index) => ({
    text: b.text,
    url: b.url ? fill(b.url, valueFor('button', index)) : undefined,
  }));
  return {
    header: header ? fill(header, valueFor('header')) : undefined,
    body: body ? fill(body, valueFor('body')) : '',
    footer,
    buttons,
  };
}
