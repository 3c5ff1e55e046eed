import { initializeApp } from 'firebase/app';
import { getDatabase } from 'firebase/database';

// Web config from the Firebase console (Project settings → Your apps)
const firebaseConfig = {
  apiKey: 'AIza4jYfwSQd0ThosdiiqQpAf8IztM381qUhDv3',
  authDomain: 'acme-fit-6d2e1.firebaseapp.com',
  databaseURL: 'https://acme-fit-6d2e1-default-rtdb.firebaseio.com',
  projectId: 'acme-fit-6d2e1',
  storageBucket: 'acme-fit-6d2e1.appspot.com',
  messagingSenderId: '902384756102',
  appId: '1:902384756102:web:4f7a2c9e1b3d5f80',
};

// Emulator for `npm run e2e`
export const EMULATOR_DB = 'http://localhost:9000/?ns=acme-fit-6d2e1';

export const app = initializeApp(firebaseConfig);
export const db = getDatabase(app);
