/** The shipped contract defaults and the holiday calendar (data/reference), read once on first use. */
import { referenceJson } from '../../kernel/reference-json.js';
import { parseContractsParams, parseHolidayCalendar, type ContractsParams, type WorkingDayCalendar } from './core/index.js';

export const contractsParams = (): ContractsParams => referenceJson('contracts.json', parseContractsParams);
export const holidayCalendar = (): WorkingDayCalendar => referenceJson('holidays-cn.json', parseHolidayCalendar);
