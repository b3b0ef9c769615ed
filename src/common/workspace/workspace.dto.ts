import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('Workspace')
export class WorkspaceDto {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'The tracker key for data-workspace: it can only send events' }) publicKey!: string;
  @Field(() => [String], { description: 'Sites allowed to send events (subdomains included); none means no browser may send' }) siteDomains!: string[];
}

@InputType()
export class UpdateWorkspaceInput {
  @Field(() => [String], { nullable: true }) siteDomains?: string[];
}
