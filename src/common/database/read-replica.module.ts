import { Module } from '@nestjs/common';
import { ReadReplica } from 'src/common/database/read-replica.service';

/** One ReadReplica (one pool, one periodic check) for every module that imports it. */
@Module({ providers: [ReadReplica], exports: [ReadReplica] })
export class ReadReplicaModule {}
