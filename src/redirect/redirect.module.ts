import { Module } from '@nestjs/common';
import { LinkCacheService } from 'src/redirect/link-cache.service';
import { QrCodeController } from 'src/redirect/qr-code.controller';
import { RedirectLinkRepository } from 'src/redirect/redirect-link.repository';
import { RedirectHandler } from 'src/redirect/redirect.handler';
import { SecurityModule } from 'src/security/security.module';
import { SettingsModule } from 'src/settings/settings.module';
import { TrackingModule } from 'src/tracking/tracking.module';

@Module({
  imports: [TrackingModule, SecurityModule, SettingsModule],
  controllers: [QrCodeController],
  providers: [RedirectLinkRepository, LinkCacheService, RedirectHandler],
  exports: [RedirectHandler],
})
export class RedirectModule {}
