import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  NOTIFICATION_NOT_FOUND: { status: 404, zh: '通知不存在', en: 'Notification not found' },
});

export { NotificationsService, type NotificationInput } from './notifications.service.js';
export { notificationsRoutes } from './notifications.routes.js';
export type { NotificationRow, NotificationsTables } from './notifications.table.js';
