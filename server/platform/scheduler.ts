import type { AppContext, Sweep } from './module.ts';

/**
 * One in-process scheduler for the modules' sweeps. Each sweep is idempotent and written as
 * conditional updates, so several instances on one PostgreSQL never apply it twice.
 */
export function startScheduler(ctx: AppContext, sweeps: readonly Sweep[]): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  for (const sweep of sweeps) {
    const tick = () => {
      if (stopped) return;
      const run = sweep
        .run(ctx)
        .then((n) => {
          if (n > 0) ctx.log.info({ sweep: sweep.id, changed: n }, 'sweep');
        })
        .catch((err: unknown) => ctx.log.error({ err, sweep: sweep.id }, 'sweep failed'))
        .finally(() => running.delete(run));
      running.add(run);
    };
    timers.push(setInterval(tick, sweep.everySeconds * 1000));
    setTimeout(tick, 1000).unref();
  }
  for (const t of timers) t.unref();
  return async () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
    await Promise.all(running);
  };
}
