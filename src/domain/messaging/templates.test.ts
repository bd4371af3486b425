import { describe, expect, it } from 'vitest';
import { isSendable, renderTemplate, templateSendComponents, templateValuesProblem, templateVariables } from './templates';

const orderUpdate = {
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
    { type: 'BODY', text: 'Hi {{1}}, it arrives on {{2}}.' },
    { type: 'FOOTER', text: 'Braid Shop' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Talk to us' },
        { type: 'URL', text: 'Track order', url: 'https://shop.example/t/{{1}}' },
      ],
    },
  ],
};

describe('template variables', () => {
  it('lists body variables first, then the header’s, then each URL button’s, named by where they go', () => {
    expect(templateVariables(orderUpdate).map((v) => v.label)).toEqual(['Variable 1', 'Variable 2', 'Variable 3 (header)', 'Variable 4 (Track order button link)']);
  });

  it('counts a placeholder used twice once, as Meta does', () => {
    expect(templateVariables({ components: [{ type: 'BODY', text: '{{1}} and {{1}} again, {{2}}' }] })).toHaveLength(2);
  });

  it('builds Meta’s components with each value where it goes, and the text the customer reads', () => {
    const values = ['Ana', 'Friday', '#7', '7'];
    expect(templateSendComponents(orderUpdate, values)).toEqual([
      { type: 'header', parameters: [{ type: 'text', text: '#7' }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'Friday' }] },
      { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '7' }] },
    ]);
    expect(renderTemplate(orderUpdate, values)).toBe('Order #7\nHi Ana, it arrives on Friday.\nBraid Shop\n[Talk to us] [Track order]');
  });

  it('says what is missing before Meta would', () => {
    expect(templateValuesProblem(orderUpdate, ['Ana'])).toBe('This template has 4 variables; 1 was given.');
    expect(templateValuesProblem(orderUpdate, ['Ana', ' ', '#7', '7'])).toBe('Fill in Variable 2.');
    expect(templateValuesProblem(orderUpdate, ['Ana', 'Friday', '#7', '7'])).toBeNull();
  });

  it('lets only approved templates be sent', () => {
    expect(isSendable({ status: 'APPROVED' })).toBe(true);
    expect(isSendable({ status: 'REJECTED' })).toBe(false);
    expect(isSendable({ status: 'PAUSED' })).toBe(false);
  });
});
