import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiKeyRole, ROLE_SCOPES } from 'src/security/api-keys/api-key-secret.util';

const ApiKeyRoleEnum = Object.fromEntries(Object.keys(ROLE_SCOPES).map((role) => [role, role])) as { [R in ApiKeyRole]: R };
registerEnumType(ApiKeyRoleEnum, { name: 'ApiKeyRole', description: "The seed's roles, each a set of scopes" });

@ObjectType('IpRange')
class IpRangeDto {
  @Field({ description: 'CIDR, IPv4 or IPv6' }) cidr!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@InputType()
export class IpRangeInput {
  @Field({ description: 'CIDR or a single address, IPv4 or IPv6' }) cidr!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

/** Never carries the secret or its hash: a key is recognised by its prefix and last four characters. */
@ObjectType('ApiKey')
export class ApiKeyDto {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() keyPrefix!: string;
  @Field() keyLast4!: string;
  @Field(() => [String]) scopes!: string[];
  @Field({ description: 'Neither revoked nor expired' }) active!: boolean;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => String, { description: 'Requests made with the key (a whole number; a string because it may pass 2^53)' }) usageCount!: string;
  @Field(() => [IpRangeDto], { description: 'Empty: any address' }) ipAllowList!: IpRangeDto[];
  @Field() createdAt!: Date;
}

@ObjectType('IssuedApiKey')
export class IssuedApiKeyDto {
  @Field(() => ApiKeyDto) apiKey!: ApiKeyDto;
  @Field({ description: 'The secret, shown this once; only its SHA-256 hash is stored' }) secret!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field() name!: string;
  @Field(() => ApiKeyRoleEnum, { nullable: true, description: 'Grants the role’s scopes (added to `scopes`)' }) role?: ApiKeyRole | null;
  @Field(() => [String], { nullable: true }) scopes?: string[] | null;
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
  @Field(() => [IpRangeInput], { nullable: true, description: 'Addresses the key may be used from; none means any' }) ipAllowList?: IpRangeInput[] | null;
}

@InputType()
export class RotateApiKeyInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'How long the old secret keeps working, 0 to 604800 seconds (default 86400)' }) graceSeconds?: number | null;
}
