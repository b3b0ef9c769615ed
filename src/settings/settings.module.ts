import { Global, Module } from '@nestjs/common';
import { SettingsRepository } from 'src/settings/settings.repository';
import { SettingsResolver } from 'src/settings/settings.resolver';
import { SettingsService } from 'src/settings/settings.service';

@Global()
@Module({ providers: [SettingsRepository, SettingsService, SettingsResolver], exports: [SettingsService] })
export class SettingsModule {}
