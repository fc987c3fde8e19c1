// The one entry of static/vendor/firebase-messaging.js (npm run bundle): the Firebase JS SDK's
// app and messaging parts, for push.js to import when push is offered (never at first load).
export { initializeApp, getApps } from 'firebase/app';
export { getMessaging, getToken, deleteToken, isSupported } from 'firebase/messaging';
