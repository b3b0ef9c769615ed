import { Module } from '@nestjs/common';
import { VisitorIdentityService } from 'src/tracking/visitors/visitor-identity.service';

/** Apart from TrackingModule, whose queues and workers the features linking visitors to CRM records need not start. */
@Module({ providers: [VisitorIdentityService], exports: [VisitorIdentityService] })
export class VisitorIdentityModule {}
