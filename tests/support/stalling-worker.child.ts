/**
 * A real TrackFlow server process whose click worker stops inside its transaction, just before
 * committing, and tells the parent; the parent then kills it with SIGKILL.
 */
import 'reflect-metadata';
import { startServer } from 'src/server';
import { ClickPersistenceRepository } from 'src/tracking/clicks/click-persistence.repository';

const original = ClickPersistenceRepository.prototype.persist;
ClickPersistenceRepository.prototype.persist = function (this: ClickPersistenceRepository, clicks) {
  return original.call(this, clicks, async () => {
    process.send?.({ holding: clicks.length });
    await new Promise(() => undefined);
  });
};

void startServer({ port: 0, logLevels: ['error'] }).then(() => process.send?.({ ready: true }));
