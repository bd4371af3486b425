import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template';

const orderUpdate = {
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
    { type: 'BODY', text: 'Arrives on {{1}}.' },
    { type: 'FOOTER', text: 'Braid Shop' },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://shop.example/t/{{1}}' }] },
  ],
  variables: [
    { label: 'Variable 1', where: 'body' as const, position: 1 },
    { label: 'Variable 2 (header)', where: 'header' as const, position: 1 },
    { label: 'Variable 3 (Track button link)', where: 'button' as const, position: 1, buttonIndex: 0 },
  ],
};

describe('renderTemplate', () => {
  it('fills each variable where it goes', () => {
    expect(renderTemplate(orderUpdate, ['Friday', '#7', '7'])).toEqual({
      header: 'Order #7',
      body: 'Arrives on Friday.',
      footer: 'Braid Shop',
      buttons: [{ text: 'Track', url: 'https://shop.example/t/7' }],
    });
  });

  it('keeps {{n}} where nothing is typed yet', () => {
    expect(renderTemplate(orderUpdate, ['', '#7']).body).toBe('Arrives on {{1}}.');
  });
});
