// The service worker keeps the app shell (so it opens with no signal) and the citizen's last-seen
// data: API reads go to the network first and fall back to the copy seen last. Logging out
// clears the copies (a phone may be shared).
const SHELL = 'motcua-shell-v2';
const DATA = 'motcua-data-v1';
const FILES = ['/', '/app/app.css', '/app/main.js', '/app/api.js', '/app/i18n.js', '/app/i18n/vi.js', '/app/view.js',
  '/app/router.js', '/app/queue.js', '/app/data.js', '/app/screens/home.js', '/app/icon.svg', '/manifest.webmanifest'];
// Reads a citizen looks at again with no signal.
const KEEP = [/^\/v1\/me\/bookings/, /^\/v1\/dossiers/, /^\/v1\/me\/notifications/, /^\/v1\/sessions/, /^\/v1\/wards/, /^\/v1\/procedures/, /^\/v1\/calendar/];

self.addEventListener('install', e => e.waitUntil(caches.open(SHELL).then(c => c.addAll(FILES))));
self.addEventListener('activate', e => e.waitUntil(caches.keys().then(keys =>
  Promise.all(keys.filter(k => k !== SHELL && k !== DATA).map(k => caches.delete(k))))));
self.addEventListener('message', e => { if (e.data === 'logout') e.waitUntil(caches.delete(DATA)); });

self.addEventListener('fetch', e => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.startsWith('/v1/')) {
    if (!KEEP.some(r => r.test(url.pathname))) return;
    e.respondWith(fetch(req).then(res => {
      if (res.ok) { const copy = res.clone(); caches.open(DATA).then(c => c.put(req, copy)); }
      return res;
    }).catch(() => caches.open(DATA).then(c => c.match(req)).then(r => r || Response.error())));
    return;
  }
  // The shell: the network (revalidated by ETag), the kept copy when offline; app routes get index.html.
  const isPage = req.mode === 'navigate';
  e.respondWith(fetch(req).then(res => {
    if (res.ok && !isPage) { const copy = res.clone(); caches.open(SHELL).then(c => c.put(req, copy)); }
    return res;
  }).catch(() => caches.match(isPage ? '/' : req).then(r => r || Response.error())));
});

// Pushes (FCM for the web, issue 16). FCM hands over its JSON: {notification: {title, body, tag},
// data: {type, notification_id, link, web_path, title_vi, title_en, body_vi, body_en}, fcmOptions:
// {link}} (the server's notify/webpush.go). Shown in the language the reader chose in the app
// (push.js keeps it in IndexedDB), one per notification id; a click opens the screen it is about.
function chosenLang() {
  return new Promise(resolve => {
    const r = indexedDB.open('motcua-push', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('kv');
    r.onerror = () => resolve('vi');
    r.onsuccess = () => {
      const g = r.result.transaction('kv').objectStore('kv').get('lang');
      g.onsuccess = () => { r.result.close(); resolve(g.result === 'en' ? 'en' : 'vi'); };
      g.onerror = () => { r.result.close(); resolve('vi'); };
    };
  });
}

// Only a path of this app: a push cannot send the reader elsewhere.
const appPath = p => (typeof p === 'string' && /^\/(?![/\\])/.test(p) ? p : '/inbox');

self.addEventListener('push', e => {
  let msg;
  try { msg = e.data ? e.data.json() : null; } catch { msg = null; }
  if (!msg) return;
  const d = msg.data || {}, n = msg.notification || {};
  // Acknowledge receipt (no session needed: the random receipt_key is the proof), so the Zalo or
  // SMS message scheduled after PUSH_CONFIRM_TIMEOUT is cancelled (docs/notify-routing.md).
  if (d.receipt_key && d.notification_id) {
    e.waitUntil(fetch('/v1/notifications/' + encodeURIComponent(d.notification_id) + '/received', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: d.receipt_key }),
    }).catch(() => undefined));
  }
  e.waitUntil(chosenLang().then(l => {
    const title = d['title_' + l] || n.title;
    if (!title) return undefined;
    return self.registration.showNotification(title, {
      body: d['body_' + l] || n.body || '', lang: l, icon: '/app/icon.svg',
      tag: d.notification_id || undefined, data: { path: appPath(d.web_path), type: d.type || '' },
    });
  }));
});

self.addEventListener('notificationclick', e => {
  e.notification.close();
  const path = appPath(e.notification.data && e.notification.data.path);
  // A tab of the app already open goes to the screen (main.js routes it); else a new one opens.
  const open = self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(list => {
    const tab = list.find(c => new URL(c.url).origin === location.origin);
    if (!tab) return self.clients.openWindow(path);
    tab.postMessage({ open: path });
    return tab.focus().catch(() => tab);
  });
  e.waitUntil(open);
});

// The browser renewed its push subscription: an open tab gets a new FCM token and registers it
// (push.js refresh; with no tab open, the next start does).
self.addEventListener('pushsubscriptionchange', e => e.waitUntil(self.clients.matchAll({ type: 'window' })
  .then(list => list.forEach(c => c.postMessage({ push: 'refresh' })))));
