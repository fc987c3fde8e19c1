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
