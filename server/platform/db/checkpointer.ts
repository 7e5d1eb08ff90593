/**
 * SQLite checkpoints off the request path. In WAL mode a commit appends to the `-wal` file, and
 * every so often the pages are copied back into the database file and that file is flushed to
 * disk: a checkpoint. By default SQLite runs it inside whichever commit crosses 1,000 pages, on the
 * connection's thread — here the event loop — so one request in a thousand pages waits for a disk
 * flush, and on a shared disk that can take tens or hundreds of milliseconds.
 *
 * Instead the main connection never checkpoints (`wal_autocheckpoint = 0`) and a worker thread with
 * its own connection runs `wal_checkpoint(PASSIVE)` — which never blocks writers or readers — once
 * the WAL has grown past a size. The worker starts the first time it is needed (a small deployment
 * or a test may never need it). If it cannot run, the main connection checkpoints as before.
 */
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage(result);
});
`;

export interface CheckpointerOptions {
  /** How often the WAL's size is looked at. */
  intervalMs?: number;
  /** Checkpoint once the WAL file is at least this large (4 MiB ≈ 1,000 pages of 4 KiB). */
  walBytes?: number;
  /** The better-sqlite3 module the worker loads (a test points it elsewhere to see the fallback). */
  driver?: string;
}

export interface Checkpointer {
  /** Checkpoints the worker has completed. */
  readonly completed: number;
  /** False once the worker failed and the main connection checkpoints again. */
  readonly offThread: boolean;
  close(): Promise<void>;
}

export function startCheckpointer(connection: SqliteDatabase.Database, file: string, options: CheckpointerOptions = {}): Checkpointer {
  const intervalMs = options.intervalMs ?? 1000;
  const walBytes = options.walBytes ?? 4 * 1024 * 1024;
  const driver = options.driver ?? createRequire(import.meta.url).resolve('better-sqlite3');
  const defaultAutocheckpoint = connection.pragma('wal_autocheckpoint', { simple: true }) as number;
  connection.pragma('wal_autocheckpoint = 0');

  let worker: Worker | null = null;
  let pending = false;
  let completed = 0;
  let offThread = true;
  let closing = false;
  let closed: Promise<void> | null = null;

  const fallBack = () => {
    if (!offThread) return;
    offThread = false;
    clearInterval(timer);
    worker = null;
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${defaultAutocheckpoint}`);
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file } });
    started.unref();
    started.on('message', () => {
      pending = false;
      completed += 1;
    });
    started.on('error', fallBack);
    started.on('exit', () => {
      if (!closing) fallBack();
    });
    worker = started;
    return started;
  };

  const timer = setInterval(() => {
    if (pending || !offThread) return;
    void stat(`${file}-wal`)
      .then((wal) => {
        if (wal.size < walBytes || pending || !offThread || closing) return;
        pending = true;
        ensureWorker().postMessage('checkpoint');
      })
      .catch(() => undefined); // no WAL file yet
  }, intervalMs);
  timer.unref();

  return {
    get completed() {
      return completed;
    },
    get offThread() {
      return offThread;
    },
    close() {
      closing = true;
      clearInterval(timer);
      const running = worker;
      closed ??= running
        ? new Promise<void>((resolve) => {
            running.once('exit', () => resolve());
            running.postMessage('close');
          })
        : Promise.resolve();
      return closed;
    },
  };
}
