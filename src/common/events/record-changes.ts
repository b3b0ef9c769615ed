import { Global, Injectable, Logger, Module } from '@nestjs/common';

/** Records staff see in Twenty too; a change to one must reach Twenty's copy. */
export type MirroredKind = 'campaign' | 'link' | 'variant' | 'attributionModel';

export type RecordChange = { workspaceId: string; kind: MirroredKind; ids: readonly string[] };
type Listener = (change: RecordChange) => Promise<void>;

/**
 * Tells whoever mirrors records (the Twenty integration) that some changed, without the link
 * services (and the attribution models') knowing about Twenty. A listener's failure is logged, never the caller's: the write
 * already happened, and the mirror can be repaired by re-running the install.
 */
@Injectable()
export class RecordChanges {
  private readonly logger = new Logger(RecordChanges.name);
  private readonly listeners: Listener[] = [];

  listen(listener: Listener): void {
    this.listeners.push(listener);
  }

  async changed(workspaceId: string, kind: MirroredKind, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const listener of this.listeners) {
      await listener({ workspaceId, kind, ids }).catch((error: Error) => this.logger.error(`Mirroring ${kind} ${ids.join(', ')} failed to start: ${error.message}`));
    }
  }
}

@Global()
@Module({ providers: [RecordChanges], exports: [RecordChanges] })
export class RecordChangesModule {}
