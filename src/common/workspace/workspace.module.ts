import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkspaceDirectoryService } from 'src/common/workspace/workspace-directory.service';
import { Workspace } from 'src/common/workspace/workspace.entity';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { WorkspaceResolver } from 'src/common/workspace/workspace.resolver';

@Module({
  imports: [TypeOrmModule.forFeature([Workspace])],
  providers: [WorkspaceRepository, WorkspaceDirectoryService, WorkspaceResolver],
  exports: [WorkspaceRepository, WorkspaceDirectoryService],
})
export class WorkspaceModule {}
