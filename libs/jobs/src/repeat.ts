/**
 * Runs `work` again and again, `everyMs` after each run ends (never two runs at once), the first
 * run at once or after `everyMs`. A failed run is reported to `onError` and the next run comes
 * as usual. After `stop()` nothing is scheduled again, not even by a run still in progress.
 */
export function repeat(
  everyMs: number,
  work: () => Promise<unknown>,
  onError: (error: Error) => void,
  options: { now?: boolean } = {},
): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    work()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(run, everyMs);
      });
  };
  if (options.now) run();
  else timer = setTimeout(run, everyMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
