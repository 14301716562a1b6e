import { repeat } from './repeat';

describe('repeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs after each interval, reports failures and goes on, and schedules nothing once stopped mid-run', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const errors: string[] = [];
    const loop = repeat(
      1000,
      () => {
        runs++;
        if (runs === 2) return Promise.reject(new Error('Redis did not answer'));
        if (runs === 3) return new Promise<void>((resolve) => (release = resolve));
        return Promise.resolve();
      },
      (e) => errors.push(e.message),
    );
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect([runs, errors]).toEqual([2, ['Redis did not answer']]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(3); // in progress
    loop.stop();
    release();
    await jest.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(3);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('runs at once when asked', async () => {
    let runs = 0;
    const loop = repeat(
      1000,
      async () => void runs++,
      () => undefined,
      { now: true },
    );
    expect(runs).toBe(1);
    loop.stop();
    await jest.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(1);
  });
});
