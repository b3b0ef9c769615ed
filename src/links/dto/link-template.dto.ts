import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { TemplateVariableType } from 'src/links/dto/link-enums';

@ObjectType('TemplateVariable')
class TemplateVariableDto {
  @Field(() => ID) id!: string;
  @Field() variableName!: string;
  @Field(() => TemplateVariableType) variableType!: TemplateVariableType;
  @Field(() => String, { nullable: true }) defaultValue!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field() isRequired!: boolean;
  @Field(() => GraphQLJSON, { nullable: true }) validationRules!: unknown;
  @Field(() => Int) position!: number;
}

@ObjectType('LinkTemplate')
export class LinkTemplateDto {
  @Field(() => ID) id!: string;
  @Field() templateName!: string;
  @Field({ description: 'Destination URL with {variable} placeholders' }) urlTemplate!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field() isActive!: boolean;
  @Field(() => ID, { nullable: true }) campaignId!: string | null;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => [TemplateVariableDto]) variables!: TemplateVariableDto[];
}

@InputType()
export class TemplateVariableInput {
  @Field() variableName!: string;
  @Field(() => TemplateVariableType, { nullable: true }) variableType?: TemplateVariableType;
  @Field(() => String, { nullable: true }) defaultValue?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field({ nullable: true }) isRequired?: boolean;
  @Field(() => GraphQLJSON, { nullable: true, description: '{pattern?, minLength?, maxLength?, options?}' }) validationRules?: unknown;
}

@InputType()
export class CreateLinkTemplateInput {
  @Field() templateName!: string;
  @Field() urlTemplate!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field({ nullable: true }) isActive?: boolean;
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => String, { nullable: true }) medium?: string | null;
  @Field(() => [TemplateVariableInput], { nullable: true }) variables?: TemplateVariableInput[];
}

@InputType()
export class UpdateLinkTemplateInput {
  @Field(() => String, { nullable: true }) templateName?: string;
  @Field(() => String, { nullable: true }) urlTemplate?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field({ nullable: true }) isActive?: boolean;
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => String, { nullable: true }) medium?: string | null;
  @Field(() => [TemplateVariableInput], { nullable: true, description: 'Replaces all variables when given' }) variables?: TemplateVariableInput[];
}
