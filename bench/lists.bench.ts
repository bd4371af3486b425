/**
 * List benchmark (prints figures; not a test). Seeds one workspace with 1M messages over 50k
 * contacts and 60k conversations (10k contacts have both channels), then measures over real HTTP
 * against Braid: the inbox's first page, a filtered page (unassigned WhatsApp), a deep cursor page
 * (50 pages in) and a thread page, as p50/p95 over many requests, on SQLite and on PostgreSQL,
 * with the server's RSS. Target from the issue: p95 ≤ 10 ms.
 * Knobs: BENCH_MESSAGES (default 1,000,000), BENCH_REQUESTS (default 200), BENCH_SKIP_POSTGRES=1.
 */
import os from 'node:os';
import type { Insertable } from 'kysely';
import { loadConfig } from '../src/config';
import { newId } from '../src/domain/shared/ids';
import { startBraid, type RunningBraid } from '../src/main';
import type { DB } from '../src/store/schema';
import { createAgent } from '../src/usecases/agents/createAgent';
import { adminQuery, onEachDatabase } from './lib/databases';
import { freePort } from './lib/freePort';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const CONTACTS = Math.round(MESSAGES / 20);
const BOTH_CHANNELS = Math.round(CONTACTS / 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const PASSWORD = 'bench password';

async function main() {
  console.log(
    `${MESSAGES.toLocaleString('en')} messages, ${CONTACTS.toLocaleString('en')} contacts, ` +
      `${(CONTACTS + BOTH_CHANNELS).toLocaleString('en')} conversations; ${REQUESTS} requests per figure; ` +
      `${os.cpus().length} CPUs, Node ${process.version}`,
  );
  await onEachDatabase('lists', ({ label, url }) => measure(url, label));
}

async function measure(databaseUrl: string, label: string) {
  const port = await freePort();
  const braid = await startBraid(
    loadConfig({ PORT: String(port), HOST: '127.0.0.1', BRAID_PUBLIC_URL: `http://127.0.0.1:${port}`, DATABASE_URL: databaseUrl, BRAID_SANDBOX: '0', LOG_LEVEL: 'silent' }),
    { serveWeb: false, startWorker: false },
  );
  try {
    const started = performance.now();
    const { workspaceId, email, conversationId } = await seed(braid);
    console.log(`\n${label}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const cookie = await signIn(braid.url, email);
    const get = (pathname: string) => fetch(braid.url + pathname, { headers: { cookie } });

    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const body = (await (await get(`/api/conversations?limit=30${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { nextCursor: string | null };
      cursor = body.nextCursor;
    }
    const figures: [string, string][] = [
      ['first page', '/api/conversations?limit=30'],
      ['unassigned WhatsApp', '/api/conversations?limit=30&assignee=unassigned&channel=whatsapp'],
      ['page 51 (cursor)', `/api/conversations?limit=30&cursor=${cursor}`],
      ['thread page', `/api/conversations/${conversationId}/messages?limit=50`],
    ];
    console.log(`${label}: ${'request'.padEnd(22)}${'p50'.padStart(9)}${'p95'.padStart(9)}`);
    for (const [name, pathname] of figures) {
      const first = await get(pathname);
      if (first.status !== 200) throw new Error(`${pathname} answered ${first.status}: ${await first.text()}`);
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const response = await get(pathname);
        await response.arrayBuffer();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
      const p95 = Number(p(0.95));
      console.log(`${label}: ${name.padEnd(22)}${`${p(0.5)} ms`.padStart(9)}${`${p95} ms`.padStart(9)}${p95 <= 10 ? '' : '   (over the 10 ms target)'}`);
    }
    console.log(`${label}: server RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB (benchmark and server share this process)`);
    void workspaceId;
  } finally {
    await braid.close();
  }
}

/** Bulk rows straight into the tables: seeding is not what is measured, and must take minutes, not hours. */
async function seed(braid: RunningBraid) {
  const { store } = braid.ctx;
  const now = Date.now();
  const workspace = (await store.repos.workspaces.first())!;
  const channels = await store.repos.channels.list(workspace.id);
  let instagram = channels.find((c) => c.kind === 'instagram');
  let whatsapp = channels.find((c) => c.kind === 'whatsapp');
  instagram ??= await store.repos.channels.create({ id: newId(), workspaceId: workspace.id, kind: 'instagram', name: 'Instagram', externalId: 'bench-ig' }, now);
  whatsapp ??= await store.repos.channels.create({ id: newId(), workspaceId: workspace.id, kind: 'whatsapp', name: 'WhatsApp', externalId: 'bench-wa' }, now);
  const email = `bench-${newId()}@braid.test`;
  const agent = await createAgent(braid.ctx, { workspaceId: workspace.id, actorId: null, email, name: 'Bench', role: 'admin', password: PASSWORD });

  // Rounded up; the last conversations take what is left, so exactly MESSAGES are written.
  const perConversation = Math.max(1, Math.ceil(MESSAGES / (CONTACTS + BOTH_CHANNELS)));
  let firstConversation = '';
  let written = 0;
  const chunk = 500;
  for (let start = 0; start < CONTACTS; start += chunk) {
    const contacts: Insertable<DB['contacts']>[] = [];
    const identities: Insertable<DB['identities']>[] = [];
    const conversations: Insertable<DB['conversations']>[] = [];
    const messages: Insertable<DB['messages']>[] = [];
    for (let n = start; n < Math.min(CONTACTS, start + chunk); n++) {
      const contactId = newId();
      contacts.push({ id: contactId, workspace_id: workspace.id, name: `Customer ${n}`, attributes: '{}', marketing_consent: 'unknown', created_at: now - n, updated_at: now - n });
      const kinds = n < BOTH_CHANNELS ? ([instagram, whatsapp] as const) : ([n % 2 ? whatsapp : instagram] as const);
      for (const channel of kinds) {
        const identityId = newId();
        const conversationId = newId();
        firstConversation ||= conversationId;
        const isWhatsApp = channel.kind === 'whatsapp';
        identities.push({
          id: identityId, workspace_id: workspace.id, contact_id: contactId, channel_id: channel.id, kind: channel.kind,
          external_id: isWhatsApp ? `PT.${n}` : `ig${n}`, phone: isWhatsApp ? `3519${String(n).padStart(8, '0')}` : null,
          username: isWhatsApp ? null : `customer_${n}`, display_name: `Customer ${n}`, created_at: now - n,
        });
        const count = Math.min(perConversation, MESSAGES - written);
        const lastAt = now - n * 1000;
        conversations.push({
          id: conversationId, workspace_id: workspace.id, identity_id: identityId, channel_id: channel.id, kind: channel.kind,
          status: 'open', assignee_id: n % 3 === 0 ? agent.id : null, unread_count: n % 4, last_message_at: lastAt,
          last_message_preview: `message ${count - 1}`, last_inbound_at: lastAt, created_at: now - n,
        });
        for (let k = 0; k < count; k++) {
          const id = newId();
          messages.push({
            id, workspace_id: workspace.id, conversation_id: conversationId, channel_id: channel.id, kind: channel.kind,
            direction: k % 2 ? 'outbound' : 'inbound', external_id: `m-${id}`, type: 'text', text: `message ${k}`, payload: '{}',
            status: k % 2 ? 'sent' : 'received', sent_by: k % 2 ? 'agent' : 'customer', platform_ts: lastAt - (count - k) * 60_000, created_at: now,
          });
        }
        written += count;
      }
    }
    await store.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('contacts').values(contacts).execute();
      await trx.insertInto('identities').values(identities).execute();
      await trx.insertInto('conversations').values(conversations).execute();
      for (let i = 0; i < messages.length; i += 1000) await trx.insertInto('messages').values(messages.slice(i, i + 1000)).execute();
    });
  }
  if (store.dialect === 'postgres') await adminQuery(databaseUrlOf(braid), 'analyze');
  console.log(`seeded ${written.toLocaleString('en')} messages`);
  return { workspaceId: workspace.id, email, conversationId: firstConversation };
}

function databaseUrlOf(braid: RunningBraid): string {
  const storage = braid.ctx.config.storage;
  return storage.dialect === 'postgres' ? storage.url : '';
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0];
}


await main();
