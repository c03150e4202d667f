/** Loads the shipped contract defaults and the holiday calendar (data/reference), once, on first use. */
import { readFileSync } from 'node:fs';
import {
  parseContractsParams,
  parseHolidayCalendar,
  type ContractsParams,
  type WorkingDayCalendar,
} from './core/index.js';

const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../data/reference/${name}`, import.meta.url), 'utf8'));

let params: ContractsParams | undefined;
let calendar: WorkingDayCalendar | undefined;

export function contractsParams(): ContractsParams {
  return (params ??= parseContractsParams(readJson('contracts.json')));
}

export function holidayCalendar(): WorkingDayCalendar {
  return (calendar ??= parseHolidayCalendar(readJson('holidays-cn.json')));
}
