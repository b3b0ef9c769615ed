/**
 * The shape of twenty-sdk's object and field manifests (defineObject / defineField), kept as plain
 * data so the same declarations feed the Twenty app (ui-extension/, whose type check holds these
 * types against the SDK's own) and the Metadata API install.
 */
export type TwentyFieldType = 'TEXT' | 'NUMBER' | 'NUMERIC' | 'BOOLEAN' | 'DATE_TIME' | 'SELECT' | 'MULTI_SELECT' | 'LINKS' | 'CURRENCY' | 'RAW_JSON' | 'UUID' | 'RELATION';

/** Twenty's tag colours (TAG_COLORS); the SDK's build rejects any other. */
export type TwentyTagColor =
  | 'red' | 'ruby' | 'crimson' | 'tomato' | 'orange' | 'amber' | 'yellow' | 'lime' | 'grass' | 'green' | 'jade' | 'mint' | 'turquoise'
  | 'cyan' | 'sky' | 'blue' | 'iris' | 'violet' | 'purple' | 'plum' | 'pink' | 'bronze' | 'gold' | 'brown' | 'gray';

export interface SelectOption {
  value: string;
  label: string;
  position: number;
  color: TwentyTagColor;
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
  /**
   * RELATION only: this side holds the foreign key (MANY_TO_ONE). The inverse ONE_TO_MANY field on
   * the target is Twenty's to create through the Metadata API (named from inverseLabel); the app
   * declares it with relationTargetFieldMetadataUniversalIdentifier as its universal identifier.
   */
  relationTargetObjectMetadataUniversalIdentifier?: string;
  relationTargetFieldMetadataUniversalIdentifier?: string;
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

/**
 * Standard Twenty objects we add fields to, by the universal identifiers Twenty gives them in every
 * workspace (twenty-sdk's STANDARD_OBJECT; the app's type check holds these equal). Their metadata
 * ids differ per workspace, so the Metadata API path finds them by name.
 */
export const STANDARD_OBJECTS = {
  person: '20202020-e674-48e5-a542-72570eee7213',
  opportunity: '20202020-9549-49dd-b2b2-883999db8938',
  company: '20202020-b374-4779-a561-80086cb2e17f',
} as const;
