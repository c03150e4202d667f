import { Readable } from 'node:stream';
import { regionPrefix } from '../reference/index.js';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Static } from '@sinclair/typebox';
import { AppError, invalidField } from '../../kernel/errors.js';
import { wanToFen } from '../../kernel/money.js';
import { errorResponses, IdParams, Page, type HttpApp } from '../../kernel/http/index.js';
import type { Actor } from '../../kernel/auth/index.js';
import type { AccountsService } from '../accounts/index.js';
import { EXPORT_COLUMNS, toCells, toExportRecord } from './listings.io.js';
import { presentListing } from './listings.presenter.js';
import type { ListingKind } from './listings.repository.js';
import {
  AchievementCreateBody, AchievementUpdateBody, AchievementView, ActionBody, ActionParams, BrokerBody, DemandCreateBody, DemandUpdateBody,
  DemandView, ExportQuery, ListingListQuery,
} from './listings.schemas.js';
import type { ListingInput, ListingsService, ListingView } from './listings.service.js';

function fen(field: string, v: string | null | undefined): number | null | undefined {
  if (v === undefined || v === null) return v;
  const f = wanToFen(v);
  if (f === null) throw invalidField(field, '金额格式不正确', 'is not a valid amount');
  return f;
}

/** HTTP body (万元 strings, description) → service input (fen, summary). */
export function bodyToInput(kind: ListingKind, b: Record<string, any>): Partial<ListingInput> {
  const { description, budgetMinWan, budgetMaxWan, priceMinWan, priceMaxWan, organisationId: _o, submit: _s, version: _v, ...rest } = b;
  const input: Partial<ListingInput> = { ...rest };
  if (kind === 'demand') {
    if (description !== undefined) input.summary = description;
    if (budgetMinWan !== undefined) input.budgetMinFen = fen('budgetMinWan', budgetMinWan);
    if (budgetMaxWan !== undefined) input.budgetMaxFen = fen('budgetMaxWan', budgetMaxWan);
  } else {
    if (priceMinWan !== undefined) input.priceMinFen = fen('priceMinWan', priceMinWan);
    if (priceMaxWan !== undefined) input.priceMaxFen = fen('priceMaxWan', priceMaxWan);
  }
  return input;
}

export function listingQueryToFilter(q: Static<typeof ListingListQuery>) {
  return {
    q: q.q || undefined, scope: q.scope, status: q.status, industry: q.industry, regionPrefix: q.region ? regionPrefix(q.region) : undefined,
    trlMin: q.trlMin, trlMax: q.trlMax, amountMinFen: q.amountMinWan ? (wanToFen(q.amountMinWan) ?? undefined) : undefined,
    amountMaxFen: q.amountMaxWan ? (wanToFen(q.amountMaxWan) ?? undefined) : undefined, mode: q.mode, orgId: q.org, sort: q.sort,
    page: q.page, pageSize: q.pageSize,
  };
}

export function listingsRoutes<K extends ListingKind>(kind: K, deps: { listings: ListingsService<K>; accounts: AccountsService }) {
  const { listings, accounts } = deps;
  const base = kind === 'demand' ? '/api/demands' : '/api/achievements';
  const View = kind === 'demand' ? DemandView : AchievementView;
  const CreateBody = kind === 'demand' ? DemandCreateBody : AchievementCreateBody;
  const UpdateBody = kind === 'demand' ? DemandUpdateBody : AchievementUpdateBody;
  const tag = kind === 'demand' ? 'demands 技术需求' : 'achievements 科技成果';

  // each view carries its organisation's name and verification, read in the listing's own statement
  const present = (v: ListingView<K>) => presentListing(kind, v);

  return async function (app: HttpApp) {
    app.get(base, { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: [tag], summary: '列表与筛选（匿名仅见公开摘要） / list and filter', querystring: ListingListQuery, response: { 200: Page(View), ...errorResponses } },
    }, async (req) => {
      const result = await listings.list(req.actor, listingQueryToFilter(req.query));
      return { ...result, items: result.items.map(present) };
    });

    app.get(`${base}/export`, { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: [tag], summary: '导出（JSON Lines / CSV / xlsx；保密详情仅导出有权查看的条目）', querystring: ExportQuery },
    }, async (req, reply) => {
      const format = req.query.format ?? 'jsonl';
      const records: Record<string, unknown>[] = [];
      for await (const batch of listings.exportRows(req.actor, { scope: req.query.scope ?? 'public' })) {
        for (const v of batch) records.push(toExportRecord(kind, present(v) as any));
      }
      const name = `${kind}s-${new Date().toISOString().slice(0, 10)}`;
      if (format === 'csv') {
        const csv = stringify([EXPORT_COLUMNS[kind], ...records.map((r) => toCells(kind, r))]);
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(`\uFEFF${csv}`);
      }
      if (format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet(kind === 'demand' ? '技术需求' : '科技成果');
        ws.addRow(EXPORT_COLUMNS[kind]);
        for (const r of records) ws.addRow(toCells(kind, r));
        const buf = Buffer.from(await wb.xlsx.writeBuffer());
        return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`).send(buf);
      }
      return reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="${name}.jsonl"`).send(Readable.from(records.map((r) => `${JSON.stringify(r)}\n`)));
    });

    app.get(`${base}/:id`, { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: [tag], summary: '详情（保密详情按权限显示） / detail', params: IdParams, response: { 200: View, ...errorResponses } },
    }, async (req) => present(await listings.get(req.actor, req.params.id)));

    app.post(base, { config: { access: { roles: kind === 'demand' ? (['enterprise', 'service', 'admin'] as const) : (['enterprise', 'institution', 'admin'] as const), note: 'organisation members of a kind that publishes this listing' } },
      schema: { tags: [tag], summary: '发布（草稿，可选立即提交审核） / create', body: CreateBody, response: { 201: View, ...errorResponses } },
    }, async (req, reply) => {
      const body = req.body as Record<string, any>;
      const view = await listings.create(req.actor, { ...(bodyToInput(kind, body) as ListingInput), organisationId: body.organisationId, submit: body.submit });
      return reply.status(201).send(present(view));
    });

    app.patch(`${base}/:id`, { config: { access: { roles: kind === 'demand' ? (['enterprise', 'service', 'admin'] as const) : (['enterprise', 'institution', 'admin'] as const), owner: true } },
      schema: { tags: [tag], summary: '修改（已发布的条目修改后重新审核） / edit', params: IdParams, body: UpdateBody, response: { 200: View, ...errorResponses } },
    }, async (req) => {
      const body = req.body as Record<string, any>;
      const view = await listings.update(req.actor, req.params.id, { ...bodyToInput(kind, body), version: body.version });
      return present(view);
    });

    app.post(`${base}/:id/:action`, { config: { access: { roles: kind === 'demand' ? (['enterprise', 'service', 'admin'] as const) : (['enterprise', 'institution', 'admin'] as const), owner: true, note: 'approve/reject: admin only' } },
      schema: { tags: [tag], summary: '状态操作：submit / withdraw / approve / reject / negotiate / resume / solve / close / expire / reopen', params: ActionParams, body: ActionBody, response: { 200: View, ...errorResponses } },
    }, async (req) => {
      const view = await listings.act(req.actor, req.params.id, req.params.action, req.body?.reason);
      return present(view);
    });

    app.post(`${base}/:id/brokers`, {
      config: { access: { roles: kind === 'demand' ? (['enterprise', 'service', 'admin'] as const) : (['enterprise', 'institution', 'admin'] as const), owner: true } }, schema: { tags: [tag], summary: '指派或取消技术经纪人 / assign a broker', params: IdParams, body: BrokerBody, response: { 200: View, ...errorResponses } },
    }, async (req) => {
      const broker = await accounts.getUser(req.body.brokerUserId).catch(() => {
        throw invalidField('brokerUserId', '用户不存在', 'no such user');
      });
      const view = await listings.assignBroker(req.actor, req.params.id, broker.id, broker.role, req.body.assign !== false);
      return present(view);
    });
  };
}

export function requireUser(actor: Actor): asserts actor is Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
}
