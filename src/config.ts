import net from 'node:net';
import { z } from 'zod';

/**
 * Braid's whole configuration, read from the environment once at start.
 * Every variable is documented with its default in the README; a wrong value
 * stops start-up with a message that names the variable.
 */
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const rolesSchema = z
  .string()
  .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['web', 'worker'])).min(1, 'name at least one role: web, worker'));

/** A proxy address or CIDR block, as Fastify's trustProxy list takes them. */
function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Whom to believe about the client's address (X-Forwarded-For): unset or `false` nobody, so the
 * address is the socket's; `true` every hop; a hop count; or a list of proxy addresses and CIDRs.
 */
const trustProxySchema = z
  .string()
  .trim()
  .transform((v, issue): boolean | number | string[] => {
    if (v === '' || v === 'false') return false;
    if (v === 'true') return true;
    if (/^\d+$/.test(v)) return Number(v);
    const entries = v.split(',').map((entry) => entry.trim());
    if (entries.every(isAddressOrCidr)) return entries;
    issue.addIssue({
      code: 'custom',
      message: `use true, false, a hop count, or proxy addresses or CIDRs separated by commas (got "${v}")`,
    });
    return z.NEVER;
  });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  BRAID_PUBLIC_URL: z.url().optional(),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'use sqlite:<path> or postgres://user@host:port/db')
      .optional(),
  ),
  BRAID_ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  BRAID_ADMIN_PASSWORD: optionalText.pipe(z.string().min(8, 'use at least 8 characters').optional()),
  BRAID_SECRET_KEY: optionalText.pipe(
    z
      .string()
      .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'use 32 random bytes in base64 (openssl rand -base64 32)')
      .optional(),
  ),
  META_APP_SECRET: optionalText,
  META_VERIFY_TOKEN: optionalText,
  INSTAGRAM_ACCOUNT_ID: optionalText,
  INSTAGRAM_ACCESS_TOKEN: optionalText,
  INSTAGRAM_API_URL: optionalText.pipe(z.url().optional()),
  WHATSAPP_PHONE_NUMBER_ID: optionalText,
  WHATSAPP_BUSINESS_ACCOUNT_ID: optionalText,
  WHATSAPP_PHONE_NUMBER: optionalText.pipe(
    z.string().regex(/^\d{6,15}$/, 'digits only, with the country code and no +').optional(),
  ),
  WHATSAPP_ACCESS_TOKEN: optionalText,
  WHATSAPP_API_URL: optionalText.pipe(z.url().optional()),
  BRAID_SANDBOX: optionalText.pipe(flag.optional()),
  REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, 'use redis://host:port').optional()),
  BRAID_ROLES: rolesSchema.default(['web', 'worker']),
  BRAID_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  BRAID_TRUST_PROXY: trustProxySchema.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BRAID_METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'use at least 16 characters (e.g. openssl rand -hex 24)').optional()),
  BRAID_MEDIA_DIR: optionalText,
  BRAID_S3_URL: optionalText.pipe(
    z
      .url()
      .regex(/^https?:\/\/[^/]+\/[^/?#]+\/?$/, 'use http(s)://host[:port]/bucket (the bucket is the first path segment)')
      .optional(),
  ),
  BRAID_S3_ACCESS_KEY_ID: optionalText,
  BRAID_S3_SECRET_ACCESS_KEY: optionalText,
  BRAID_S3_REGION: optionalText.pipe(z.string().default('us-east-1')),
});

export type StorageConfig =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string };

/**
 * Where media files live: a folder (the default, under the data folder), or an S3-compatible
 * bucket addressed by path style (`endpoint/bucket`), which MinIO, Garage and AWS all accept.
 */
export type MediaStorageConfig =
  | { kind: 'disk'; dir: string }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  storage: StorageConfig;
  media: MediaStorageConfig;
  admin?: { email: string; password: string };
  /** Seals channel tokens and app secrets at rest; unset on SQLite means a key file beside the database. */
  secretKey?: string;
  meta: {
    appSecret: string;
    verifyToken: string;
    instagram: { accountId: string; accessToken: string; apiUrl: string };
    whatsapp: {
      phoneNumberId: string;
      businessAccountId: string;
      phoneNumber: string;
      accessToken: string;
      apiUrl: string;
    };
  };
  sandbox: boolean;
  redisUrl?: string;
  /** When set, GET /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  roles: { web: boolean; worker: boolean };
  /** How long a worker holds a claimed job; a job whose worker died is claimed again after it. */
  jobLeaseMs: number;
  /** Fastify's trustProxy: which hops may name the client in X-Forwarded-For (false: none). */
  trustProxy: boolean | number | string[];
  logLevel: string;
}

export class ConfigError extends Error {}

/** Values the sandbox uses when Meta credentials are absent, so the demo runs with no set-up. */
export const SANDBOX_META = {
  appSecret: 'sandbox-app-secret',
  verifyToken: 'sandbox-verify-token',
  instagramAccountId: '17841400000000001',
  instagramAccessToken: 'sandbox-instagram-token',
  whatsappPhoneNumberId: '106540352242922',
  whatsappBusinessAccountId: '102290129340398',
  whatsappPhoneNumber: '15550783881',
  whatsappAccessToken: 'sandbox-whatsapp-token',
} as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.BRAID_S3_URL && !(e.BRAID_S3_ACCESS_KEY_ID && e.BRAID_S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(
      'Invalid configuration:\n  BRAID_S3_URL needs BRAID_S3_ACCESS_KEY_ID and BRAID_S3_SECRET_ACCESS_KEY',
    );
  }
  if (Boolean(e.BRAID_ADMIN_EMAIL) !== Boolean(e.BRAID_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration:\n  BRAID_ADMIN_EMAIL and BRAID_ADMIN_PASSWORD must be set together',
    );
  }
  const hasMetaCredentials = Boolean(
    e.META_APP_SECRET || e.INSTAGRAM_ACCESS_TOKEN || e.WHATSAPP_ACCESS_TOKEN,
  );
  const sandbox = e.BRAID_SANDBOX ?? !hasMetaCredentials;
  const publicUrl = (e.BRAID_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  // In the sandbox the Graph clients talk to the simulated platform mounted inside Braid.
  const sandboxGraph = `${publicUrl}/sandbox/graph/v25.0`;
  const fallback = <T>(value: T | undefined, sandboxValue: T, real: T): T =>
    value ?? (sandbox ? sandboxValue : real);

  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    storage: storageFrom(e.DATABASE_URL),
    media: mediaStorageFrom(e),
    admin: e.BRAID_ADMIN_EMAIL
      ? { email: e.BRAID_ADMIN_EMAIL.toLowerCase(), password: e.BRAID_ADMIN_PASSWORD! }
      : undefined,
    secretKey: e.BRAID_SECRET_KEY,
    meta: {
      appSecret: fallback(e.META_APP_SECRET, SANDBOX_META.appSecret, ''),
      verifyToken: fallback(e.META_VERIFY_TOKEN, SANDBOX_META.verifyToken, ''),
      instagram: {
        accountId: fallback(e.INSTAGRAM_ACCOUNT_ID, SANDBOX_META.instagramAccountId, ''),
        accessToken: fallback(e.INSTAGRAM_ACCESS_TOKEN, SANDBOX_META.instagramAccessToken, ''),
        apiUrl: fallback(e.INSTAGRAM_API_URL, sandboxGraph, 'https://graph.instagram.com/v25.0'),
      },
      whatsapp: {
        phoneNumberId: fallback(e.WHATSAPP_PHONE_NUMBER_ID, SANDBOX_META.whatsappPhoneNumberId, ''),
        businessAccountId: fallback(
          e.WHATSAPP_BUSINESS_ACCOUNT_ID,
          SANDBOX_META.whatsappBusinessAccountId,
          '',
        ),
        phoneNumber: fallback(e.WHATSAPP_PHONE_NUMBER, SANDBOX_META.whatsappPhoneNumber, ''),
        accessToken: fallback(e.WHATSAPP_ACCESS_TOKEN, SANDBOX_META.whatsappAccessToken, ''),
        apiUrl: fallback(e.WHATSAPP_API_URL, sandboxGraph, 'https://graph.facebook.com/v25.0'),
      },
    },
    sandbox,
    redisUrl: e.REDIS_URL,
    metricsToken: e.BRAID_METRICS_TOKEN,
    roles: { web: e.BRAID_ROLES.includes('web'), worker: e.BRAID_ROLES.includes('worker') },
    jobLeaseMs: e.BRAID_JOB_LEASE_SECONDS * 1000,
    trustProxy: e.BRAID_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
  };
}

/** Where a DATABASE_URL points; unset means the embedded default. */
export function storageFrom(url: string | undefined): StorageConfig {
  if (!url) return { dialect: 'sqlite', path: './data/braid.db' };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', path: url.slice('sqlite:'.length) };
  return { dialect: 'postgres', url };
}

/** An S3 URL when one is set; otherwise the folder (BRAID_MEDIA_DIR, or `media` beside the data). */
function mediaStorageFrom(e: z.infer<typeof envSchema>): MediaStorageConfig {
  if (e.BRAID_S3_URL) {
    const url = new URL(e.BRAID_S3_URL);
    return {
      kind: 's3',
      endpoint: url.origin,
      bucket: decodeURIComponent(url.pathname.split('/').filter(Boolean)[0]),
      region: e.BRAID_S3_REGION,
      accessKeyId: e.BRAID_S3_ACCESS_KEY_ID!,
      secretAccessKey: e.BRAID_S3_SECRET_ACCESS_KEY!,
    };
  }
  return { kind: 'disk', dir: e.BRAID_MEDIA_DIR ?? './data/media' };
}
