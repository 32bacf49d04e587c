// Lets the participant's page be reloaded without network: a service worker (static/js/sw.js,
// served as /w/sw.js) answers from its cache when the network is gone. Together with the outbox
// in localStorage, a participant who reloads while offline still sees their unsent notes.

const CACHE = "workshop-participant-pages";

export async function keepPageForOffline(workerUrl) {
  // Service workers need a secure context (HTTPS or localhost); elsewhere the outbox still keeps
  // the notes, only a reload without network then fails like any other page.
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  try {
    await navigator.serviceWorker.register(workerUrl, { scope: new URL(".", new URL(workerUrl, location.href)).pathname });
    if (!navigator.serviceWorker.controller) {
      // The first visit happened before the worker ran: put this page and what it loads in the
      // cache now (later visits are kept fresh by the worker itself).
      await navigator.serviceWorker.ready;
      const assets = [...document.querySelectorAll('link[rel="stylesheet"], link[rel="modulepreload"], script[src]')]
        .map((node) => node.href || node.src);
      const cache = await caches.open(CACHE);
      await cache.addAll([...new Set([location.href, ...assets])]); // addAll refuses duplicates
    }
    // Says (to tests, and to anyone curious) that a reload without network will work now.
    document.documentElement.dataset.offlineReady = "true";
  } catch {
    // Private windows and full disks refuse; the page works as before, without offline reloads.
  }
}
