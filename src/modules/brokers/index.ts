import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  BROKER_NOT_FOUND: { status: 404, zh: '经纪人不存在', en: 'Broker not found' },
});

export { BrokersService, type BrokerEntry, type BrokerProfileInput } from './brokers.service.js';
export { brokersRoutes } from './brokers.routes.js';
export type { BrokerProfileRow, BrokersTables } from './brokers.table.js';
