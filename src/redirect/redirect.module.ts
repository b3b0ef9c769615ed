import { Module } from '@nestjs/common';
import { LinkCacheService } from 'src/redirect/link-cache.service';
import { QrCodeController } from 'src/redirect/qr-code.controller';
import { RedirectLinkRepository } from 'src/redirect/redirect-link.repository';
import { RedirectHandler } from 'src/redirect/redirect.handler';
import { TrackingModule } from 'src/tracking/tracking.module';

@Module({
  imports: [TrackingModule],
  controllers: [QrCodeController],
  providers: [RedirectLinkRepository, LinkCacheService, RedirectHandler],
  exports: [RedirectHandler],
})
export class RedirectModule {}
