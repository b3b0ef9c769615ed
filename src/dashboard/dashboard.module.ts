import { Module } from '@nestjs/common';
import { DashboardController } from 'src/dashboard/dashboard.controller';

@Module({ controllers: [DashboardController] })
export class DashboardModule {}
