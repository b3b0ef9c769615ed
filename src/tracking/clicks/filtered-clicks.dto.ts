import { Field, Int, ObjectType } from '@nestjs/graphql';

/** Clicks stored but not counted, as campaigns, links and the analytics overview give them. */
export const FILTERED_CLICKS_EXPLANATION =
  'Clicks stored but not counted in clicks, visitors or attribution: bots and crawlers by user agent (curl, wget and HTTP libraries among them), and internal traffic from the IP ranges in settings';

@ObjectType('FilteredClicks', { description: FILTERED_CLICKS_EXPLANATION })
export class FilteredClicksDto {
  @Field(() => Int, { description: 'From bots and crawlers, by user agent (curl and HTTP libraries count as bots)' }) bots!: number;
  @Field(() => Int, { description: "From the workspace's internal IP ranges (settings)" }) internal!: number;
}
