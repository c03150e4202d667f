/**
 * In-process scheduler with database leases: every node may run the scheduler, but a job runs on one node at a
 * time — the one that holds its lease row (taken with a conditional UPDATE, so two nodes cannot both win).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<string | number | void>;
}

interface LeaseTable {
  job_leases: { name: string; holder: string; expires_at: string; last_run_at: string | null; last_result: string | null };
}

export class Scheduler {
  readonly holder = randomUUID();
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<string>();

  constructor(
    private readonly db: Kysely<any>,
    private readonly clock: Clock,
    private readonly log: (msg: string, data?: Record<string, unknown>) => void = () => undefined,
  ) {}

  /** Takes or renews the lease for `ms`; true when this node holds it. */
  async acquire(name: string, ms: number): Promise<boolean> {
    const db = this.db as Kysely<LeaseTable>;
    const now = this.clock.now();
    const expires = new Date(now.getTime() + ms).toISOString();
    const r = await db.updateTable('job_leases').set({ holder: this.holder, expires_at: expires })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('expires_at', '<', now.toISOString()), eb('holder', '=', this.holder)]))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return true;
    const existing = await db.selectFrom('job_leases').select('name').where('name', '=', name).executeTakeFirst();
    if (existing) return false;
    try {
      await db.insertInto('job_leases').values({ name, holder: this.holder, expires_at: expires, last_run_at: null, last_result: null }).execute();
      return true;
    } catch {
      return false; // another node inserted it first
    }
  }

  /** Runs a job now if this node can take its lease. Returns the job's result, or null when another node holds it. */
  async runOnce(job: Job): Promise<string | null> {
    if (this.running.has(job.name)) return null;
    let leased: boolean;
    try {
      leased = await this.acquire(job.name, Math.max(job.everyMs, 60_000));
    } catch (e) {
      // database unreachable at the tick: skip it (timers call this with `void`; a rejection would end the process)
      this.log('job lease failed', { job: job.name, error: (e as Error).message });
      return null;
    }
    if (!leased) return null;
    this.running.add(job.name);
    try {
      const result = String((await job.run()) ?? 'ok');
      await (this.db as Kysely<LeaseTable>).updateTable('job_leases').set({ last_run_at: this.clock.now().toISOString(), last_result: result }).where('name', '=', job.name).execute();
      this.log('job done', { job: job.name, result });
      return result;
    } catch (e) {
      this.log('job failed', { job: job.name, error: (e as Error).message });
      return null;
    } finally {
      this.running.delete(job.name);
    }
  }

  start(jobs: Job[]): void {
    for (const job of jobs) {
      const t = setInterval(() => void this.runOnce(job), job.everyMs);
      t.unref();
      this.timers.push(t);
      setTimeout(() => void this.runOnce(job), 5_000).unref();
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }
}
