import { InstagramGraphClient } from '../../../channels/instagram/graphClient';
import { WhatsAppGraphClient } from '../../../channels/whatsapp/graphClient';
import type { AppContext, GraphClients } from '../../../context';
import { type SecretBox, SecretKeyError } from '../../../domain/channels/sealedSecret';
import { conflict } from '../../../domain/shared/errors';
import type { Channel } from '../../../store/repositories/channels';

export interface ChannelCredentials {
  accessToken: string;
  appSecret: string;
}

/**
 * The token and app secret a channel works with: its own, opened with the instance key, when it
 * was connected in Settings; the environment's otherwise (environment channels never store them).
 * Undefined when its stored secrets cannot be opened (no key on this instance).
 */
export function channelCredentials(ctx: AppContext, channel: Channel): ChannelCredentials | undefined {
  if (!channel.sealed) {
    const { meta } = ctx.config;
    return { accessToken: channel.kind === 'instagram' ? meta.instagram.accessToken : meta.whatsapp.accessToken, appSecret: meta.appSecret };
  }
  if (!ctx.secrets) return undefined;
  try {
    return {
      accessToken: ctx.secrets.open(channel.sealed.accessToken, channel.id),
      appSecret: ctx.secrets.open(channel.sealed.appSecret, channel.id),
    };
  } catch (error) {
    if (!(error instanceof SecretKeyError)) throw error;
    // A changed key must not take the webhooks down with it: the channel just cannot speak.
    ctx.logger.error({ channelId: channel.id, reason: error.message }, 'channel secrets cannot be opened');
    return undefined;
  }
}

/** Graph clients that speak for this channel's account with its own token. */
export function graphForChannel(ctx: AppContext, channel: Channel): GraphClients {
  if (!channel.sealed) return ctx.graph;
  const credentials = channelCredentials(ctx, channel);
  const accessToken = credentials?.accessToken ?? '';
  return channel.kind === 'instagram'
    ? { ...ctx.graph, instagram: new InstagramGraphClient({ apiUrl: ctx.config.meta.instagram.apiUrl, accountId: channel.externalId, accessToken }) }
    : { ...ctx.graph, whatsapp: new WhatsAppGraphClient({ apiUrl: ctx.config.meta.whatsapp.apiUrl, phoneNumberId: channel.externalId, accessToken }) };
}

/** Secrets entered in the UI must be sealed; without a key they are not taken at all. */
export function requireSecretBox(ctx: AppContext): SecretBox {
  if (!ctx.secrets) {
    throw conflict(
      'secret_key_missing',
      'Set BRAID_SECRET_KEY (32 random bytes in base64, e.g. openssl rand -base64 32) and restart Braid to connect channels here: without it their tokens cannot be stored encrypted.',
    );
  }
  return ctx.secrets;
}

/**
 * What to paste as Meta's "Verify token": META_VERIFY_TOKEN when set, else one derived from the
 * instance key for the workspace (stable across restarts, nothing to store). None without either.
 */
export function webhookVerifyToken(ctx: AppContext, workspaceId: string): string | undefined {
  if (ctx.config.meta.verifyToken) return ctx.config.meta.verifyToken;
  return ctx.secrets?.derive(`webhook-verify-token:${workspaceId}`);
}
