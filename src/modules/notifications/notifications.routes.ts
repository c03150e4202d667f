import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams, OkResponse, type HttpApp } from '../../kernel/http/index.js';
import type { NotificationsService } from './notifications.service.js';

const NotificationView = Type.Object({
  id: Type.String(), kind: Type.String(), title: Type.String(), body: Type.String(), link: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()), readAt: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
});

export function notificationsRoutes(deps: { notifications: NotificationsService }) {
  return async function (app: HttpApp) {
    app.get('/api/notifications', {
      config: { access: { roles: 'signed-in' } }, schema: {
        tags: ['notifications 通知'], summary: '我的站内通知 / my notifications',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ items: Type.Array(NotificationView), unread: Type.Integer() }), ...errorResponses },
      },
    }, async (req) => {
      const { items, unread } = await deps.notifications.list(req.actor, { unreadOnly: req.query.unread });
      return {
        unread,
        items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, data: JSON.parse(n.data), readAt: n.read_at, createdAt: n.created_at })),
      };
    });
    app.post('/api/notifications/:id/read', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['notifications 通知'], params: IdParams, response: { 200: OkResponse, ...errorResponses } } }, async (req) => {
      await deps.notifications.markRead(req.actor, req.params.id);
      return { ok: true };
    });
    app.post('/api/notifications/read-all', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['notifications 通知'], response: { 200: OkResponse, ...errorResponses } } }, async (req) => {
      await deps.notifications.markRead(req.actor, null);
      return { ok: true };
    });
  };
}
