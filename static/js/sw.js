// The participant pages' service worker (served as /w/sw.js, scope /w/): network first, and the
// last good copy when there is no network, so that a participant can reload their page offline
// and still see what waits in their outbox. It never answers for the socket or for anything but
// GET requests to this site, and it stores nothing the page did not already receive.

const CACHE = "workshop-participant-pages";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/socket.io/")) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only plain successful answers: never a redirect (e.g. to the join page) or an error page.
    if (response.ok && response.type === "basic" && !response.redirected) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}
