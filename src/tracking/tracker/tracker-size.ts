import { buildTrackerScript, TRACKER_GZIP_BUDGET_BYTES } from 'src/tracking/tracker/tracker-bundle';

/** Part of `npm run build`: prints the tracker's size and fails the build when it outgrows its budget. */
async function main(): Promise<void> {
  const script = await buildTrackerScript();
  const gzipped = script.gzipped.length;
  console.log(`trackflow.js: ${script.code.length} bytes, ${gzipped} bytes gzipped (budget ${TRACKER_GZIP_BUDGET_BYTES})`);
  if (gzipped > TRACKER_GZIP_BUDGET_BYTES) {
    console.error(`trackflow.js is ${gzipped - TRACKER_GZIP_BUDGET_BYTES} bytes over its gzipped budget`);
    process.exit(1);
  }
}

void main();
