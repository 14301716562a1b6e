import { loggerLevels } from './logger-levels';

describe(loggerLevels.name, () => {
  it('keeps the level named and every more severe one', () => {
    expect(loggerLevels('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(loggerLevels('fatal')).toEqual(['fatal']);
    expect(loggerLevels('verbose')).toEqual(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']);
  });
});
