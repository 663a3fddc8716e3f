// Counts answered messages, so a driver (the console, a test) can send the next message only
// after the previous one has been answered, as a person typing would.
export class SettledCounter {
  private count = 0;
  private waiters: Array<() => void> = [];

  readonly mark = (): void => {
    this.count++;
    this.waiters.splice(0).forEach((wake) => wake());
  };

  /** Resolves once `total` messages have been answered. */
  until(total: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.count >= total ? resolve() : this.waiters.push(check));
      check();
    });
  }
}
