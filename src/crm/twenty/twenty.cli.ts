import type { CliCommandDeclaration } from 'src/common/cli/cli-command.decorator';

// The Twenty commands run in the CRM module, whose hooks queue write-backs in Redis for the server's workers.
const crmModule = () => import('src/crm/crm.module').then((loaded) => loaded.CrmModule);

export const TWENTY_INSTALL: CliCommandDeclaration = {
  name: 'twenty:install',
  synopsis: 'twenty:install --url <twenty base url> --api-key <twenty api key> --workspace <name> [--dry-run] [--require-delivery] [--no-backfill]',
  description: `Checks the key (its role needs the API_KEYS_AND_WEBHOOKS and DATA_MODEL permissions), adds TrackFlow's
objects and fields to Twenty, registers the webhook (removing strays an interrupted run left), stores
the connection (needs TRACKFLOW_SECRET_KEY), then proves that Twenty's deliveries reach PUBLIC_BASE_URL,
warning why not (--require-delivery: failing), and backfills the attribution of the people, companies
and deals Twenty already holds (--no-backfill skips it; an interrupted one resumes). Running it again
finishes a half-done install and changes nothing else. --dry-run prints the plan only.`,
  needs: 'database and redis',
  module: crmModule,
};

export const TWENTY_SYNC: CliCommandDeclaration = {
  name: 'twenty:sync',
  synopsis: 'twenty:sync --workspace <name> [--full]',
  description: `Fetches from Twenty the people, companies and deals changed since the last reconciliation and runs
the hooks on them, as the server does every TWENTY_SYNC_INTERVAL_SECONDS; --full walks everything.`,
  needs: 'database and redis',
  module: crmModule,
};

export const TWENTY_UNINSTALL: CliCommandDeclaration = {
  name: 'twenty:uninstall',
  synopsis: 'twenty:uninstall --workspace <name> [--purge]',
  description: `Removes the Twenty webhook and the stored connection; TrackFlow's objects and fields stay in Twenty
with their records, unless --purge deletes them too (TrackFlow's own data is kept either way).`,
  needs: 'database and redis',
  module: crmModule,
};
