import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('starts on the embedded default with the sandbox when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.storage).toEqual({ dialect: 'sqlite', path: './data/braid.db' });
    expect(config.sandbox).toBe(true);
    expect(config.roles).toEqual({ web: true, worker: true });
    expect(config.meta.instagram.apiUrl).toBe('http://localhost:3000/sandbox/graph/v25.0');
  });

  it('turns the sandbox off by default when Meta credentials are set, and uses Meta’s URLs', () => {
    const config = loadConfig({ META_APP_SECRET: 's', INSTAGRAM_ACCESS_TOKEN: 't', WHATSAPP_ACCESS_TOKEN: 'w' });
    expect(config.sandbox).toBe(false);
    expect(config.meta.instagram.apiUrl).toBe('https://graph.instagram.com/v25.0');
    expect(config.meta.whatsapp.apiUrl).toBe('https://graph.facebook.com/v25.0');
  });

  it('reads sqlite: and postgres:// database URLs, roles and Redis', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db' }).storage).toEqual({ dialect: 'sqlite', path: '/tmp/x.db' });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }).storage).toEqual({ dialect: 'postgres', url: 'postgres://u@h:5432/d' });
    expect(loadConfig({ BRAID_ROLES: 'worker' }).roles).toEqual({ web: false, worker: true });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('keeps media on disk by default and in a bucket when BRAID_S3_URL is set', () => {
    expect(loadConfig({}).media).toEqual({ kind: 'disk', dir: './data/media' });
    expect(loadConfig({ BRAID_MEDIA_DIR: '/srv/braid-media' }).media).toEqual({ kind: 'disk', dir: '/srv/braid-media' });
    expect(
      loadConfig({ BRAID_S3_URL: 'https://s3.eu-west-1.amazonaws.com/braid-media', BRAID_S3_ACCESS_KEY_ID: 'k', BRAID_S3_SECRET_ACCESS_KEY: 's', BRAID_S3_REGION: 'eu-west-1' }).media,
    ).toEqual({ kind: 's3', endpoint: 'https://s3.eu-west-1.amazonaws.com', bucket: 'braid-media', region: 'eu-west-1', accessKeyId: 'k', secretAccessKey: 's' });
    expect(() => loadConfig({ BRAID_S3_URL: 'http://127.0.0.1:9000/media' })).toThrow(/BRAID_S3_URL needs BRAID_S3_ACCESS_KEY_ID/);
    expect(() => loadConfig({ BRAID_S3_URL: 'http://127.0.0.1:9000', BRAID_S3_ACCESS_KEY_ID: 'k', BRAID_S3_SECRET_ACCESS_KEY: 's' })).toThrow(/BRAID_S3_URL: use http\(s\):\/\/host/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ BRAID_ROLES: 'web,cook' }, 'BRAID_ROLES'],
    [{ BRAID_SANDBOX: 'maybe' }, 'BRAID_SANDBOX'],
    [{ WHATSAPP_PHONE_NUMBER: '+1 555' }, 'WHATSAPP_PHONE_NUMBER'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ BRAID_ADMIN_EMAIL: 'admin@braid.test' }, 'BRAID_ADMIN_PASSWORD'],
    [{ BRAID_TRUST_PROXY: 'yes please' }, 'BRAID_TRUST_PROXY'],
    [{ BRAID_TRUST_PROXY: '10.0.0.0/33' }, 'BRAID_TRUST_PROXY'],
    [{ BRAID_TRUST_PROXY: '127.0.0.1,' }, 'BRAID_TRUST_PROXY'],
    [{ BRAID_TRUST_PROXY: '-1' }, 'BRAID_TRUST_PROXY'],
  ])('stops with a message naming the variable for %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('trusts no proxy unless BRAID_TRUST_PROXY says which', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ BRAID_TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ BRAID_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ BRAID_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ BRAID_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ BRAID_TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ BRAID_TRUST_PROXY: ' 10.0.0.0/8, ::1 ,fd00::/8' }).trustProxy).toEqual(['10.0.0.0/8', '::1', 'fd00::/8']);
  });
});
