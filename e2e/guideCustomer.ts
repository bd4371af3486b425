import { expect, type APIRequestContext } from '@playwright/test';

/**
 * The customer's side of the guide, through the simulated Meta platform's control API
 * (`/sandbox/api`, see src/sandbox/meta/README.md): the customer writes on Instagram and
 * WhatsApp, and the test reads what the business sent them on each channel's endpoint.
 */
export interface SentToCustomer {
  channel: 'instagram' | 'whatsapp';
  text?: string;
  buttons?: { title: string; url?: string }[];
  body: Record<string, unknown>;
}

export class SimulatedCustomer {
  private constructor(
    private readonly request: APIRequestContext,
    readonly id: string,
    readonly name: string,
  ) {}

  static async create(request: APIRequestContext, name: string): Promise<SimulatedCustomer> {
    const response = await request.post('/sandbox/api/customers', { data: { name, phone: `+3519${Math.floor(10_000_000 + Math.random() * 89_999_999)}` } });
    expect(response.status(), await response.text()).toBe(201);
    const { customer } = (await response.json()) as { customer: { id: string } };
    return new SimulatedCustomer(request, customer.id, name);
  }

  async sendInstagram(text: string) {
    const response = await this.request.post(`/sandbox/api/customers/${this.id}/instagram/messages`, { data: { text } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  async sendWhatsApp(text: string) {
    const response = await this.request.post(`/sandbox/api/customers/${this.id}/whatsapp/messages`, { data: { text } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  /** What the business sent this customer on one channel, oldest first (the Graph endpoint it reached decides the channel). */
  async received(channel: 'instagram' | 'whatsapp'): Promise<SentToCustomer[]> {
    const response = await this.request.get(`/sandbox/api/sends?channel=${channel}&customerId=${encodeURIComponent(this.id)}`);
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { sends: SentToCustomer[] }).sends;
  }

  /** The pre-filled WhatsApp text of the newest Connect button: the `text` of its wa.me link, decoded. */
  async connectLinkText(): Promise<string> {
    const connect = (await this.received('instagram')).flatMap((send) => send.buttons ?? []).filter((button) => button.title === 'Connect').at(-1);
    expect(connect?.url, 'the invite carries a Connect link to wa.me').toMatch(/^https:\/\/wa\.me\/\d+\?text=/);
    return new URL(connect!.url!).searchParams.get('text')!;
  }
}
