import { defineStorage } from '@aws-amplify/backend';

// Guests used to get allow.guest.to(['read', 'write']) on everything; see below for what is left.
export const storage = defineStorage({
  name: 'pocketchefMedia',
  access: (allow) => ({
    'uploads/*': [
      allow.guest.to(['read', 'write', 'delete']),
      allow.authenticated.to(['read', 'write', 'delete']),
    ],
    'menus/*': [
      allow.guest.to(['read']),
      allow.authenticated.to(['read']),
    ],
    'profile-pictures/{entity_id}/*': [
      allow.authenticated.to(['read']),
      allow.entity('identity').to(['read', 'write', 'delete']),
    ],
    'admin/*': [
      allow.groups(['admins']).to(['read', 'write', 'delete']),
    ],
  }),
});
