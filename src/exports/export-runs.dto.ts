import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ExportRun')
export class ExportRunDto {
  @Field(() => ID) id!: string;
  @Field({ description: 'OFFLINE_CONVERSIONS, DAILY_ANALYTICS or EVENT_DATA' }) exportType!: string;
  @Field({ description: 'PENDING, RUNNING, COMPLETED or FAILED' }) status!: string;
  @Field({ description: 'The UTC day exported (yyyy-mm-dd)' }) exportDate!: string;
  @Field() startTime!: Date;
  @Field(() => Date, { nullable: true }) endTime!: Date | null;
  @Field(() => Int, { description: 'Rows written: conversions, campaigns, or events and clicks' }) recordsProcessed!: number;
  @Field({ description: 'The folder the files were written into' }) destination!: string;
  @Field(() => String, { nullable: true }) error!: string | null;
}
