import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingsRepository } from 'src/settings/settings.repository';
import { SettingsResolver } from 'src/settings/settings.resolver';
import { SettingsService } from 'src/settings/settings.service';
import { TrackflowSettings } from 'src/settings/trackflow-settings.entity';

@Module({ imports: [TypeOrmModule.forFeature([TrackflowSettings])], providers: [SettingsRepository, SettingsService, SettingsResolver], exports: [SettingsService] })
export class SettingsModule {}
