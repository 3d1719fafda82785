// StaticFiles: a Handler that serves the built web UI (ui/dist) from a directory.
//
// GET and HEAD only. The request path is split into segments and each is checked: no
// "..", no "." and no dot-files ("/.env", "/.git/config") at any depth, no backslash;
// the resolved file must lie inside root after symlinks are resolved. "/" and paths
// ending in '/' serve that directory's index.html. Content types by extension (html,
// js, css, svg, png, woff2, json, ico, map, ...). Caching: index.html "no-cache";
// "/assets/*" (Vite's content-hashed files) "public, max-age=31536000, immutable";
// other files "no-cache". Every file gets an ETag (size and modification time) and
// If-None-Match answers 304. Paths under /api/ are never served (404 problem), so an
// unknown API path does not come back as the SPA.
//
// With spa_fallback, a GET/HEAD for a path that has no file (and is not under /api/
// and passes the checks above) gets root/index.html, so client-side routes survive a
// reload. Missing files under /assets/ stay 404: they are stale hashed bundles, and
// index.html in their place would only show up as a MIME-type error in the browser.
//
// The returned handler reads files synchronously (it runs on the worker pool) and is
// thread-safe.
#pragma once

#include <filesystem>

#include "web/http/router.h"

namespace drieluik::web {

/// A handler serving files under root; see the header comment. Install it with
/// Router::SetFallback. Requires: root exists (checked per request; a missing root
/// gives 404).
Handler StaticFiles(std::filesystem::path root, bool spa_fallback);

/// The Content-Type for a file name by its extension; "application/octet-stream" when
/// unknown.
std::string ContentTypeFor(const std::filesystem::path& file);

}  // namespace drieluik::web
