import type { PGlite } from '@electric-sql/pglite';

interface Waiting {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/**
 * Orders the PostgreSQL protocol messages of several connections onto PGlite's one backend.
 *
 * pglite-socket's own queue hands the backend to whichever connection's message is next, one
 * message at a time, and keeps it for one connection only inside a transaction. But the `pg`
 * driver sends a parameterised query as Parse, Bind, Execute, Sync: when two connections run
 * queries at once, one's Parse can land between the other's Parse and Bind, and the other binds
 * to the wrong statement ("bind message supplies 3 parameters, but prepared statement requires 1").
 * Here a connection keeps the backend from its first message until its batch ends (Sync or a
 * simple Query) and, after that, for as long as it holds a transaction open.
 */
export class ProtocolQueue {
  private readonly waiting: Waiting[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  getQueueLength(): number {
    return this.waiting.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (this.waiting[i].handlerId === handlerId)
        this.waiting.splice(i, 1)[0].reject(new Error('Connection closed'));
    }
  }

  /** A connection went away: end what it left open so the others can go on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.waiting.findIndex((w) => w.handlerId === this.owner);
        if (this.waiting.length === 0 || index < 0) return;
        const item = this.waiting.splice(index, 1)[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          item.reject(error);
          continue;
        }
        const type = item.message[0];
        // Start-up and SSL packets begin with a length (first byte 0): they claim nothing.
        if (type === SYNC || type === SIMPLE_QUERY)
          this.owner = this.db.isInTransaction() ? item.handlerId : null;
        else if (type === TERMINATE) this.owner = null;
        else if (type !== 0) this.owner = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }
}
