import type { CliCommandDeclaration } from 'src/common/cli/cli-command.decorator';

export const API_KEY_CREATE: CliCommandDeclaration = {
  name: 'api-key:create',
  synopsis: `api-key:create --workspace <name> --name <label> [--scopes '*'] [--role TWENTY_APP|CAMPAIGN_MANAGER|TRACKFLOW_MANAGER]`,
  description: `Creates the workspace if needed and an API key; prints the key alone on the last line. The Twenty
app's TRACKFLOW_API_KEY should be a --role TWENTY_APP key: it reaches only what the app's screens use.`,
  needs: 'database',
  module: () => import('src/security/security.module').then((loaded) => loaded.SecurityModule),
};
