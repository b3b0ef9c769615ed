import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RegisteredQueues } from 'src/common/queue/registered-queues.service';

@Module({ imports: [DiscoveryModule], providers: [RegisteredQueues], exports: [RegisteredQueues] })
export class RegisteredQueuesModule {}
