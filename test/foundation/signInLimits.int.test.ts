import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';

const WINDOW_MS = 15 * 60 * 1000;

let counter = 0;
const unknownEmail = () => `nobody-${counter++}@braid.test`;

/** One sign-in, optionally claiming to come from `forwardedFor` (only believed behind a trusted proxy). */
function login(braid: TestBraid, email: string, password: string, forwardedFor?: string) {
  return new ApiClient(braid.url).request('POST', '/api/auth/login', { email, password }, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});
}

describe('the client address with BRAID_TRUST_PROXY unset', () => {
  let braid: TestBraid;
  beforeAll(async () => {
    braid = await startTestBraid();
  });
  afterAll(async () => {
    await braid?.close();
  });

  it('is the socket address: a rotating X-Forwarded-For does not reset the per-address limit', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await login(braid, unknownEmail(), 'guess', `198.51.100.${i + 1}`)).status).toBe(401);
    }
    const limited = await login(braid, unknownEmail(), 'guess', '198.51.100.99');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
  });
});

describe('the client address with BRAID_TRUST_PROXY=127.0.0.1', () => {
  let braid: TestBraid;
  beforeAll(async () => {
    braid = await startTestBraid({ BRAID_TRUST_PROXY: '127.0.0.1' });
  });
  afterEach(() => {
    braid.clock.advance(WINDOW_MS);
  });
  afterAll(async () => {
    await braid?.close();
  });

  it('is the forwarded address: each address has its own limit', async () => {
    for (let i = 0; i < 25; i++) {
      expect((await login(braid, unknownEmail(), 'guess', `198.51.100.${i + 1}`)).status).toBe(401);
    }
  });

  it('limits the forwarded address, not the proxy', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await login(braid, unknownEmail(), 'guess', '203.0.113.7')).status).toBe(401);
    }
    expect((await login(braid, unknownEmail(), 'guess', '203.0.113.7')).status).toBe(429);
    expect((await login(braid, unknownEmail(), 'guess', '203.0.113.8')).status).toBe(401);
  });
});

describe('the client address with BRAID_TRUST_PROXY=1 (one proxy in front)', () => {
  let braid: TestBraid;
  beforeAll(async () => {
    braid = await startTestBraid({ BRAID_TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await braid?.close();
  });

  it('is the address the proxy saw: entries a client adds before it change nothing', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await login(braid, unknownEmail(), 'guess', `192.0.2.${i + 1}, 198.51.100.1`)).status).toBe(401);
    }
    expect((await login(braid, unknownEmail(), 'guess', '192.0.2.99, 198.51.100.1')).status).toBe(429);
    expect((await login(braid, unknownEmail(), 'guess', '198.51.100.1, 198.51.100.2')).status).toBe(401);
  });
});
