/**
 * How much CPU this machine really has: the same fixed work (a chain of SHA-256 hashes) on one
 * thread, then on as many threads as the machine reports cores, at the same time. On real cores the
 * work done together is N times one thread's; on a virtual machine whose cores are hyper-threads of
 * one physical core, or a busy host, it is less. Read the load bench's CPU figures with it.
 *
 *   npm run bench:machine [-- --rounds 3 --trials 3]
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { arg } from './support';

const HASHES = 400_000;

/** Milliseconds one round of the fixed work takes on this thread. */
function round(): number {
  const started = performance.now();
  let digest = Buffer.alloc(32);
  for (let i = 0; i < HASHES; i++) digest = createHash('sha256').update(digest).digest();
  return performance.now() - started;
}

/** Rounds a second on `threads` threads at once (each does the same number of rounds). */
async function together(threads: number, rounds: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: rounds });
          worker.on('message', () => resolve());
          worker.on('error', reject);
        }),
    ),
  );
  return (threads * rounds) / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const rounds = arg('rounds', 3);
  const trials = arg('trials', 3);
  const cores = availableParallelism();
  round(); // warm-up
  // Alternated, medians kept: one trial alone varies by a third on a shared virtual machine.
  const ones: number[] = [];
  const alls: number[] = [];
  for (let i = 0; i < trials; i++) {
    ones.push(await together(1, rounds));
    alls.push(await together(cores, rounds));
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const one = median(ones);
  const all = median(alls);
  console.log(`## Machine: ${cores} cores reported (medians of ${trials} trials of ${rounds} rounds)`);
  console.log(`one thread: ${one.toFixed(2)} rounds/s (${(1000 / one).toFixed(0)} ms a round)`);
  console.log(`${cores} threads at once: ${all.toFixed(2)} rounds/s together`);
  console.log(`effective cores: ${(all / one).toFixed(2)} of ${cores}`);
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  for (let i = 0; i < Number(workerData); i++) round();
  parentPort?.postMessage('done');
}
