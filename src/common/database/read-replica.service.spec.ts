import { isReplicaUnavailable } from 'src/common/database/read-replica.service';

describe('isReplicaUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5433' }],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ code: '57P03', message: 'the database system is starting up' }],
    [{ code: '40001', message: 'canceling statement due to conflict with recovery' }],
    [{ code: '08006', message: 'connection failure' }],
    [new Error('Connection terminated unexpectedly')],
    [new Error('timeout exceeded when trying to connect')],
  ])('sends the read to the primary when the replica failed: %j', (error) => {
    expect(isReplicaUnavailable(error)).toBe(true);
  });

  it.each([
    [{ code: '42P01', message: 'relation "trackflow.nope" does not exist' }],
    [{ code: '22P02', message: 'invalid input syntax for type uuid' }],
    [new Error('campaignId: not found')],
    [undefined],
  ])('lets a failure of the read itself through: %j', (error) => {
    expect(isReplicaUnavailable(error)).toBe(false);
  });
});
