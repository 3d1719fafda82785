// SmtpMailSender: the Drieluik's reminders (issue 5 point 5) as e-mail through an SMTP relay
// the municipality runs, with libcurl. Off unless `serve --smtp-url` names a relay.
//
// The relay URL is smtp://host[:port] (STARTTLS as SmtpOptions::starttls says) or
// smtps://host[:port] (TLS from the start). Each Send opens one connection, sends one
// message and closes: reminders are few, and a relay that was down is simply tried again on
// the next message. Messages are plain text in UTF-8 with an RFC 2047 encoded subject; the
// sender refuses a recipient, sender or subject with a line break (header injection).
//
// What a reminder carries is decided by the domain (MailMessage: action number, due date and
// a link, never the title). Passwords are held in memory only and never logged.
// Thread-safe: Send keeps no state between calls.
#pragma once

#include <chrono>
#include <string>

#include "base/clock.h"
#include "domain/drieluik/action.h"

namespace drieluik::mail {

enum class StartTls {
  kRequired,  ///< refuse to send over a connection that did not switch to TLS (the default)
  kTry,       ///< use STARTTLS when the relay offers it
  kOff,       ///< plain SMTP: only for a relay on loopback or in tests
};

struct SmtpOptions {
  std::string url;       // smtp://relay.gemeente.nl:587 or smtps://relay.gemeente.nl:465
  std::string from;      // envelope and header sender, e.g. drieluik@gemeente.nl
  std::string username;  // empty: no AUTH
  std::string password;
  StartTls starttls = StartTls::kRequired;
  std::string ca_file;  // a CA bundle to trust instead of the system's; empty: the system's
  std::chrono::seconds timeout{30};
};

class SmtpMailSender final : public domain::MailSender {
 public:
  /// Requires: options.url starts with smtp:// or smtps:// and options.from is an address
  /// (CheckOptions says so).
  SmtpMailSender(SmtpOptions options, const Clock& clock);

  /// Unavailable "smtp: <libcurl's reason>" when the relay cannot be reached, refuses the
  /// sender or the recipient, or the transfer fails; InvalidArgument when a header would
  /// carry a line break or the recipient is not an address.
  Status Send(const domain::MailMessage& m) override;

  /// InvalidArgument naming the option (--smtp-url, --smtp-from) when it is malformed.
  static Status CheckOptions(const SmtpOptions& options);

  /// The message as it goes over the wire (headers, blank line, body; CRLF line ends), for
  /// tests and for Send. Message-ID is made of `unique` and the sender's domain.
  static std::string Compose(const domain::MailMessage& m, const std::string& from, TimePoint now,
                             const std::string& unique);

 private:
  SmtpOptions options_;
  const Clock& clock_;
};

}  // namespace drieluik::mail
