import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('QueueJobCounts')
class QueueJobCountsDto {
  @Field(() => Int) waiting!: number;
  @Field(() => Int) active!: number;
  @Field(() => Int) delayed!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) paused!: number;
}

@ObjectType('RepeatableJob')
class RepeatableJobDto {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) cron!: string | null;
  @Field(() => Int, { nullable: true, description: 'For a job repeated at a fixed interval rather than on a cron: the interval in seconds' }) everySeconds!: number | null;
  @Field(() => Date, { nullable: true }) nextRunAt!: Date | null;
}

@ObjectType('FailedJob')
class FailedJobDto {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) failedReason!: string | null;
  @Field(() => Int) attemptsMade!: number;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('QueueStatus')
export class QueueStatusDto {
  @Field() name!: string;
  @Field() isPaused!: boolean;
  @Field(() => QueueJobCountsDto) counts!: QueueJobCountsDto;
  @Field(() => [RepeatableJobDto]) repeatable!: RepeatableJobDto[];
  @Field(() => [FailedJobDto], { description: 'The latest failed jobs, newest first' }) recentFailures!: FailedJobDto[];
}
