import { defineApplicationRole } from 'twenty-sdk/define';

/**
 * What the app's functions may do with Twenty's records: nothing. They only forward requests to
 * TrackFlow, which writes into Twenty through the API key given to `twenty:install`.
 */
export default defineApplicationRole({
  universalIdentifier: 'a9bb0808-faf6-4a45-8bc3-609abde45095',
  label: 'TrackFlow app',
  description: 'Runs the TrackFlow app\'s functions; reads and writes no records',
  canReadAllObjectRecords: false,
  canUpdateAllObjectRecords: false,
  canSoftDeleteAllObjectRecords: false,
  canDestroyAllObjectRecords: false,
  canUpdateAllSettings: false,
  canAccessAllTools: false,
  canBeAssignedToUsers: false,
  canBeAssignedToAgents: false,
  canBeAssignedToApiKeys: false,
});
