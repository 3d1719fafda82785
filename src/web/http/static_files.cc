#include "web/http/static_files.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>
#include <system_error>

#include "web/http/url.h"

namespace drieluik::web {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

Response NotFound() { return Response::Problem(404, "not-found", "Niet gevonden / Not found"); }

// The safe relative path for a decoded URL path, nullopt when any segment is "..",
// ".", a dot-file or holds a backslash. "" for "/".
std::optional<fs::path> SafeRelative(std::string_view path) {
  fs::path out;
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    std::string_view segment = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (segment.empty()) continue;
    if (segment.front() == '.' || segment.find('\\') != std::string_view::npos ||
        segment.find(':') != std::string_view::npos) {
      return std::nullopt;
    }
    out /= std::string(segment);
  }
  return out;
}

bool IsWithin(const fs::path& root, const fs::path& file) {
  auto r = root.begin();
  auto f = file.begin();
  for (; r != root.end(); ++r, ++f) {
    if (f == file.end() || *r != *f) return false;
  }
  return true;
}

// A regular file inside root (after symlinks), or nullopt.
std::optional<fs::path> Resolve(const fs::path& canonical_root, const fs::path& relative) {
  std::error_code ec;
  fs::path candidate = canonical_root / relative;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  fs::path real = fs::canonical(candidate, ec);
  if (ec || !IsWithin(canonical_root, real) || !fs::is_regular_file(real, ec)) {
    return std::nullopt;
  }
  return real;
}

Response Serve(const Request& r, const fs::path& file, std::string_view cache_control) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  auto mtime = fs::last_write_time(file, ec);
  char etag_buf[48];
  std::snprintf(etag_buf, sizeof etag_buf, "\"%llx-%llx\"",
                static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(mtime.time_since_epoch().count()));
  std::string etag = etag_buf;
  if (!ec && r.Header("if-none-match") == etag) {
    Response not_modified;
    not_modified.status = 304;
    not_modified.SetHeader("ETag", etag);
    not_modified.SetHeader("Cache-Control", std::string(cache_control));
    return not_modified;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFound();
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Response response = Response::Text(200, std::move(body), ContentTypeFor(file));
  response.SetHeader("Cache-Control", std::string(cache_control));
  if (!ec) response.SetHeader("ETag", etag);
  return response;
}

}  // namespace

std::string ContentTypeFor(const fs::path& file) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".pdf", "application/pdf"},
  };
  std::string ext = file.extension().string();
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const auto& [known, type] : kTypes) {
    if (ext == known) return std::string(type);
  }
  return "application/octet-stream";
}

Handler StaticFiles(fs::path root, bool spa_fallback) {
  return [root = std::move(root), spa_fallback](Request& r) -> Response {
    if (r.path == "/api" || r.path.rfind("/api/", 0) == 0) return NotFound();
    if (r.method != "GET" && r.method != "HEAD") {
      Response response = Response::Problem(405, "method-not-allowed",
                                            "Methode niet toegestaan / Method not allowed");
      response.SetHeader("Allow", "GET, HEAD");
      return response;
    }
    auto relative = SafeRelative(r.path);
    if (!relative) return NotFound();
    std::error_code ec;
    fs::path canonical_root = fs::canonical(root, ec);
    if (ec) return NotFound();

    if (auto file = Resolve(canonical_root, *relative)) {
      bool is_asset = r.path.rfind("/assets/", 0) == 0;
      bool is_index = file->filename() == "index.html";
      return Serve(r, *file, is_asset && !is_index ? kImmutable : "no-cache");
    }
    // A missing hashed asset is a stale page after a deploy: a 404 says so, where
    // index.html would surface as a MIME-type error in the browser.
    if (spa_fallback && r.path.rfind("/assets/", 0) != 0) {
      if (auto index = Resolve(canonical_root, "index.html")) {
        return Serve(r, *index, "no-cache");
      }
    }
    return NotFound();
  };
}

}  // namespace drieluik::web
