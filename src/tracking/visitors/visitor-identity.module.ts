import { Module } from '@nestjs/common';
import { VisitorIdentityService } from 'src/tracking/visitors/visitor-identity.service';
import { VisitorsRepository } from 'src/tracking/visitors/visitors.repository';

/** Apart from TrackingModule, which imports AttributionModule: attribution and the CRM link visitors to records through this one without a cycle. */
@Module({ providers: [VisitorsRepository, VisitorIdentityService], exports: [VisitorIdentityService] })
export class VisitorIdentityModule {}
