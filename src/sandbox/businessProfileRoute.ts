import type { FastifyPluginAsync } from 'fastify';
import type { MetaPlatform } from './meta/platform';

/**
 * `GET <prefix>/api/business`: who the simulated customers are talking to. The customer simulator
 * needs the business's WhatsApp number to judge a wa.me link the way a phone does (a link to any
 * other number, or none, cannot open this chat), and names to draw the two screens' headers.
 * Only public facts that a customer's phone would show; no tokens.
 */
export const businessProfileRoute: FastifyPluginAsync<{ platform: MetaPlatform }> = async (app, { platform }) => {
  app.get('/api/business', async () => {
    const profile = await platform.profile('me');
    return {
      instagram: { accountId: platform.options.instagramAccountId, username: profile.username, name: profile.name },
      whatsapp: { displayPhoneNumber: platform.options.whatsappDisplayPhoneNumber, name: profile.name },
    };
  });
};
