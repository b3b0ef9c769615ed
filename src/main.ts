import 'reflect-metadata';
import { ConfigError, loadConfig } from 'src/config/app-config';
import { startServer } from 'src/server';

async function main(): Promise<void> {
  try {
    loadConfig();
    const running = await startServer();
    console.log(`TrackFlow listening on ${running.url} (GraphQL at /graphql, health at /healthz)`);
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
