/**
 * Rejects with `message` when `promise` has not settled within `ms`. The promise itself runs
 * on (a query cannot be taken back once sent); its late outcome is ignored, never unhandled.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
