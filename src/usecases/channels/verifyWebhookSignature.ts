import { entryAccountIds } from '../../channels/meta/entryAccounts';
import { verifySignature } from '../../channels/meta/signature';
import type { AppContext } from '../../context';
import type { ChannelKind } from '../../domain/shared/channelKind';
import { channelCredentials } from './steps/channelAccess';

export interface WebhookSignatureCheck {
  /** Accounts of connected channels whose app secret did not sign the body, with the reason. */
  unsigned: Map<string, string>;
}

/**
 * Meta signs a webhook body with the app secret of the app the accounts are subscribed through,
 * and each channel may belong to another app (an Instagram Login app signs with the Instagram
 * app's secret). The candidates are the secrets of the channels the body's entries name, plus the
 * environment's META_APP_SECRET. A body no candidate signed is refused as a whole (null: 401,
 * nothing stored); in a body some secret did sign, the entries of channels with another secret are
 * reported so ingest records them as rejected instead of storing them.
 */
export async function verifyWebhookSignature(
  ctx: AppContext,
  input: { kind: ChannelKind; rawBody: Buffer; signature: string | undefined },
): Promise<WebhookSignatureCheck | null> {
  const secretsByAccount = new Map<string, string | undefined>();
  for (const accountId of entryAccountIds(input.kind, parseJson(input.rawBody))) {
    const channel = await ctx.store.repos.channels.findByExternalId(input.kind, accountId);
    if (channel) secretsByAccount.set(accountId, channelCredentials(ctx, channel)?.appSecret);
  }
  const candidates = new Set([ctx.config.meta.appSecret, ...secretsByAccount.values()].filter((s): s is string => Boolean(s)));
  const signedWith = [...candidates].filter((secret) => verifySignature(input.rawBody, input.signature, secret));
  if (signedWith.length === 0) return null;

  const unsigned = new Map<string, string>();
  for (const [accountId, secret] of secretsByAccount) {
    if (secret === undefined) unsigned.set(accountId, `account ${accountId}: its app secret cannot be opened on this server (set BRAID_SECRET_KEY)`);
    else if (!signedWith.includes(secret)) unsigned.set(accountId, `account ${accountId}: the body is not signed with this account's app secret`);
  }
  return { unsigned };
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}
