/**
 * Twenty's naming rules for metadata (docs/twenty-contracts.md, M4), as data and small pure
 * functions, so that custom-objects/ is checked against them and the stand-in applies them.
 * The list is twenty-shared's `reserved-metadata-name-keywords.constant.ts` at commit
 * 41d242555963991041c474c5267df7d174c6a972 (Twenty 2.x), which added `search`/`searches` to the
 * earlier list; names that older lists also reserved (`position`, `positions`, `postgresCredential`,
 * `postgresCredentials`) are kept, so a name valid here is valid on every supported version.
 */
export const RESERVED_METADATA_NAMES: ReadonlySet<string> = new Set([
  'approvedAccessDomain', 'approvedAccessDomains', 'appToken', 'appTokens',
  'billingCustomer', 'billingCustomers', 'billingEntitlement', 'billingEntitlements',
  'billingMeter', 'billingMeters', 'billingProduct', 'billingProducts',
  'billingSubscription', 'billingSubscriptions', 'billingSubscriptionItem', 'billingSubscriptionItems',
  'featureFlag', 'featureFlags', 'job', 'jobs', 'keyValuePair', 'keyValuePairs',
  'pageLayout', 'pageLayouts', 'pageLayoutTab', 'pageLayoutTabs', 'pageLayoutWidget', 'pageLayoutWidgets',
  'twoFactorMethod', 'twoFactorMethods', 'user', 'users', 'userWorkspace', 'userWorkspaces',
  'workspace', 'workspaces', 'role', 'roles', 'userWorkspaceRole', 'userWorkspaceRoles',
  'plan', 'plans', 'event', 'events', 'field', 'fields', 'link', 'links',
  'currency', 'currencies', 'fullName', 'fullNames', 'address', 'addresses', 'type', 'types',
  'object', 'objects', 'index', 'relation', 'relations', 'aggregate', 'search', 'searches',
  'position', 'positions', 'postgresCredential', 'postgresCredentials',
]);

/** Twenty's name rule (M2, M3): a lowercase letter, then letters and digits, at most 63 characters. */
const METADATA_NAME = /^[a-z][a-zA-Z0-9]{0,62}$/;

/**
 * The name Twenty gives a field it names from a label, such as a relation's inverse (twenty-shared
 * `computeMetadataNameFromLabel`: slugify, a digit guard, camelCase). Newer versions append
 * `Custom` to a reserved result; older ones refuse it, so callers must pick labels that need neither.
 */
export function metadataNameFromLabel(label: string): string {
  const words = label.trim().toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.length === 0) throw new Error(`Invalid label: "${label}"`);
  if (/^\d/.test(words[0])) words.unshift('n');
  return words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

/** Why Twenty would refuse this name as given, or null. */
export function metadataNameProblem(name: string): string | null {
  if (!METADATA_NAME.test(name)) return `"${name}" must start with a lowercase letter and hold only letters and digits (at most 63)`;
  if (RESERVED_METADATA_NAMES.has(name)) return `"${name}" is reserved by Twenty`;
  return null;
}
