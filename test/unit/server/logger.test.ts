import { createLogger } from '../../../src/server/logger';

describe('the logger', () => {
  it('takes its level from LOG_LEVEL and writes JSON when not pretty', () => {
    expect(createLogger('warn', false).level).toBe('warn');
    expect(createLogger('debug', false).isLevelEnabled('debug')).toBe(true);
    expect(createLogger('error', false).isLevelEnabled('info')).toBe(false);
  });
});
