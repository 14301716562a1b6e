import type { EmbeddedRedis } from '../../libs/queue/src';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __hocbaRedis?: EmbeddedRedis }).__hocbaRedis?.stop();
}
