import { Module } from '@nestjs/common';
import { DashboardController } from 'src/dashboard/dashboard.controller';
import { HomeController } from 'src/dashboard/home.controller';

@Module({ controllers: [DashboardController, HomeController] })
export class DashboardModule {}
