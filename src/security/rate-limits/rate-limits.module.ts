import { Global, Module } from '@nestjs/common';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';
import { SiteGateService } from 'src/security/rate-limits/site-gate.service';

/** Kept apart from SecurityModule because it needs Redis, which the CLI runs without. */
@Global()
@Module({ providers: [RateLimiterService, SiteGateService], exports: [RateLimiterService, SiteGateService] })
export class RateLimitsModule {}
