// On every workspace page: registers the workspace's service worker (dashboards/islands-sw/sw.ts), which
// keeps the pages, the label keys and the scan island for use without a network. Its scope is /workspace
// (no trailing slash) so the workspace's home, the app's start_url, is covered too.
navigator.serviceWorker?.register('/workspace/sw.js', { scope: '/workspace' }).catch(() => undefined)
