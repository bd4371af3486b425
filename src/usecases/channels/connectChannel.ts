import { InstagramGraphClient } from '../../channels/instagram/graphClient';
import { GraphApiError } from '../../channels/meta/graphApi';
import { WhatsAppGraphClient } from '../../channels/whatsapp/graphClient';
import type { AppContext } from '../../context';
import { secretHint } from '../../domain/channels/sealedSecret';
import { conflict, unprocessable } from '../../domain/shared/errors';
import { newId } from '../../domain/shared/ids';
import type { Channel, ChannelDetails, StoredCredentials } from '../../store/repositories/channels';
import { createDefaultAutomations } from '../automations/steps/createDefaultAutomations';
import { requireSecretBox } from './steps/channelAccess';

export type ConnectChannelInput = {
  workspaceId: string;
  actorId: string;
  accessToken: string;
  appSecret: string;
} & (
  | { kind: 'instagram'; accountId: string }
  | { kind: 'whatsapp'; phoneNumberId: string; businessAccountId: string; phoneNumber: string }
);

/**
 * An admin connects an account in Settings. Meta is asked first (whose token is this, which number
 * does it reach), so a wrong token is refused with Meta's own words and nothing is stored; then the
 * app is subscribed to the account's webhooks so messages arrive without a trip to Meta's
 * dashboard. The token and app secret are stored sealed. An account connected before (and since
 * disconnected) gets its old row back, with its history and contacts.
 */
export async function connectChannel(ctx: AppContext, input: ConnectChannelInput): Promise<Channel> {
  const box = requireSecretBox(ctx);
  const externalId = input.kind === 'instagram' ? input.accountId : input.phoneNumberId;
  const existing = await ctx.store.repos.channels.findAnyByExternalId(input.kind, externalId);
  if (existing && existing.workspaceId !== input.workspaceId) {
    throw conflict('channel_taken', 'This account is connected to another workspace of this Braid.');
  }
  if (existing?.source === 'environment') {
    throw conflict('channel_from_environment', 'This account is configured by environment variables; change them to change it.');
  }
  if (existing && existing.disconnectedAt === null) {
    throw conflict('channel_already_connected', 'This account is already connected. Use Replace token to give it a new token.');
  }

  const { name, details } = await askMeta(ctx, input);
  const id = existing?.id ?? newId();
  const credentials: StoredCredentials = {
    sealed: { accessToken: box.seal(input.accessToken, id), appSecret: box.seal(input.appSecret, id) },
    tokenHint: secretHint(input.accessToken),
    secretHint: secretHint(input.appSecret),
  };
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    if (existing) await repos.channels.reconnect(id, { name, source: 'settings', details, credentials });
    else {
      const channel = await repos.channels.create(
        { id, workspaceId: input.workspaceId, kind: input.kind, name, externalId, source: 'settings', details, credentials },
        now,
      );
      if (input.kind === 'instagram') await createDefaultAutomations(repos, { channel, now });
    }
    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: 'user',
        actorId: input.actorId,
        action: existing ? 'channel.reconnected' : 'channel.connected',
        subjectType: 'channel',
        subjectId: id,
        data: { kind: input.kind, externalId, name },
      },
      now,
    );
    await repos.events.record(input.workspaceId, 'channel.updated', { channelId: id }, now);
    const channel = await repos.channels.get(input.workspaceId, id);
    return channel!;
  });
}

async function askMeta(ctx: AppContext, input: ConnectChannelInput): Promise<{ name: string; details: ChannelDetails }> {
  try {
    if (input.kind === 'instagram') {
      const client = new InstagramGraphClient({ apiUrl: ctx.config.meta.instagram.apiUrl, accountId: input.accountId, accessToken: input.accessToken });
      const account = await client.getAccount();
      if (account.userId !== input.accountId) {
        throw unprocessable(
          'channel_token_mismatch',
          `This token belongs to Instagram account ${account.userId}${account.username ? ` (@${account.username})` : ''}, not to ${input.accountId}.`,
        );
      }
      await client.subscribeApp(input.accountId);
      return { name: account.username ? `@${account.username}` : input.accountId, details: { username: account.username } };
    }
    const client = new WhatsAppGraphClient({ apiUrl: ctx.config.meta.whatsapp.apiUrl, phoneNumberId: input.phoneNumberId, accessToken: input.accessToken });
    const number = await client.getPhoneNumber();
    await client.subscribeApp(input.businessAccountId);
    const shown = number.displayPhoneNumber ?? `+${input.phoneNumber}`;
    return {
      name: number.verifiedName ? `${number.verifiedName} (${shown})` : shown,
      details: {
        verifiedName: number.verifiedName,
        displayPhoneNumber: input.phoneNumber,
        businessAccountId: input.businessAccountId,
      },
    };
  } catch (error) {
    if (error instanceof GraphApiError) throw unprocessable('meta_refused', `Meta refused: ${error.message}`, { code: error.code, subcode: error.subcode });
    throw error;
  }
}
