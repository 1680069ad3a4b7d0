/** Teardown steps run last-in first-out, once, whether the run finished, failed or timed out. */
export class Cleanup {
  private readonly steps: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        // One failed step must not leave the processes and databases after it running.
        await step().catch((error: unknown) => console.error("cleanup step failed:", error));
      }
    })();
    return this.running;
  }
}
