#include "mail/smtp_mail_sender.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>

namespace drieluik::mail {
namespace {

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// A mailbox as SMTP needs it: one @, something on both sides, no spaces or angle brackets.
bool IsAddress(std::string_view s) {
  auto at = s.find('@');
  return !s.empty() && s.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
         s.find('@', at + 1) == std::string_view::npos && s.find_first_of(" \t\r\n<>,;\"") == std::string_view::npos;
}

std::string Base64(std::string_view in) {
  std::string out(sodium_base64_encoded_len(in.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// RFC 2047: plain ASCII stays as it is, anything else becomes one encoded word.
std::string EncodeHeader(std::string_view text) {
  bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (unsigned char)c < 0x80; });
  if (ascii) return std::string(text);
  return "=?UTF-8?B?" + Base64(text) + "?=";
}

// RFC 5322 date in UTC: "Wed, 02 Dec 2026 18:26:38 +0000".
std::string MailDate(TimePoint now) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(now));
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02d} {} {} {:02d}:{:02d}:{:02d} +0000", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

// The body with CRLF line ends (a lone LF or CR becomes CRLF). libcurl dot-stuffs lines
// that start with "." itself.
std::string CrLf(std::string_view body) {
  std::string out;
  out.reserve(body.size() + body.size() / 40);
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};

std::size_t ReadChunk(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
  auto* u = static_cast<Upload*>(userdata);
  std::size_t n = std::min(size * nitems, u->data->size() - u->pos);
  std::memcpy(buffer, u->data->data() + u->pos, n);
  u->pos += n;
  return n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string Unique() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

}  // namespace

SmtpMailSender::SmtpMailSender(SmtpOptions options, const Clock& clock) : options_(std::move(options)), clock_(clock) {
  GlobalInit();
}

Status SmtpMailSender::CheckOptions(const SmtpOptions& o) {
  if (!o.url.starts_with("smtp://") && !o.url.starts_with("smtps://"))
    return Status::InvalidArgument("--smtp-url: expected smtp://host[:port] or smtps://host[:port], got \"" + o.url +
                                   "\"");
  if (o.url.find_first_of(" \r\n") != std::string::npos)
    return Status::InvalidArgument("--smtp-url: contains a space or line break");
  if (!IsAddress(o.from))
    return Status::InvalidArgument("--smtp-from: expected an e-mail address, got \"" + o.from + "\"");
  return Status::Ok();
}

std::string SmtpMailSender::Compose(const domain::MailMessage& m, const std::string& from, TimePoint now,
                                    const std::string& unique) {
  std::string domain = from.substr(from.find('@') + 1);
  std::string out;
  out += "Date: " + MailDate(now) + "\r\n";
  out += "From: drieluik <" + from + ">\r\n";
  out += "To: <" + m.to + ">\r\n";
  out += "Subject: " + EncodeHeader(m.subject) + "\r\n";
  out += "Message-ID: <" + unique + "@" + domain + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no auto-replies to reminders
  out += "\r\n";
  out += CrLf(m.body);
  return out;
}

Status SmtpMailSender::Send(const domain::MailMessage& m) {
  if (!IsAddress(m.to)) return Status::InvalidArgument("mail: the recipient is not an e-mail address");
  if (HasLineBreak(m.subject)) return Status::InvalidArgument("mail: the subject contains a line break");
  std::string message = Compose(m, options_.from, clock_.Now(), Unique());

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return Status::Unavailable("smtp: libcurl could not start");
  std::string mail_from = "<" + options_.from + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(
      curl_slist_append(nullptr, ("<" + m.to + ">").c_str()), &curl_slist_free_all);
  Upload upload{&message};
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min<long>(10, static_cast<long>(options_.timeout.count())));
  if (options_.url.starts_with("smtp://")) {
    switch (options_.starttls) {
      case StartTls::kRequired:
        curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
        break;
      case StartTls::kTry:
        curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
        break;
      case StartTls::kOff:
        curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_NONE));
        break;
    }
  }
  if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
  }
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) return Status::Unavailable(std::string("smtp: ") + (error[0] ? error : curl_easy_strerror(rc)));
  return Status::Ok();
}

}  // namespace drieluik::mail
