import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from 'src/config/app-config';

@Global()
@Module({})
export class ConfigModule {
  /** `workers: false` for a process that is never a worker whatever TRACKFLOW_WORKERS says (a CLI command). */
  static forRoot(options: { workers: boolean }): DynamicModule {
    const config = () => loadConfig(options.workers ? process.env : { ...process.env, TRACKFLOW_WORKERS: 'false' });
    return { module: ConfigModule, providers: [{ provide: AppConfig, useFactory: config }], exports: [AppConfig] };
  }
}
