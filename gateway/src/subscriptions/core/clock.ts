/**
 * Time as the subscription core sees it. The core reads the time and sets timers only through
 * this, so its tests run on a fixed clock moved by hand instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` once after `ms`; returns what cancels it. */
  after(ms: number, task: () => void): () => void;
}

/** The process's clock. Its timers do not keep the process alive: they only ever end things. */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
