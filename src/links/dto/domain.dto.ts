import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('DomainHeader')
class DomainHeaderDto {
  @Field() name!: string;
  @Field() value!: string;
}

@ObjectType('Domain')
export class DomainDto {
  @Field(() => ID) id!: string;
  @Field() domain!: string;
  @Field({ description: 'New links given no domainId go on this domain; at most one per workspace' }) isPrimary!: boolean;
  @Field() sslEnabled!: boolean;
  @Field(() => [DomainHeaderDto]) headers!: DomainHeaderDto[];
}

@InputType()
class DomainHeaderInput {
  @Field() name!: string;
  @Field() value!: string;
}

@InputType()
export class CreateDomainInput {
  @Field() domain!: string;
  @Field({ nullable: true, description: 'True makes it the primary domain, and the one that was primary no longer is' }) isPrimary?: boolean;
  @Field({ nullable: true }) sslEnabled?: boolean;
  @Field(() => [DomainHeaderInput], { nullable: true }) headers?: DomainHeaderInput[];
}

@InputType()
export class UpdateDomainInput {
  @Field({ nullable: true, description: 'True makes it the primary domain, and the one that was primary no longer is' }) isPrimary?: boolean;
  @Field({ nullable: true }) sslEnabled?: boolean;
  @Field(() => [DomainHeaderInput], { nullable: true, description: 'Replaces all headers when given' }) headers?: DomainHeaderInput[];
}
