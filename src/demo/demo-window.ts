import { addMonths } from '../core/period.calculator';
import { lastCompleteMonth } from './generator/dataset';

/** The months of a demo workspace: facts from `start` to `end`, and `current`, the month in progress when it was made. */
export interface DemoWindow {
  start: string;
  end: string;
  current: string;
}

/** The demo made on `today`: `months` months of facts up to the last complete month, so that it is current the day it is made. */
export function demoWindow(months: number, today = new Date()): DemoWindow {
  const end = lastCompleteMonth(today);
  return { start: addMonths(end, 1 - months), end, current: addMonths(end, 1) };
}
