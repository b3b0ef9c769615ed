import { defineApplication } from 'twenty-sdk/define';

export default defineApplication({
  universalIdentifier: 'e83b04f7-5ebf-455e-9eae-0105e78cd583',
  displayName: 'TrackFlow',
  description: 'Marketing attribution for Twenty: campaigns, tracked links, conversions and multi-touch attribution on people and deals',
  category: 'Marketing',
  applicationVariables: {
    TRACKFLOW_URL: {
      universalIdentifier: '619f869c-4f0a-4b9f-85d9-df334f5be698',
      label: 'TrackFlow URL',
      description: "Base URL of your TrackFlow server, e.g. https://trackflow.example.com (its /graphql answers the app's screens)",
      isRequired: true,
      isSecret: false,
    },
    TRACKFLOW_API_KEY: {
      universalIdentifier: '7bd7a955-e94c-496b-b599-a4f36fbe5d39',
      label: 'TrackFlow API key',
      description: 'A TrackFlow API key (npm run cli -- api-key:create ...); only the app\'s server-side function sees it',
      isRequired: true,
      isSecret: true,
    },
  },
});
