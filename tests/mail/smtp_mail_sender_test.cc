// SmtpMailSender against a fake SMTP relay on loopback (the outside world): the envelope,
// the headers (RFC 2047 subject, RFC 5322 date), CRLF and dot-stuffing of the body, a
// refused recipient and an unreachable relay as Unavailable, header injection refused.
#include "mail/smtp_mail_sender.h"

#include <gtest/gtest.h>

#include "support/fake_clock.h"
#include "support/fake_smtp_server.h"

namespace drieluik::mail {
namespace {

using testing::FakeClock;
using testing::FakeSmtpServer;

SmtpOptions PlainTo(const FakeSmtpServer& relay) {
  SmtpOptions o;
  o.url = relay.url();
  o.from = "drieluik@westerwolde.example";
  o.starttls = StartTls::kOff;  // the fake relay speaks no TLS
  o.timeout = std::chrono::seconds(5);
  return o;
}

domain::MailMessage Reminder() {
  return {
      "zc@zvhg.example", "Herinnering: actie #7 uiterlijk 2026-03-20 / Reminder: action #7 due 2026-03-20",
      "Actie #7 moet uiterlijk 2026-03-20 klaar zijn.\n.Een regel met een punt\nhttps://drieluik.example/acties/7\n"};
}

TEST(SmtpMailSenderTest, DeliversOneMessageWithEnvelopeHeadersAndBody) {
  FakeSmtpServer relay;
  FakeClock clock("2026-03-19T07:00:00Z");
  SmtpMailSender sender(PlainTo(relay), clock);
  Status s = sender.Send(Reminder());
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto got = relay.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].mail_from, "drieluik@westerwolde.example");
  EXPECT_EQ(got[0].rcpt_to, std::vector<std::string>{"zc@zvhg.example"});
  const std::string& d = got[0].data;
  EXPECT_NE(d.find("Date: Thu, 19 Mar 2026 07:00:00 +0000\r\n"), std::string::npos) << d;
  EXPECT_NE(d.find("From: drieluik <drieluik@westerwolde.example>\r\n"), std::string::npos);
  EXPECT_NE(d.find("To: <zc@zvhg.example>\r\n"), std::string::npos);
  EXPECT_NE(d.find("Subject: Herinnering: actie #7 uiterlijk 2026-03-20 / Reminder: action #7 due 2026-03-20\r\n"),
            std::string::npos);
  EXPECT_NE(d.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(d.find("@westerwolde.example>\r\n"), std::string::npos);  // Message-ID
  // The body with CRLF line ends; the line starting with a dot arrived intact.
  EXPECT_NE(d.find("\r\n\r\nActie #7 moet uiterlijk 2026-03-20 klaar zijn.\r\n.Een regel met een punt\r\n"
                   "https://drieluik.example/acties/7\r\n"),
            std::string::npos)
      << d;
}

TEST(SmtpMailSenderTest, ComposeEncodesANonAsciiSubject) {
  domain::MailMessage m{"a@b.example", "Overleg één", "x"};
  std::string text =
      SmtpMailSender::Compose(m, "drieluik@gemeente.example", *ParseTimestamp("2026-10-25T01:30:00Z"), "abc");
  EXPECT_NE(text.find("Subject: =?UTF-8?B?T3ZlcmxlZyDDqcOpbg==?=\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Message-ID: <abc@gemeente.example>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Date: Sun, 25 Oct 2026 01:30:00 +0000\r\n"), std::string::npos);
}

TEST(SmtpMailSenderTest, RefusedRecipientAndUnreachableRelayAreUnavailable) {
  FakeClock clock("2026-03-19T07:00:00Z");
  {
    FakeSmtpServer relay;
    relay.Refuse("zc@zvhg.example");
    SmtpMailSender sender(PlainTo(relay), clock);
    Status s = sender.Send(Reminder());
    EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
    EXPECT_EQ(s.message().rfind("smtp: ", 0), 0u) << s.message();
  }
  int closed_port;
  {
    FakeSmtpServer gone;
    closed_port = gone.port();
  }
  SmtpOptions o;
  o.url = "smtp://127.0.0.1:" + std::to_string(closed_port);
  o.from = "drieluik@westerwolde.example";
  o.starttls = StartTls::kOff;
  o.timeout = std::chrono::seconds(3);
  SmtpMailSender sender(o, clock);
  EXPECT_EQ(sender.Send(Reminder()).code(), StatusCode::kUnavailable);
}

TEST(SmtpMailSenderTest, RequiredStartTlsRefusesARelayWithoutTls) {
  FakeSmtpServer relay;
  FakeClock clock("2026-03-19T07:00:00Z");
  SmtpOptions o = PlainTo(relay);
  o.starttls = StartTls::kRequired;  // the default: never send a reminder in the clear
  SmtpMailSender sender(o, clock);
  EXPECT_EQ(sender.Send(Reminder()).code(), StatusCode::kUnavailable);
  EXPECT_TRUE(relay.WaitFor(1, 1).empty());
}

TEST(SmtpMailSenderTest, HeaderInjectionAndBadOptionsAreRefused) {
  FakeSmtpServer relay;
  FakeClock clock("2026-03-19T07:00:00Z");
  SmtpMailSender sender(PlainTo(relay), clock);
  domain::MailMessage m = Reminder();
  m.subject = "Herinnering\r\nBcc: iemand@elders.example";
  EXPECT_EQ(sender.Send(m).code(), StatusCode::kInvalidArgument);
  m = Reminder();
  m.to = "zc@zvhg.example>\r\nRCPT TO:<x@y.example";
  EXPECT_EQ(sender.Send(m).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(relay.WaitFor(1, 1).empty());

  SmtpOptions bad;
  bad.url = "http://relay.example";
  bad.from = "drieluik@gemeente.example";
  EXPECT_EQ(SmtpMailSender::CheckOptions(bad).message(),
            "--smtp-url: expected smtp://host[:port] or smtps://host[:port], got \"http://relay.example\"");
  bad.url = "smtps://relay.example:465";
  bad.from = "drieluik";
  EXPECT_EQ(SmtpMailSender::CheckOptions(bad).message(), "--smtp-from: expected an e-mail address, got \"drieluik\"");
  bad.from = "drieluik@gemeente.example";
  EXPECT_TRUE(SmtpMailSender::CheckOptions(bad).ok());
}

}  // namespace
}  // namespace drieluik::mail
