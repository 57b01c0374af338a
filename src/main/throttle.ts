/**
 * Run `fn` at most once per `ms`: at once when idle, then once more at the end of the window if it was
 * asked for again meanwhile (trailing edge), so the last state is always delivered.
 */
export function throttle(fn: () => void, ms: number): { (): void; cancel(): void } {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  const call = () => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else {
      timer = setTimeout(run, wait);
      timer.unref?.();
    }
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}
