// Keeps the collect pages usable with no network. The page itself is taken from the network when
// it can be and from the copy kept here when it cannot; styles, scripts and icons are kept as
// fetched. Answers are never cached here: they wait in IndexedDB until the site takes them. The
// kept page names the person signed in: every page seen signed out deletes it (site.js).
"use strict";

const CACHE = "participation-terrain-1";
const COLLECT_PAGE = /^\/micro-trottoirs\/[a-z0-9-]+\/(repondre|terrain)$/;
const ASSET = /^\/(css|js|lib|img)\//;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE) {
        await caches.delete(key);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  // Only the bare page is kept: an address with a query (a receipt without script) is never stored.
  if (request.mode === "navigate" && COLLECT_PAGE.test(url.pathname) && url.search === "") {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (ASSET.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

// A page says which address it is and what it loaded, on its first visit, before the worker
// controlled it: both are fetched again and kept, as later visits would have kept them.
self.addEventListener("message", (event) => {
  const { keep, assets } = event.data || {};
  if (typeof keep !== "string" || !COLLECT_PAGE.test(keep) || event.origin !== self.location.origin) {
    return;
  }
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      const page = await fetch(keep, { credentials: "same-origin", cache: "no-store" });
      if (page.ok) {
        await cache.put(keep, page);
      }
      for (const url of Array.isArray(assets) ? assets : []) {
        const address = new URL(url, self.location.origin);
        if (address.origin === self.location.origin && ASSET.test(address.pathname) && !(await cache.match(address.href))) {
          const asset = await fetch(address.href);
          if (asset.ok) {
            await cache.put(address.href, asset);
          }
        }
      }
    } catch {
      // No network now: the next visit keeps them.
    }
  })());
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = await cache.match(key);
    if (kept) {
      return kept;
    }
    throw offline;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) {
    return kept;
  }
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}
