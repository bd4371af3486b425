import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, TEST_PASSWORD } from '../factories';
import { startTestBraid, testDialect, type TestBraid } from '../harness';
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

  it('limits an IPv6 client by its /64, so taking a fresh address per guess does not help', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await login(braid, unknownEmail(), 'guess', `2001:db8:7:7::${(i + 1).toString(16)}`)).status).toBe(401);
    }
    expect((await login(braid, unknownEmail(), 'guess', '2001:db8:7:7:ffff::1')).status).toBe(429);
    expect((await login(braid, unknownEmail(), 'guess', '2001:db8:7:8::1')).status).toBe(401);
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

/** Statuses that mean the password was checked (as opposed to 429: refused before any check). */
const checked = (status: number) => status === 200 || status === 401;

function expectRetryAdvice(response: Awaited<ReturnType<typeof login>>) {
  expect(response.status).toBe(429);
  expect(response.body.error.code).toBe('too_many_attempts');
  expect(response.body.error.message).toMatch(/Try again in \d+ (seconds?|minutes?)\./);
  expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  return Number(response.headers.get('retry-after'));
}

describe('password guessing in parallel', () => {
  let braid: TestBraid;
  beforeAll(async () => {
    braid = await startTestBraid();
  });
  afterEach(() => {
    braid.clock.advance(WINDOW_MS);
  });
  afterAll(async () => {
    await braid?.close();
  });

  it('100 concurrent sign-ins, the right password 80th: at most 10 are checked, the rest are told when to retry', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const passwords = Array.from({ length: 100 }, (_, i) => (i === 79 ? TEST_PASSWORD : `guess ${i}`));
    const responses = await Promise.all(passwords.map((password) => login(braid, agent.email, password)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter(checked).length).toBeGreaterThan(0);
    expect(statuses.filter(checked).length).toBeLessThanOrEqual(10);
    for (const response of responses.filter((r) => !checked(r.status))) expectRetryAdvice(response);
  });

  it.runIf(testDialect() === 'postgres')('100 concurrent sign-ins over two Braid processes sharing PostgreSQL: at most 10 are checked', async () => {
    const second = await startTestBraid({}, { sameDatabaseAs: braid });
    try {
      const { agent } = await createWorkspace(braid.ctx);
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) => login(i % 2 ? second : braid, agent.email, i === 79 ? TEST_PASSWORD : `guess ${i}`)),
      );
      expect(responses.map((r) => r.status).filter(checked).length).toBeLessThanOrEqual(10);
      for (const response of responses.filter((r) => !checked(r.status))) expectRetryAdvice(response);
    } finally {
      await second.close();
    }
  });
});

describe('password guessing from many addresses', () => {
  let braid: TestBraid;
  let address = 0;
  const nextAddress = () => `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`;
  beforeAll(async () => {
    braid = await startTestBraid({ BRAID_TRUST_PROXY: '127.0.0.1' });
  });
  afterEach(() => {
    braid.clock.advance(4 * WINDOW_MS);
  });
  afterAll(async () => {
    await braid?.close();
  });

  it('100 concurrent sign-ins from 100 addresses: at most 10 are checked', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(braid, agent.email, i === 79 ? TEST_PASSWORD : `guess ${i}`, nextAddress())),
    );
    expect(responses.map((r) => r.status).filter(checked).length).toBeLessThanOrEqual(10);
    for (const response of responses.filter((r) => !checked(r.status))) expectRetryAdvice(response);
  });

  // A long test by nature, not a timing assertion: it only needs room to finish.
  it('an hour of guessing from fresh addresses: the delay doubles, and no 15 minutes see more than 10 checks', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const start = braid.clock.now();
    const checks: number[] = [];
    const delays: number[] = [];
    while (braid.clock.now() - start < 4 * WINDOW_MS) {
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => login(braid, agent.email, `guess ${i}`, nextAddress())));
      for (const response of responses) if (checked(response.status)) checks.push(braid.clock.now());
      const refused = responses.filter((r) => !checked(r.status));
      expect(refused.length).toBeGreaterThan(0);
      const retryAfter = Math.min(...refused.map(expectRetryAdvice));
      delays.push(retryAfter);
      braid.clock.advance(retryAfter * 1000);
    }
    for (const at of checks) expect(checks.filter((t) => t > at - WINDOW_MS && t <= at).length).toBeLessThanOrEqual(10);
    // The first five checks are free; then the wait between checks doubles (until the first five
    // leave the window, 15 minutes after they started).
    expect(checks.slice(0, 5).every((t) => t === start)).toBe(true);
    expect(delays.slice(0, 4)).toEqual([30, 60, 120, 240]);
    expect(checks.slice(5, 9).map((t) => (t - start) / 1000)).toEqual([30, 90, 210, 450]);
  }, 120_000);

  it('an attacker locked out at their address does not lock the owner out elsewhere', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    for (let i = 0; i < 5; i++) expect((await login(braid, agent.email, `guess ${i}`, '203.0.113.66')).status).toBe(401);
    const attacker = await login(braid, agent.email, TEST_PASSWORD, '203.0.113.66');
    expect(expectRetryAdvice(attacker)).toBe(15 * 60);
    expect(attacker.body.error.message).toMatch(/Try again in 15 minutes\./);

    // Elsewhere the account is only slowed down: the owner waits seconds, not the whole window.
    const owner = await login(braid, agent.email, TEST_PASSWORD, '198.51.100.200');
    const wait = expectRetryAdvice(owner);
    expect(wait).toBeLessThanOrEqual(60);
    braid.clock.advance(wait * 1000);
    expect((await login(braid, agent.email, TEST_PASSWORD, '198.51.100.200')).status).toBe(200);
    // The attacker's address stays limited for the rest of its window.
    expect((await login(braid, agent.email, TEST_PASSWORD, '203.0.113.66')).status).toBe(429);
  });

  it('a signed-in session keeps working while someone fails 50 times', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const owner = new ApiClient(braid.url);
    await owner.signIn(agent.email, TEST_PASSWORD);
    for (let i = 0; i < 50; i++) {
      const response = await login(braid, agent.email, `guess ${i}`, i % 2 ? '203.0.113.66' : nextAddress());
      expect([401, 429]).toContain(response.status);
      braid.clock.advance(20 * 1000);
      expect((await owner.get('/api/auth/me')).status).toBe(200);
    }
  });

  it('a successful sign-in clears the failures of that account at that address, and only there', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    for (let i = 0; i < 4; i++) expect((await login(braid, agent.email, `guess ${i}`, '198.51.100.10')).status).toBe(401);
    expect((await login(braid, agent.email, TEST_PASSWORD, '198.51.100.10')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(braid, agent.email, `guess ${i}`, '198.51.100.10')).status).toBe(401);
    expect((await login(braid, agent.email, TEST_PASSWORD, '198.51.100.10')).status).toBe(429);
  });
});
