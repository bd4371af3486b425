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
