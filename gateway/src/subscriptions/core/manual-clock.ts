import type { Clock } from "./clock.ts";

interface Task {
  at: number;
  run: () => void;
}

/** A clock for tests: fixed until `advance` moves it, running the timers that fall due. */
export class ManualClock implements Clock {
  private readonly tasks = new Set<Task>();

  /** @param current the starting time; default 2026-01-01T00:00:00Z */
  constructor(private current = Date.parse("2026-01-01T00:00:00Z")) {}

  now(): number {
    return this.current;
  }

  after(ms: number, run: () => void): () => void {
    const task = { at: this.current + ms, run };
    this.tasks.add(task);
    return () => this.tasks.delete(task);
  }

  /** Moves time forward by `ms`, running each timer due by then, earliest first. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const next = [...this.tasks]
        .filter((task) => task.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.tasks.delete(next);
      this.current = next.at;
      next.run();
    }
    this.current = until;
  }

  /** Timers set and neither run nor cancelled; tests check that closing cancels them. */
  get pending(): number {
    return this.tasks.size;
  }
}
