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
 *
 * The WAL starts afresh (the next commit writes from its beginning) only if that commit begins
 * when every frame has been copied. A pass copies the frames there were when it began, and under
 * steady writes more always arrive meanwhile: left alone the file grew by every commit's pages
 * (80 KiB per report at a thousand reports a second, gigabytes in a minute), and a commit appending
 * to new blocks of a file, or rewriting blocks the kernel had already dropped from its cache, waits
 * for the disk on the event loop. So once the WAL holds `walBytes` of frames a round runs: the
 * worker catches up in passes until one finds little new; then, while writers that can choose when
 * to write (`pause`) hold off for at most a few milliseconds, it copies the last frames and makes
 * the commit that starts the WAL afresh itself — a commit that flushes the WAL's new header to
 * disk, which the event loop should not wait for. The WAL stays a few megabytes, rewritten in place
 * while its blocks are still in the kernel's cache.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { closeSync, openSync, readSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const scratch = Buffer.allocUnsafe(workerData.ahead);
const turn = new Int32Array(workerData.turn);
const { open: OPEN, held: HELD, restarting: RESTARTING } = workerData.turnStates;
let wal = null;
parentPort.on('message', (message) => {
  if (message === 'close') {
    if (wal !== null) closeSync(wal);
    db.close();
    parentPort.close();
    return;
  }
  if (message === 'finish') {
    const result = checkpoint();
    let restarted = false;
    // Every frame is in the database file: a commit now writes from the WAL's beginning again. It
    // is made here (of an unchanged header field) if the writers are still held: taking the turn
    // from the main thread, which then goes on holding them until it is told, so that none of its
    // writes waits for this one's lock.
    const complete = result.busy === 0 && result.log > 0 && result.log === result.checkpointed;
    if (complete && Atomics.compareExchange(turn, 0, HELD, RESTARTING) === HELD) {
      try {
        db.pragma('user_version = ' + db.pragma('user_version', { simple: true }));
        restarted = true;
      } catch {
        // Another writer held the database too long: the next commit restarts the WAL instead.
      }
    }
    Atomics.store(turn, 0, OPEN);
    parentPort.postMessage({ finished: result, restarted });
    if (restarted) {
      // The next commits rewrite the WAL's first blocks: read them into the cache here, not there.
      // After the writers were let go, so that a block coming from a stalled disk holds none of them.
      wal ??= openSync(workerData.file + '-wal', 'r');
      readSync(wal, scratch, 0, scratch.length, 0);
    }
    return;
  }
  // Catch up while the writers go on, until a pass finds little new.
  let result = checkpoint();
  for (let pass = 1; pass < workerData.passes; pass++) {
    const before = result.log;
    result = checkpoint();
    if (result.log - before <= workerData.smallFrames) break;
  }
  parentPort.postMessage({ caughtUp: result });
});
`;

export interface CheckpointerOptions {
  /** How often the WAL's length is looked at (and the blocks ahead of the writer read). */
  intervalMs?: number;
  /** How far ahead of the writer the WAL's blocks are read into the cache. */
  aheadBytes?: number;
  /** A round runs once the WAL holds this much (8 MiB ≈ 2,000 pages of 4 KiB). */
  walBytes?: number;
  /** The longest the finishing pass may hold writers that wait for it (`pause`). */
  pauseMs?: number;
  /** The better-sqlite3 module the worker loads (a test points it elsewhere to see the fallback). */
  driver?: string;
}

export interface Checkpointer {
  /** Checkpoint passes the worker has completed. */
  readonly completed: number;
  /** Times the worker copied every frame and started the WAL afresh. */
  readonly restarts: number;
  /** Bytes of the WAL read into the cache ahead of the writer. */
  readonly warmedBytes: number;
  /** False once the worker failed and the main connection checkpoints again. */
  readonly offThread: boolean;
  /**
   * While the finishing pass runs, a promise that settles when it is done (at most `pauseMs`);
   * otherwise null. A writer that can choose when to write (intake's group commit) waits for it.
   */
  pause(): Promise<void> | null;
  /** Stop looking at the WAL and end the worker. */
  stop(): Promise<void>;
  /**
   * `stop`, and close the files this opened to read the WAL's length and blocks. Call it after the
   * process's own connections to the database are closed: closing a descriptor drops every lock
   * the process holds on that file, SQLite's among them.
   */
  close(): Promise<void>;
}

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

type WorkerMessage = { caughtUp: CheckpointResult } | { finished: CheckpointResult; restarted: boolean };

/** Catching-up passes at most per round, and a pass that finds no more than this new is enough. */
const CATCH_UP_PASSES = 8;
const SMALL_FRAMES = 64;

/** Writers held for the finishing pass, or the worker's commit that restarts the WAL under way. */
const TURN = { open: 0, held: 1, restarting: 2 } as const;

/** Ticks without a new frame after which the WAL is looked at only every this many ticks. */
const QUIET_EVERY = 20;

/** The WAL file's own header, and the header each frame adds to its page. */
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/**
 * The WAL's length in frames and its page size, from the header of the wal-index (the `-shm`
 * file, shared memory that SQLite's connections map): bytes 14–15 the page size (1 meaning
 * 65,536), 16–19 `mxFrame`, in the machine's byte order. Null if the header is not initialised.
 */
export function walIndexLength(header: Buffer, littleEndian = endianness() === 'LE'): { frames: number; pageSize: number } | null {
  if (header.length < 48 || header[12] !== 1) return null;
  const pageSize = littleEndian ? header.readUInt16LE(14) : header.readUInt16BE(14);
  const frames = littleEndian ? header.readUInt32LE(16) : header.readUInt32BE(16);
  return { frames, pageSize: pageSize === 1 ? 65_536 : pageSize };
}

export function startCheckpointer(connection: SqliteDatabase.Database, file: string, options: CheckpointerOptions = {}): Checkpointer {
  const intervalMs = options.intervalMs ?? 5;
  const walBytes = options.walBytes ?? 8 * 1024 * 1024;
  const aheadBytes = options.aheadBytes ?? 2 * 1024 * 1024;
  const pauseMs = options.pauseMs ?? 5;
  const driver = options.driver ?? createRequire(import.meta.url).resolve('better-sqlite3');
  const defaultAutocheckpoint = connection.pragma('wal_autocheckpoint', { simple: true }) as number;
  connection.pragma('wal_autocheckpoint = 0');

  let worker: Worker | null = null;
  let pending = false;
  let completed = 0;
  let restarts = 0;
  let offThread = true;
  let closing = false;
  let stopped: Promise<void> | null = null;
  let paused: { promise: Promise<void>; release(): void } | null = null;
  /** Whose turn it is to write while a round finishes, shared with the worker (see TURN). */
  const turn = new Int32Array(new SharedArrayBuffer(4));
  const header = Buffer.alloc(48);
  let scratch: Buffer | null = null;
  let warmedTo = 0;
  let warmedBytes = 0;
  let lastWriteAt = 0;

  const release = () => {
    paused?.release();
    paused = null;
  };

  const fallBack = () => {
    if (!offThread) return;
    offThread = false;
    clearInterval(timer);
    release();
    worker = null;
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${defaultAutocheckpoint}`);
  };

  const onMessage = (message: WorkerMessage) => {
    completed += 1;
    if ('finished' in message) {
      if (message.restarted) restarts += 1;
      release();
      pending = false;
      return;
    }
    if (closing || !worker) {
      pending = false;
      return;
    }
    // Frames keep arriving while it catches up: copy the rest, and start afresh, with writers held briefly.
    let releasePause = () => {};
    const promise = new Promise<void>((resolve) => (releasePause = resolve));
    const current = { promise, release: releasePause };
    paused = current;
    Atomics.store(turn, 0, TURN.held);
    // Writers go on after `pauseMs` unless the worker has begun the commit that restarts the WAL.
    setTimeout(() => {
      if (paused === current && Atomics.compareExchange(turn, 0, TURN.held, TURN.open) === TURN.held) release();
    }, pauseMs).unref();
    worker.postMessage('finish');
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, passes: CATCH_UP_PASSES, smallFrames: SMALL_FRAMES, ahead: aheadBytes, turn: turn.buffer, turnStates: TURN } });
    started.unref();
    started.on('message', onMessage);
    started.on('error', fallBack);
    started.on('exit', () => {
      if (!closing) fallBack();
    });
    worker = started;
    return started;
  };

  /** A read-only handle on one of the database's side files, opened when first needed; null while it does not exist. */
  const sideFile = (suffix: string) => {
    let handle: Promise<FileHandle> | null = null;
    return {
      get: async (): Promise<FileHandle | null> => {
        if (closing) return null;
        handle ??= open(`${file}${suffix}`, 'r');
        return handle.catch(() => (handle = null));
      },
      close: async () => {
        const opened = handle;
        handle = null;
        await opened?.then((h) => h.close()).catch(() => undefined);
      },
    };
  };
  const shm = sideFile('-shm');
  const wal = sideFile('-wal');

  /** The WAL's length from the wal-index header; null before there is one. */
  const readWalIndex = async () => {
    const handle = await shm.get();
    if (!handle) return null;
    await handle.read(header, 0, header.length, 0);
    return walIndexLength(header);
  };

  /**
   * Read the blocks the next commits will rewrite into the kernel's cache, on the thread pool. A
   * frame is not a whole number of blocks, so a commit rewriting a block the kernel has dropped
   * reads it first: on the event loop, and from a disk that may be stalled. The kernel drops clean
   * pages that it sees only written, never read, soon after a checkpoint has flushed them.
   */
  const warmAhead = async (writeAt: number) => {
    if (writeAt < lastWriteAt) warmedTo = writeAt; // started afresh
    lastWriteAt = writeAt;
    warmedTo = Math.max(warmedTo, writeAt);
    const end = writeAt + aheadBytes;
    if (warmedTo >= end) return;
    const handle = await wal.get();
    if (!handle) return;
    scratch ??= Buffer.allocUnsafe(aheadBytes);
    const { bytesRead } = await handle.read(scratch, 0, end - warmedTo, warmedTo);
    // Past the end of the file there is nothing to read: new blocks are written whole.
    warmedTo = bytesRead > 0 ? warmedTo + bytesRead : end;
    warmedBytes += bytesRead;
  };

  const tick = async () => {
    const length = await readWalIndex();
    if (!length) return;
    const bytes = length.frames * (length.pageSize + FRAME_HEADER_BYTES);
    quietTicks = bytes === lastBytes ? quietTicks + 1 : 0;
    lastBytes = bytes;
    if (!pending && bytes >= walBytes && offThread && !closing) {
      pending = true;
      ensureWorker().postMessage('checkpoint');
    }
    await warmAhead(WAL_HEADER_BYTES + bytes);
  };

  // While nothing is written, look only every QUIET_EVERY-th tick.
  let ticking = false;
  let ticks = 0;
  let quietTicks = 0;
  let lastBytes = -1;
  const timer = setInterval(() => {
    ticks++;
    if (ticking || !offThread || closing) return;
    if (quietTicks > QUIET_EVERY && ticks % QUIET_EVERY !== 0) return;
    ticking = true;
    void tick()
      .catch(() => undefined)
      .finally(() => (ticking = false));
  }, intervalMs);
  timer.unref();

  return {
    get completed() {
      return completed;
    },
    get restarts() {
      return restarts;
    },
    get warmedBytes() {
      return warmedBytes;
    },
    get offThread() {
      return offThread;
    },
    pause: () => paused?.promise ?? null,
    stop() {
      closing = true;
      clearInterval(timer);
      release();
      const running = worker;
      stopped ??= running
        ? new Promise<void>((resolve) => {
            running.once('exit', () => resolve());
            // The worker does not keep the process alive while it runs; while it is stopping it
            // must, or a process with nothing else to do ends before this promise settles and
            // whatever awaits it (a command's exit code, say) never runs.
            running.ref();
            running.postMessage('close');
          })
        : Promise.resolve();
      return stopped;
    },
    async close() {
      await this.stop();
      await Promise.all([shm.close(), wal.close()]);
    },
  };
}
