import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { AppError } from '../../kernel/errors.js';
import { inTransaction, nowIso, type Executor, type KernelContext } from '../../kernel/context.js';
import { recordAudit } from '../../kernel/audit/index.js';
import type { DB } from '../../schema.js';
import type { NotificationRow } from './notifications.table.js';

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  data?: Record<string, unknown>;
}

/** In-app notifications (站内通知). Delivery is a row; the web app polls the unread count. */
export class NotificationsService {
  constructor(private readonly ctx: KernelContext<DB>) {}

  async notify(n: NotificationInput, db: Executor<DB> = this.ctx.db): Promise<NotificationRow> {
    const row: NotificationRow = {
      id: uuidv7(), user_id: n.userId, kind: n.kind, title: n.title, body: n.body ?? '', link: n.link ?? null,
      data: JSON.stringify(n.data ?? {}), read_at: null, created_at: nowIso(this.ctx.clock),
    };
    await db.insertInto('notifications').values(row).execute();
    return row;
  }

  async list(actor: Actor, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<{ items: NotificationRow[]; unread: number }> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    let q = this.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', actor.userId);
    if (opts.unreadOnly) q = q.where('read_at', 'is', null);
    const items = await q.orderBy('created_at', 'desc').limit(opts.limit ?? 50).execute();
    const unread = Number((await this.ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', actor.userId).where('read_at', 'is', null).executeTakeFirstOrThrow()).n);
    return { items, unread };
  }

  /** Marks one notification (or all, when id is null) as read. */
  async markRead(actor: Actor, id: string | null): Promise<void> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    await inTransaction(this.ctx.db, async (trx) => {
      await this.markReadIn(trx, actor, id);
      await recordAudit(trx, actor, { action: id ? 'notification.read' : 'notification.read_all', subjectType: 'notification', subjectId: id, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  private async markReadIn(db: Executor<DB>, actor: Extract<Actor, { kind: 'user' }>, id: string | null): Promise<void> {
    let q = db.updateTable('notifications').set({ read_at: nowIso(this.ctx.clock) }).where('user_id', '=', actor.userId).where('read_at', 'is', null);
    if (id) q = q.where('id', '=', id);
    const r = await q.executeTakeFirst();
    if (id && Number(r.numUpdatedRows) === 0) {
      const exists = await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
      if (!exists) throw new AppError('NOTIFICATION_NOT_FOUND');
    }
  }
}
