import { Module } from '@nestjs/common';
import { VisitorIdentityService } from 'src/tracking/visitors/visitor-identity.service';
import { VisitorsRepository } from 'src/tracking/visitors/visitors.repository';

/** Apart from TrackingModule, whose queues and workers the features linking visitors to CRM records need not start. */
@Module({ providers: [VisitorsRepository, VisitorIdentityService], exports: [VisitorIdentityService] })
export class VisitorIdentityModule {}
