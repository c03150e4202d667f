/** `techbridge` — serve, migrate, seed, admin, import, export, stats (and the commands later modules add). */
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, resolveDatabase, workersVar, type AppConfig } from '../kernel/config.js';
import { AppError, messageFor } from '../kernel/errors.js';
import { systemActor } from '../kernel/auth/index.js';
import { createPlatform, type Platform } from '../platform.js';
import { runWorkers, startServer } from '../server.js';
import { isClusterWorker } from '../kernel/cluster/index.js';
import { seedDemo, isDatabaseEmpty } from '../workflows/seed-demo.js';
import { importListings } from '../workflows/import-listings.js';
import { importCredit } from '../workflows/import-credit.js';
import { exportListings } from '../workflows/export-listings.js';
import { platformStats } from '../modules/stats/index.js';
import { progressBar } from './progress.js';
import { resolveRegion } from '../modules/reference/index.js';
import { fixedClock } from '../kernel/clock.js';
import { verifyAuditChain } from '../kernel/audit/index.js';
import { backupDatabase, restoreDatabase, BackupError } from '../workflows/backup.js';

const program = new Command();
program
  .name('techbridge')
  .description('TechBridge 辽宁科技成果转化服务平台 — command line')
  .option('--db <sqlite-path|postgres-url>', 'database (default: TECHBRIDGE_DB, DATABASE_URL or ./data/techbridge.db)')
  .showHelpAfterError();

function config(overrides: Partial<AppConfig> = {}): AppConfig {
  const db = program.opts<{ db?: string }>().db;
  const env = { ...process.env };
  if (db) {
    if (!resolveDatabase(db)) throw new ConfigError([`--db must be a SQLite file path or a postgres:// URL (got "${db}")`]);
    env.TECHBRIDGE_DB = db;
  }
  return loadConfig(env, overrides);
}

async function withPlatform<T>(fn: (p: Platform) => Promise<T>, overrides: Partial<AppConfig> = {}): Promise<T> {
  const platform = await createPlatform(config({ logLevel: 'silent', ...overrides }));
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
}

program
  .command('serve')
  .description('start the platform (applies migrations; loads demo data into an empty database unless SEED_DEMO=false)')
  .option('--port <port>', 'port (default PORT or 3000)')
  .option('--host <host>', 'host (default HOST or 127.0.0.1)')
  .option('--dev', 'development: pretty logs')
  .option('--workers <n>', 'API worker processes on the port: an integer 1–64 or "auto" (default WORKERS or 1)')
  .action(async (opts: { port?: string; host?: string; workers?: string }) => {
    const overrides: Partial<AppConfig> = {};
    if (opts.workers !== undefined) {
      const problems: string[] = [];
      overrides.workers = workersVar(opts.workers, problems, '--workers');
      if (problems.length) throw new ConfigError(problems);
    }
    if (opts.port !== undefined) {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError([`--port must be an integer 0–65535 (got "${opts.port}")`]);
      overrides.port = port;
    }
    if (opts.host) overrides.host = opts.host;
    const cfg = config(overrides);
    if (cfg.workers > 1 && !isClusterWorker()) {
      process.exitCode = await runWorkers(cfg);
      return;
    }
    const { url } = await startServer(cfg);
    if (!isClusterWorker()) process.stderr.write(`TechBridge 已启动 / listening on ${url}  (API docs: ${url}/docs)\n`);
  });

program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => {
    await withPlatform(async () => undefined);
    process.stderr.write('migrations applied\n');
  });

program
  .command('seed')
  .description('load data sets')
  .option('--demo', 'load the demo data set (data/demo)')
  .option('--force', 'load even when the database is not empty (existing records are kept; listings update by external id)')
  .action(async (opts: { demo?: boolean; force?: boolean }) => {
    if (!opts.demo) throw new ConfigError(['nothing to seed: pass --demo']);
    await withPlatform(async (p) => {
      if (!opts.force && !(await isDatabaseEmpty(p.services))) throw new ConfigError(['the database is not empty; use --force to load the demo data anyway']);
      const bar = progressBar('seed');
      const r = await seedDemo(p.ctx, p.services, { onProgress: (_s, d, t) => bar.update(d, t) });
      bar.stop();
      process.stdout.write(`seeded: ${r.organisations} organisations, ${r.users} users, achievements ${r.achievements.created} created/${r.achievements.updated} updated, demands ${r.demands.created} created/${r.demands.updated} updated\n`);
    });
  });

const admin = program.command('admin').description('administration');
admin
  .command('create')
  .description('create a platform administrator account')
  .requiredOption('--email <email>')
  .requiredOption('--password <password>')
  .option('--name <name>', 'display name', '平台管理员')
  .action(async (opts: { email: string; password: string; name: string }) => {
    await withPlatform(async (p) => {
      const u = await p.services.accounts.createUser(systemActor('cli'), { email: opts.email, password: opts.password, name: opts.name, role: 'admin', organisationId: null });
      process.stdout.write(`admin created: ${u.email} (${u.id})\n`);
    });
  });

const KINDS = { achievements: 'achievement', demands: 'demand' } as const;

program
  .command('import')
  .description('import achievements or demands (idempotent by external id), or credit records, from .jsonl, .csv or .xlsx (format by extension)')
  .argument('<kind>', 'achievements | demands | credit')
  .argument('<file>')
  .option('--dry-run', 'validate only; write nothing')
  .option('--strict', 'refuse the whole file when any row is bad')
  .addOption(new Option('--status <status>', 'status of new listings').choices(['published', 'submitted', 'draft']).default('published'))
  .option('--json', 'print the report as JSON')
  .action(async (kindArg: string, file: string, opts: { dryRun?: boolean; strict?: boolean; status: 'published' | 'submitted' | 'draft'; json?: boolean }) => {
    if (!fs.existsSync(file)) throw new ConfigError([`file not found: ${file}`]);
    if (kindArg === 'credit') {
      const r = await withPlatform((p) => importCredit(p.services, file, { dryRun: opts.dryRun }));
      if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else {
        for (const pr of r.problems) process.stdout.write(`line ${pr.line}\t${pr.field}\t${pr.reason}\n`);
        process.stdout.write(`credit records ${opts.dryRun ? 'validated (dry run)' : 'imported'}: ${r.total} rows, ${r.created} created, ${r.skipped} skipped\n`);
      }
      if (r.problems.length && r.created === 0) process.exitCode = 1;
      return;
    }
    const kind = KINDS[kindArg as keyof typeof KINDS];
    if (!kind) throw new ConfigError([`kind must be achievements, demands or credit (got "${kindArg}")`]);
    const report = await withPlatform(async (p) => {
      const bar = progressBar(`import ${kindArg}`);
      const r = await importListings(p.ctx, p.services, systemActor('cli-import'), kind, file, { dryRun: opts.dryRun, strict: opts.strict, status: opts.status, onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      return r;
    });
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      for (const pr of report.problems) process.stdout.write(`line ${pr.line}\t${pr.field}\t${pr.reason}${pr.externalId ? `\t(id ${pr.externalId})` : ''}\n`);
      const verb = report.dryRun ? 'validated (dry run, nothing written)' : opts.strict && report.problems.length ? 'refused (--strict)' : 'imported';
      process.stdout.write(`${kindArg} ${verb}: ${report.total} rows, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped, ${report.problems.length} problems, ${report.organisationsCreated} new organisations\n`);
    }
    if (report.problems.length && (opts.strict || report.created + report.updated + report.unchanged === 0)) process.exitCode = 1;
  });

program
  .command('export')
  .description('export achievements or demands as .jsonl, .csv or .xlsx (format by extension, or - for JSON Lines on stdout)')
  .argument('<kind>', 'achievements | demands')
  .argument('<file>')
  .option('--include-detail', 'include the confidential detail (operators only; the file is then confidential)')
  .addOption(new Option('--scope <scope>', 'which listings').choices(['public', 'all']).default('public'))
  .action(async (kindArg: string, file: string, opts: { includeDetail?: boolean; scope: 'public' | 'all' }) => {
    const kind = KINDS[kindArg as keyof typeof KINDS];
    if (!kind) throw new ConfigError([`kind must be achievements or demands (got "${kindArg}")`]);
    const n = await withPlatform((p) => exportListings(p.services, kind, file, { includeDetail: Boolean(opts.includeDetail), scope: opts.scope }));
    process.stderr.write(`exported ${n} ${kindArg} to ${file === '-' ? 'stdout' : file}\n`);
  });

program
  .command('match')
  .description('explained matches: free text, or for a demand / achievement given by external id')
  .option('--text <query>', 'free-text query')
  .option('--demand <externalId>', 'match achievements to this demand')
  .option('--achievement <externalId>', 'match demands to this achievement')
  .addOption(new Option('--kind <kind>', 'what to search with --text').choices(['achievements', 'demands']).default('achievements'))
  .option('--top <n>', 'number of results', '10')
  .option('--region <region>', 'only results in this region (city name such as 鞍山市, GB/T 2260 code, or province)')
  .option('--min-trl <n>', 'only results at or above this TRL (achievements) / demands accepting it')
  .option('--json', 'print a JSON array of {id, externalId, title, score, reasons}')
  .action(async (opts: { text?: string; demand?: string; achievement?: string; kind: 'achievements' | 'demands'; top: string; region?: string; minTrl?: string; json?: boolean }) => {
    const sources = [opts.text !== undefined, Boolean(opts.demand), Boolean(opts.achievement)].filter(Boolean).length;
    if (sources !== 1) throw new ConfigError(['give exactly one of --text, --demand, --achievement']);
    const top = Number(opts.top);
    if (!Number.isInteger(top) || top < 1 || top > 1000) throw new ConfigError([`--top must be an integer 1–1000 (got "${opts.top}")`]);
    let minTrl: number | undefined;
    if (opts.minTrl !== undefined) {
      minTrl = Number(opts.minTrl);
      if (!Number.isInteger(minTrl) || minTrl < 1 || minTrl > 9) throw new ConfigError([`--min-trl must be an integer 1–9 (got "${opts.minTrl}")`]);
    }
    let regionCode: string | undefined;
    if (opts.region) {
      const region = resolveRegion(opts.region);
      if (!region) throw new ConfigError([`unknown region "${opts.region}"`]);
      regionCode = region.code;
    }
    const results = await withPlatform(async (p) => {
      const actor = systemActor('cli-match');
      const filters = { top, regionCode, minTrl, hardTrl: minTrl !== undefined };
      let out;
      if (opts.text !== undefined) {
        out = await p.services.matching.matchText(actor, opts.text, opts.kind === 'demands' ? 'demand' : 'achievement', filters);
      } else {
        const kind = opts.demand ? 'demand' : 'achievement';
        const ext = (opts.demand ?? opts.achievement)!;
        const row = await p.services[kind === 'demand' ? 'demands' : 'achievements'].findByExternalId(ext);
        if (!row) throw new AppError(kind === 'demand' ? 'DEMAND_NOT_FOUND' : 'ACHIEVEMENT_NOT_FOUND', { id: ext });
        out = await p.services.matching.matchListing(actor, kind, row.id, filters);
      }
      if (out.code !== 'OK' && !opts.json) process.stderr.write(`notice: ${out.code}\n`);
      return out.results.map((r) => ({ id: r.id, externalId: r.view.row.external_id, title: r.view.row.title, score: Number(r.score.toFixed(4)), reasons: r.reasons, summary: r.summary }));
    });
    if (opts.json) process.stdout.write(`${JSON.stringify(results.map(({ summary: _s, ...r }) => r))}\n`);
    else for (const [i, r] of results.entries()) process.stdout.write(`${String(i + 1).padStart(2)}. ${r.score.toFixed(3)}  ${r.externalId ?? r.id}  ${r.title}\n    ${r.summary.zh}\n`);
  });

const inspection = program.command('inspection').description('random inspections (双随机、一公开)');
inspection
  .command('verify')
  .description('re-run a recorded draw from its published seed and pools, and confirm the recorded result')
  .argument('<planId>')
  .action(async (planId: string) => {
    const v = await withPlatform((p) => p.services.credit.verifyInspection(planId));
    if (v.ok) process.stdout.write(`draw ${planId} verified: the seed and the recorded pools give the recorded result\n`);
    else {
      process.stdout.write(`draw ${planId} does NOT verify:\n${v.mismatches.map((m) => `  - ${typeof m === 'string' ? m : JSON.stringify(m)}`).join('\n')}\n`);
      process.exitCode = 1;
    }
  });

const coordination = program.command('coordination').description('coordination cases (协调事项)');
coordination
  .command('escalate')
  .description('run the reminder/escalation sweep now (the server runs it every 15 minutes); --as-of runs it as on that Asia/Shanghai date')
  .option('--as-of <date>', 'YYYY-MM-DD: sweep as if today were this date (noon Asia/Shanghai)')
  .action(async (opts: { asOf?: string }) => {
    if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new ConfigError([`--as-of must be YYYY-MM-DD (got "${opts.asOf}")`]);
    const clock = opts.asOf ? fixedClock(`${opts.asOf}T12:00:00+08:00`) : undefined;
    const platform = await createPlatform(config({ logLevel: 'silent' }), clock ? { clock } : {});
    try {
      const acted = await platform.services.government.coordination.escalateOverdue();
      process.stdout.write(`coordination sweep${opts.asOf ? ` as of ${opts.asOf}` : ''}: ${acted} case(s) reminded, escalated or flagged\n`);
    } finally {
      await platform.close();
    }
  });

const audit = program.command('audit').description('audit log (tamper-evident hash chain)');
audit
  .command('verify')
  .description('recompute the audit hash chain; exit 1 at the first entry that was changed, removed or reordered')
  .option('--json', 'print the result as JSON')
  .action(async (opts: { json?: boolean }) => {
    const v = await withPlatform((p) => verifyAuditChain(p.ctx.db));
    if (opts.json) process.stdout.write(`${JSON.stringify(v)}\n`);
    else if (v.ok) process.stdout.write(`audit chain OK: ${v.count} entries, head ${v.headHash}\n`);
    else process.stdout.write(`audit chain BROKEN at ${v.brokenId ?? '(end of log)'}${v.seq !== null ? ` (seq ${v.seq})` : ''}: ${v.reason}; ${v.count} entries before it verify\n`);
    if (!v.ok) process.exitCode = 1;
  });

program
  .command('backup')
  .description('back up the database to a file (SQLite: online backup; PostgreSQL: pg_dump -Fc)')
  .argument('<file>')
  .action(async (file: string) => {
    const c = config({ logLevel: 'silent' });
    try {
      const r = await backupDatabase({ dialect: c.dialect, url: c.databaseUrl }, file);
      process.stdout.write(`backup written: ${r.file} (${r.dialect}, ${r.bytes} bytes)\n`);
    } catch (e) {
      if (e instanceof BackupError) throw new ConfigError([e.message]);
      throw e;
    }
  });

program
  .command('restore')
  .description('restore a backup made by `techbridge backup` (validates it first; refuses a database holding data unless --force)')
  .argument('<file>')
  .option('--force', 'replace the contents of a database that already holds data')
  .action(async (file: string, opts: { force?: boolean }) => {
    const c = config({ logLevel: 'silent' });
    try {
      const r = await restoreDatabase({ dialect: c.dialect, url: c.databaseUrl }, file, { force: opts.force });
      process.stdout.write(`restored ${r.file} (${r.tables} tables); run \`techbridge audit verify\` to check the audit chain\n`);
    } catch (e) {
      if (e instanceof BackupError) throw new ConfigError([e.message]);
      throw e;
    }
  });

program
  .command('stats')
  .description('counts of organisations, users, demands and achievements (by lifecycle state)')
  .option('--json', 'print one JSON object')
  .action(async (opts: { json?: boolean }) => {
    const stats = await withPlatform((p) => platformStats(p.services));
    if (opts.json) process.stdout.write(`${JSON.stringify(stats)}\n`);
    else {
      process.stdout.write(`organisations ${stats.organisations}\nusers ${stats.users}\n`);
      for (const k of ['demands', 'achievements'] as const) process.stdout.write(`${k} ${Object.entries(stats[k]).map(([s, v]) => `${s}=${v}`).join(' ')}\n`);
    }
  });

export async function runCli(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof ConfigError) process.stderr.write(`error: ${e.problems.join('; ')}\n`);
    else if (e instanceof AppError) {
      const fields = e.fields?.map((f) => `${f.field}: ${f.params?.reasonEn ?? f.code}`).join('; ');
      process.stderr.write(`error: ${e.code}: ${messageFor(e.code, 'en', e.params)}${fields ? ` (${fields})` : ''}\n`);
    } else process.stderr.write(`error: ${(e as Error).message.split('\n')[0]}\n`);
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 2;
  }
}

await runCli(process.argv);
