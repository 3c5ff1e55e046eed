// The batch's progress line on a TTY: done/total, apps per minute, ETA, failures. Redrawn at most
// every 200 ms; nothing at all when stderr is not a terminal (CI, Slurm, Kubernetes logs).

export interface BatchCounts {
  total: number;
  /** Lines written. */
  written: number;
  /** Lines with at least one error. */
  withErrors: number;
  skipped: number;
  unreadable: number;
}

export function progressText(c: BatchCounts, elapsedMs: number): string {
  const handled = c.written + c.skipped + c.unreadable;
  const perMin = elapsedMs > 0 ? (c.written / elapsedMs) * 60_000 : 0;
  const left = c.total - handled;
  const eta = perMin > 0 && left > 0 ? ` · ETA ${duration((left / perMin) * 60_000)}` : '';
  const skipped = c.skipped ? ` · ${c.skipped} skipped` : '';
  return `batch ${handled}/${c.total} · ${perMin.toFixed(perMin < 10 ? 1 : 0)} apps/min${eta} · ${c.withErrors} with errors${skipped}`;
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressLine(stream: NodeJS.WriteStream, start: number) {
  let last = 0;
  let shown = false;
  return {
    update(c: BatchCounts) {
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[K${progressText(c, now - start).slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
