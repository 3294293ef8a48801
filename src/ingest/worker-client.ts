import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The main thread's side of the collector worker: requests with ids, answers as promises. Runs
 * the compiled worker (dist) or, from the TypeScript sources (tests, `npm run dev`), the `.ts`
 * file through tsx.
 */
export class WorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failed: Error | null = null;

  constructor(onFull: () => void) {
    if (import.meta.url.endsWith('.ts')) {
      // From the TypeScript sources (tests, `npm run dev`): register tsx in the worker, then load it.
      const url = new URL('./collector-worker.ts', import.meta.url).href;
      const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url)}); })`;
      this.worker = new Worker(boot, { eval: true });
    } else {
      this.worker = new Worker(new URL('./collector-worker.js', import.meta.url));
    }
    this.worker.on('message', (m: WorkerReply) => {
      if ('t' in m) return onFull();
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`collector worker exited with code ${code}`));
    });
  }

  request<T>(m: DistributiveOmit<WorkerRequest, 'id'>): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...m, id });
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
