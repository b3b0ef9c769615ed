import { UsageError } from 'src/common/cli/cli-args.util';
import type { Workspace } from 'src/common/workspace/workspace.entity';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';

/** The workspace a command's --workspace names; one the operator mistyped is a usage error. */
export async function workspaceNamed(workspaces: WorkspaceRepository, name: string): Promise<Workspace> {
  const workspace = await workspaces.findByName(name);
  if (!workspace) throw new UsageError(`no workspace named "${name}"`);
  return workspace;
}
