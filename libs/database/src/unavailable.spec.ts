import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { databaseUnavailable } from './unavailable';

describe(databaseUnavailable.name, () => {
  const error = (message: string, fields: Record<string, unknown> = {}) =>
    Object.assign(new Error(message), fields);

  it('recognises a server out of reach or restarting', () => {
    expect(databaseUnavailable(error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(
      databaseUnavailable(error('terminating connection due to administrator command', { code: '57P01' })),
    ).toBe(true);
    expect(databaseUnavailable(error('the database system is starting up', { code: '57P03' }))).toBe(true);
    expect(databaseUnavailable(error('Connection terminated unexpectedly'))).toBe(true);
    expect(databaseUnavailable(error('could not connect', { code: '08006' }))).toBe(true);
    // A transaction whose connection failed under it: the driver released its runner.
    expect(databaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    // TypeORM wraps the driver's error.
    expect(databaseUnavailable(error('Query failed', { driverError: error('x', { code: '57P01' }) }))).toBe(
      true,
    );
  });

  it('leaves errors of the request itself alone', () => {
    expect(
      databaseUnavailable(error('duplicate key value violates unique constraint', { code: '23505' })),
    ).toBe(false);
    expect(databaseUnavailable(error('syntax error at or near "x"', { code: '42601' }))).toBe(false);
    expect(databaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(databaseUnavailable(undefined)).toBe(false);
  });
});
