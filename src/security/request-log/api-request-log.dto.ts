import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ApiRequest', { description: 'One request made with an API key, as the API Request Log kept it' })
class ApiRequestDto {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) apiKeyId!: string | null;
  @Field() endpoint!: string;
  @Field() method!: string;
  @Field() requestTime!: Date;
  @Field(() => Int, { nullable: true }) responseCode!: number | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => String, { nullable: true, description: "The caller's address, anonymised while the workspace anonymises addresses" }) ipAddress!: string | null;
  @Field(() => String, { nullable: true, description: 'Redacted request body, kept only with settings logRequestBodies' }) requestData!: string | null;
  @Field(() => String, { nullable: true, description: 'Redacted response body, kept only with settings logRequestBodies' }) responseData!: string | null;
}

@ObjectType('ApiRequestPage')
export class ApiRequestPageDto {
  @Field(() => [ApiRequestDto], { description: 'Newest first' }) requests!: ApiRequestDto[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next, older page; null on the last page' }) nextCursor!: string | null;
}
