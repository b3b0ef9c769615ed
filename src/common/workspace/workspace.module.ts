import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Workspace } from 'src/common/workspace/workspace.entity';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Workspace])],
  providers: [WorkspaceRepository],
  exports: [WorkspaceRepository],
})
export class WorkspaceModule {}
