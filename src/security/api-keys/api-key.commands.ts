import { Injectable } from '@nestjs/common';
import { ParsedArgs, requireOption, UsageError } from 'src/common/cli/cli-args.util';
import { CliCommand } from 'src/common/cli/cli-command.decorator';
import { ApiKeyRole, checkScopes, parseScopes, ROLE_SCOPES } from 'src/security/api-keys/api-key-secret.util';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';

/** `trackflow api-key:create` (security.cli.ts). */
@Injectable()
export class ApiKeyCommands {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @CliCommand('api-key:create')
  async create(args: ParsedArgs): Promise<void> {
    const workspace = requireOption(args, 'workspace');
    const name = requireOption(args, 'name');
    const scopesOption = args.options.get('scopes');
    const roleOption = args.options.get('role');
    const role = typeof roleOption === 'string' ? roleOption.toUpperCase() : undefined;
    if (role !== undefined && !(role in ROLE_SCOPES)) throw new UsageError(`--role must be one of ${Object.keys(ROLE_SCOPES).join(', ')}`);
    const scopes = role ? checkScopes(typeof scopesOption === 'string' ? scopesOption.split(/[\s,]+/) : [], role as ApiKeyRole) : parseScopes(typeof scopesOption === 'string' ? scopesOption : '*');
    const key = await this.apiKeys.createKey(workspace, name, scopes);
    console.log(`Created API key "${name}" for workspace "${workspace}" (${key.workspaceId}) with scopes ${scopes.join(', ')}.`);
    console.log('Store it now: only its hash is kept.');
    console.log(key.plaintext);
  }
}
