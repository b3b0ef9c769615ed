import { Global, Module } from '@nestjs/common';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';

/** Kept apart from SecurityModule because it needs Redis, which the CLI runs without. */
@Global()
@Module({ providers: [RateLimiterService], exports: [RateLimiterService] })
export class RateLimitsModule {}
