import { Global, Module } from '@nestjs/common';
import { WorkspaceDirectoryService } from 'src/common/workspace/workspace-directory.service';
import { WorkspaceResolver } from 'src/common/workspace/workspace.resolver';

/** The server's side of workspaces (GraphQL, the public-key directory); it needs Redis, which the CLI runs without. */
@Global()
@Module({ providers: [WorkspaceDirectoryService, WorkspaceResolver], exports: [WorkspaceDirectoryService] })
export class WorkspaceApiModule {}
