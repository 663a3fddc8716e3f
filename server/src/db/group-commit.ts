// Group commit for hot write paths (answer saves, study heartbeats): requests that arrive while
// earlier batches are being written share the next statement, and each request is answered
// only after the statement holding its row has committed. At low load a row goes out at the
// next turn of the event loop on its own; under load batches grow by themselves, with no timer
// adding latency. Cache-miss lookups on the hot paths batch their reads the same way: each
// round trip costs a socket write and a database wake-up, which at a peak cost more than the
// statement itself.
//
// One bad row must never fail the others: when a batch fails for a reason other than the
// database being unreachable, its rows are written again one at a time, so only the row the
// database refuses fails. A commit must therefore be all-or-nothing (a failed batch left nothing
// behind), which a single statement or a transaction gives.
import { isDatabaseUnavailable } from './unavailable.ts';

export type GroupCommitOptions<Row> = {
  /** Rows per statement at most. */
  maxBatch: number;
  /** Statements in flight at once; further rows wait and join the next batch. */
  maxInFlight: number;
  /** Rows with the same key are written one after another, in the order submitted. */
  keyOf?: (row: Row) => number | string;
};

type Pending<Row, Outcome> = { row: Row; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void };

export class GroupCommit<Row, Outcome> {
  private queue: Array<Pending<Row, Outcome>> = [];
  private scheduled = false;
  private inFlight = new Set<Promise<void>>();
  /** Keys of rows being written: a later row with one of them waits, so writes of a key keep their order. */
  private keysInFlight = new Set<number | string>();

  /** `commit` writes the rows and returns one outcome per row, in order. */
  constructor(private readonly commit: (rows: Row[]) => Promise<Outcome[]>, private readonly options: GroupCommitOptions<Row>) {}

  submit(row: Row): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything submitted so far has been written (or has failed). */
  async drain(): Promise<void> {
    while (this.queue.length || this.inFlight.size) {
      if (this.queue.length && this.inFlight.size < this.options.maxInFlight) this.flush();
      await Promise.allSettled([...this.inFlight]);
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight.size >= this.options.maxInFlight) return;
    this.scheduled = true;
    // setImmediate, not a microtask: every request parsed in this turn of the loop joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.queue.length || this.inFlight.size >= this.options.maxInFlight) return;
    const batch = this.takeBatch();
    if (!batch.length) return;
    const keys = this.options.keyOf ? batch.map((p) => this.options.keyOf!(p.row)) : [];
    keys.forEach((key) => this.keysInFlight.add(key));
    const written = this.commit(batch.map((p) => p.row)).then(
      (outcomes) => batch.forEach((p, i) => p.resolve(outcomes[i]!)),
      (error) => (batch.length > 1 && !isDatabaseUnavailable(error) ? this.commitOneByOne(batch) : batch.forEach((p) => p.reject(error))),
    );
    this.inFlight.add(written);
    void written.finally(() => {
      this.inFlight.delete(written);
      keys.forEach((key) => this.keysInFlight.delete(key));
      if (this.queue.length) this.schedule();
    });
  }

  /**
   * After a batch failed: each row in its own statement, in order, so only a bad row fails. If
   * the database goes away meanwhile, the rows left fail with it rather than each trying alone.
   */
  private async commitOneByOne(batch: Array<Pending<Row, Outcome>>): Promise<void> {
    let unavailable: unknown = null;
    for (const pending of batch) {
      if (unavailable) {
        pending.reject(unavailable);
        continue;
      }
      try {
        const [outcome] = await this.commit([pending.row]);
        pending.resolve(outcome!);
      } catch (error) {
        if (isDatabaseUnavailable(error)) unavailable = error;
        pending.reject(error);
      }
    }
  }

  private takeBatch(): Array<Pending<Row, Outcome>> {
    const { maxBatch, keyOf } = this.options;
    if (!keyOf) return this.queue.splice(0, maxBatch);
    const batch: Array<Pending<Row, Outcome>> = [];
    const waiting: Array<Pending<Row, Outcome>> = [];
    const keys = new Set<number | string>();
    for (const pending of this.queue) {
      const key = keyOf(pending.row);
      if (batch.length >= maxBatch || keys.has(key) || this.keysInFlight.has(key)) waiting.push(pending);
      else { keys.add(key); batch.push(pending); }
    }
    this.queue = waiting;
    return batch;
  }
}
