import { BuiltScript } from 'src/common/http/built-script';
import { buildConsentBannerScript, buildTrackerScript, CONSENT_BANNER_GZIP_BUDGET_BYTES, TRACKER_GZIP_BUDGET_BYTES } from 'src/tracking/tracker/tracker-bundle';

/** Prints a script's size and tells whether it fits its gzipped budget. */
function fits(name: string, script: BuiltScript, budget: number): boolean {
  const gzipped = script.gzipped.length;
  console.log(`${name}: ${script.code.length} bytes, ${gzipped} bytes gzipped (budget ${budget})`);
  if (gzipped <= budget) return true;
  console.error(`${name} is ${gzipped - budget} bytes over its gzipped budget`);
  return false;
}

/** Part of `npm run build`: prints the tracker's and the consent banner's sizes and fails the build when one outgrows its budget. */
async function main(): Promise<void> {
  const tracker = fits('trackflow.js', await buildTrackerScript(), TRACKER_GZIP_BUDGET_BYTES);
  const banner = fits('trackflow-consent.js', await buildConsentBannerScript(), CONSENT_BANNER_GZIP_BUDGET_BYTES);
  if (!tracker || !banner) process.exit(1);
}

void main();
