import { Module } from '@nestjs/common';
import { DayActivityRepository } from 'src/tracking/exports/day-activity.repository';
import { DayActivityService } from 'src/tracking/exports/day-activity.service';

/** Apart from TrackingModule (which serves the collect and click routes): the scheduled exports read a day's activity through this one alone. */
@Module({ providers: [DayActivityRepository, DayActivityService], exports: [DayActivityService] })
export class DayActivityModule {}
