import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { EvaluationResult } from "@tandem/mapping";
import type { EvaluationTask, FromWorker, ToWorker } from "./evaluation-protocol";

/**
 * Per record: JSONata's own limit (50 ms) is checked between steps, so one long step (a huge
 * `$pad`, say) outlasts it; this one is wall-clock and ends the thread.
 */
export const EXPRESSION_POOL_LIMITS = { timeoutMs: 1_000, maxHeapMb: 64, size: 2 } as const;

/**
 * The thread's entry file, found by Node's resolver at run time rather than by a bundler: the
 * web app's build compiles this module into its own output, and Turbopack would bundle a
 * `new Worker(new URL(...))` entry (and its tsx import) too. `import.meta.url` is this source
 * file, or a chunk of the build; both lie inside the repository, whose node_modules has
 * @tandem/api.
 */
function workerEntryPath(): string {
  const base = import.meta.url.startsWith("file:")
    ? import.meta.url
    : pathToFileURL(path.join(process.cwd(), "/")).href;
  return createRequire(base).resolve(["@tandem/api", "evaluation-worker.mjs"].join("/"));
}

export class ExpressionTimeoutError extends Error {
  override name = "ExpressionTimeoutError";
  constructor(timeoutMs: number) {
    super(`the mapping ran longer than ${timeoutMs} ms on this record and was stopped`);
  }
}

/** The thread died under the task (out of memory, or it could not start). */
export class ExpressionWorkerError extends Error {
  override name = "ExpressionWorkerError";
}

interface Job {
  id: number;
  task: EvaluationTask;
  resolve: (result: EvaluationResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export interface ExpressionPoolOptions {
  size?: number;
  timeoutMs?: number;
  maxHeapMb?: number;
}

/**
 * Evaluates mapping plans in worker threads with a hard wall-clock limit per record: a thread
 * that runs past it, or past its heap, is terminated and replaced, and its task fails. The
 * caller's event loop (the one that also receives webhooks) never runs an expression.
 */
export class ExpressionPool {
  readonly #size: number;
  readonly #timeoutMs: number;
  readonly #maxHeapMb: number;
  readonly #slots = new Set<Slot>();
  readonly #queue: Job[] = [];
  #nextId = 1;
  #entry: string | undefined;
  #closed = false;

  constructor(options: ExpressionPoolOptions = {}) {
    this.#size = options.size ?? EXPRESSION_POOL_LIMITS.size;
    this.#timeoutMs = options.timeoutMs ?? EXPRESSION_POOL_LIMITS.timeoutMs;
    this.#maxHeapMb = options.maxHeapMb ?? EXPRESSION_POOL_LIMITS.maxHeapMb;
  }

  evaluate(task: EvaluationTask): Promise<EvaluationResult> {
    if (this.#closed) return Promise.reject(new ExpressionWorkerError("the pool is closed"));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, task, resolve, reject });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0))
      job.reject(new ExpressionWorkerError("the pool is closed"));
    await Promise.all([...this.#slots].map((slot) => this.#drop(slot, "the pool is closed")));
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.ready && !slot.job) this.#start(slot, this.#queue.shift() as Job);
    }
    const starting = [...this.#slots].filter((slot) => !slot.ready).length;
    if (this.#queue.length > starting && this.#slots.size < this.#size) this.#spawn();
  }

  #start(slot: Slot, job: Job): void {
    slot.job = job;
    // Counted from the hand-over: waiting in the queue or for a thread to start is not the task's.
    slot.timer = setTimeout(() => {
      job.reject(new ExpressionTimeoutError(this.#timeoutMs));
      slot.job = null;
      void this.#drop(slot);
      this.#pump();
    }, this.#timeoutMs);
    slot.worker.postMessage({ id: job.id, task: job.task } satisfies ToWorker);
  }

  #spawn(): void {
    try {
      this.#entry ??= workerEntryPath();
    } catch (error) {
      const reason = `the expression thread's entry was not found: ${(error as Error).message}`;
      for (const job of this.#queue.splice(0)) job.reject(new ExpressionWorkerError(reason));
      return;
    }
    const worker = new Worker(/* webpackIgnore: true */ /* turbopackIgnore: true */ this.#entry, {
      // A clean thread: the entry registers tsx itself, and the parent's flags (its own loader,
      // profiling) are not the thread's.
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: this.#maxHeapMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.floor(this.#maxHeapMb / 4)),
      },
    });
    // An idle pool does not keep a process (a script, a test run) alive.
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    this.#slots.add(slot);
    worker.on("message", (message: FromWorker) => {
      if (message.kind === "ready") {
        slot.ready = true;
        this.#pump();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      if (slot.timer) clearTimeout(slot.timer);
      slot.job = null;
      slot.timer = null;
      if (message.kind === "done") job.resolve(message.result);
      else job.reject(new ExpressionWorkerError(message.message));
      this.#pump();
    });
    const died = (reason: string) => {
      if (!this.#slots.has(slot)) return;
      const wasReady = slot.ready;
      void this.#drop(slot, reason);
      // A thread that cannot even start would fail the same way again: fail what waits.
      if (!wasReady)
        for (const job of this.#queue.splice(0)) job.reject(new ExpressionWorkerError(reason));
      this.#pump();
    };
    worker.on("error", (error) => died(`the expression thread failed: ${error.message}`));
    worker.on("exit", (code) => died(`the expression thread exited (${code})`));
  }

  async #drop(slot: Slot, reason?: string): Promise<void> {
    if (!this.#slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.job && reason) slot.job.reject(new ExpressionWorkerError(reason));
    slot.job = null;
    await slot.worker.terminate();
  }
}

const globalForPool = globalThis as unknown as { tandemExpressionPool?: ExpressionPool };

/** The process's pool (kept on globalThis, so a dev server's module reloads share it). */
export function sharedExpressionPool(): ExpressionPool {
  globalForPool.tandemExpressionPool ??= new ExpressionPool();
  return globalForPool.tandemExpressionPool;
}
