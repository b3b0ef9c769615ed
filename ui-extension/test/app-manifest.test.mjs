// The Twenty stand-in (standin/twenty/) installs the TrackFlow app from a manifest it derives from
// custom-objects/, so that twenty:install can be tested beside the app in both orders. This holds
// that derivation to what `twenty dev:build` really writes: same objects, fields, universal
// identifiers, relation sides and select options (npm run build runs before this in CI).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const appPath = join(dirname(fileURLToPath(import.meta.url)), '..');

async function standInManifest() {
  const bundled = await build({
    entryPoints: [join(appPath, '..', 'standin', 'twenty', 'app-manifest.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    tsconfig: join(appPath, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', bundled.outputFiles[0].text)(module, module.exports);
  return module.exports.trackflowAppManifest();
}

/** What the stand-in's app install reads of a field. */
const fieldFacts = (field, owner) => ({
  universalIdentifier: field.universalIdentifier,
  objectUniversalIdentifier: field.objectUniversalIdentifier ?? owner,
  name: field.name,
  label: field.label,
  type: field.type,
  options: (field.options ?? []).map((option) => option.value),
  relationTargetObjectMetadataUniversalIdentifier: field.relationTargetObjectMetadataUniversalIdentifier,
  relationTargetFieldMetadataUniversalIdentifier: field.relationTargetFieldMetadataUniversalIdentifier,
  relationType: field.universalSettings?.relationType,
});

/** The build adds each object's label-identifier `name` field, which every Twenty object has anyway (the stand-in makes it too). */
const declaredFields = (object) => object.fields.filter((field) => field.universalIdentifier !== object.labelIdentifierFieldMetadataUniversalIdentifier);

const facts = (manifest) => ({
  application: manifest.application.universalIdentifier,
  objects: manifest.objects.map(({ universalIdentifier, nameSingular, namePlural, labelSingular, labelPlural }) => ({ universalIdentifier, nameSingular, namePlural, labelSingular, labelPlural })),
  fields: [
    ...manifest.objects.flatMap((object) => declaredFields(object).map((field) => fieldFacts(field, object.universalIdentifier))),
    ...manifest.fields.map((field) => fieldFacts(field)),
  ].sort((a, b) => a.universalIdentifier.localeCompare(b.universalIdentifier)),
});

test("the stand-in installs the data model the app's build declares", async () => {
  const built = JSON.parse(await readFile(join(appPath, '.twenty', 'output', 'manifest.json'), 'utf8'));
  assert.deepEqual(facts(await standInManifest()), facts(built));
});
