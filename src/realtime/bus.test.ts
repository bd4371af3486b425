import { randomUUID } from 'node:crypto';
import { defineEventBusContractTests } from './bus.contract';
import { createMemoryBus } from './memoryBus';
import { createRedisBus } from './redisBus';

defineEventBusContractTests('memory (one process)', async () => {
  const bus = createMemoryBus();
  return [bus];
});

// Two buses on one Redis channel stand for two Braid processes.
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
defineEventBusContractTests('Redis (two processes)', async () => {
  const channel = `braid:test:${randomUUID()}`;
  return [await createRedisBus(redisUrl, channel), await createRedisBus(redisUrl, channel)];
});
