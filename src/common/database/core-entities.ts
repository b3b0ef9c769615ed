import { Workspace } from 'src/common/workspace/workspace.entity';
import { ApiKey } from 'src/security/api-keys/api-key.entity';
import { TrackflowSettings } from 'src/settings/trackflow-settings.entity';

/** Entities of the global modules, read through DataSource.getRepository rather than TypeOrmModule.forFeature. */
export const CORE_ENTITIES = [Workspace, ApiKey, TrackflowSettings];
