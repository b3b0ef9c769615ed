import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { OfflineConversionsQuery } from 'src/attribution/exports/offline-conversions.service';

@ArgsType()
export class OfflineConversionsArgs implements OfflineConversionsQuery {
  @Field({ description: 'google-ads, meta, microsoft-ads or linkedin' }) platform!: string;
  @Field({ description: 'Start of the period (won or converted at), included' }) from!: Date;
  @Field({ description: 'End of the period, excluded; at most 400 days after from' }) to!: Date;
  @Field(() => String, { nullable: true, description: 'A model id or type such as LINEAR: the value is the credit it gives the platform\'s touches; the default model if omitted' })
  model?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Leads too, not only won deals' }) includeLeads?: boolean | null;
}

@ObjectType('OfflineConversionsFile')
export class OfflineConversionsFileDto {
  @Field() platform!: string;
  @Field({ description: 'The model the values are credited under' }) modelName!: string;
  @Field(() => Int, { description: 'Conversions in the file' }) rowCount!: number;
  @Field({ description: 'The file as the platform\'s upload takes it (CSV)' }) text!: string;
}
