import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('TwentySyncCursor', { description: 'How far reconciliation has read one Twenty object' })
export class TwentySyncCursorDto {
  @Field({ description: 'people, companies or opportunities' }) objectPlural!: string;
  @Field(() => Date, { nullable: true, description: 'updatedAt of the last record processed' }) cursorUpdatedAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Seconds between that updatedAt and now: how far the cursor lags behind' }) lagSeconds!: number | null;
  @Field(() => Date, { nullable: true }) lastRunAt!: Date | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Int, { description: 'Records processed since the install' }) recordsProcessed!: number;
}

@ObjectType('TwentyDeliveryFailure')
class TwentyDeliveryFailureDto {
  @Field() eventName!: string;
  @Field(() => String, { nullable: true }) recordId!: string | null;
  @Field() receivedAt!: Date;
  @Field() error!: string;
}

@ObjectType('TwentySync', { description: "The state of the workspace's sync with Twenty" })
export class TwentySyncDto {
  @Field({ description: 'Whether the workspace is connected to Twenty' }) connected!: boolean;
  @Field(() => String, { nullable: true }) twentyUrl!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the last verified delivery arrived' }) lastDeliveryAt!: Date | null;
  @Field(() => Int, { description: 'Deliveries stored and not processed yet' }) backlog!: number;
  @Field(() => Int, { description: 'Interval of the reconciliation job, in seconds (0: off)' }) intervalSeconds!: number;
  @Field(() => [TwentySyncCursorDto]) cursors!: TwentySyncCursorDto[];
  @Field(() => [TwentyDeliveryFailureDto], { description: 'The latest deliveries whose hooks failed, newest first' }) recentFailures!: TwentyDeliveryFailureDto[];
}
