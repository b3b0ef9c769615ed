/**
 * The shape of twenty-sdk's object and field manifests (defineObject / defineField), kept as plain
 * data so the same declarations feed the Twenty app and the Metadata API install.
 */
export type TwentyFieldType = 'TEXT' | 'NUMBER' | 'NUMERIC' | 'BOOLEAN' | 'DATE_TIME' | 'SELECT' | 'MULTI_SELECT' | 'LINKS' | 'CURRENCY' | 'RAW_JSON' | 'UUID' | 'RELATION';

export interface SelectOption {
  value: string;
  label: string;
  position: number;
  color: string;
}

export interface FieldManifest {
  universalIdentifier: string;
  /** The object the field belongs to: one of ours, or a standard object by its name (person, opportunity, company). */
  objectUniversalIdentifier: string;
  type: TwentyFieldType;
  name: string;
  label: string;
  description?: string;
  icon?: string;
  isNullable?: boolean;
  options?: SelectOption[];
  /** RELATION only: this side holds the foreign key (MANY_TO_ONE); Twenty creates the inverse ONE_TO_MANY field. */
  relationTargetObjectMetadataUniversalIdentifier?: string;
  inverseName?: string;
  inverseLabel?: string;
}

export interface ObjectManifest {
  universalIdentifier: string;
  nameSingular: string;
  namePlural: string;
  labelSingular: string;
  labelPlural: string;
  description: string;
  icon: string;
  fields: FieldManifest[];
}

/** Standard Twenty objects we add fields to, identified by name: their ids differ per workspace. */
export const STANDARD_OBJECTS = { person: 'standard:person', opportunity: 'standard:opportunity', company: 'standard:company' } as const;
