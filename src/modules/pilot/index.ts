import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  PILOT_BASE_NOT_FOUND: { status: 404, zh: '中试基地不存在', en: 'Pilot base not found' },
  PILOT_UNIT_NOT_FOUND: { status: 404, zh: '产线/装置不存在', en: 'Pilot line not found' },
  INSTRUMENT_NOT_FOUND: { status: 404, zh: '仪器不存在', en: 'Instrument not found' },
  CAPACITY_UNAVAILABLE: { status: 409, zh: '该产线/仪器暂停预约', en: 'This line or instrument is not bookable' },
  BOOKING_NOT_FOUND: { status: 404, zh: '预约不存在', en: 'Booking not found' },
  BOOKING_CONFLICT: { status: 409, zh: '所选时段已被占用（{start} 至 {end}）', en: 'The period is already taken ({start} to {end})' },
  BOOKING_STATE_INVALID: { status: 409, zh: '预约当前状态（{status}）不能执行此操作', en: 'Not possible while the booking is {status}' },
  BOOKING_NOT_YOURS: { status: 403, zh: '此操作应由预约的另一方执行', en: 'This is for the other side of the booking' },
  BOOKING_REASON_REQUIRED: { status: 400, zh: '拒绝预约须说明理由', en: 'Give a reason for declining' },
  PILOT_PROJECT_EXISTS: { status: 409, zh: '该预约已登记中试结果', en: 'The outcome of this pilot is already recorded' },
  SERVICE_ORG_TYPE_REQUIRED: { status: 403, zh: '只有以下类型的单位可以登记：{types}', en: 'Only these organisation types may register: {types}' },
});

export { PilotService, PILOT_OUTCOMES, type PilotBaseInput, type BookingInput, type PilotOutcome } from './pilot.service.js';
export { InstrumentsService, FEE_UNITS, type InstrumentInput } from './instruments.service.js';
export { CapacityLedger, type ResourceKind } from './capacity.ledger.js';
export { pilotRoutes } from './pilot.routes.js';
export { termSet, type TextAnalyzer } from './text-analyzer.js';
export { textOverlap, type WeightedTerm, type TextOverlap, type Reason } from './core/index.js';
export type { PilotTables, PilotBaseRow, PilotUnitRow, CapacityBookingRow, PilotProjectRow, InstrumentRow, InstrumentUsageRow } from './pilot.table.js';
