// Time limits in tests count CPU, not the wall clock: a machine shared with other jobs
// stretches the wall clock of a fast run past any limit, while a super-linear one burns the
// CPU whatever else runs. Such limits catch hangs and blow-ups; speed is the benchmark's.

/** Milliseconds of CPU this process has used. */
export function cpuMillis(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
