import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from 'src/config/app-config';
import { startServer } from 'src/server';
import { startBanner } from 'src/start-banner.util';

async function main(): Promise<void> {
  try {
    loadConfig();
    const running = await startServer();
    console.log(startBanner(running.app.get(AppConfig), running.stores, running.url));
  } catch (error) {
    if (error instanceof ConfigError) {
      // One line naming the variable: the person starting the server needs nothing else.
      console.error(`TrackFlow cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

void main();
