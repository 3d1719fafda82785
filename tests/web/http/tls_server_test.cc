// HttpServer with TLS (issue 3 point 8): a self-signed certificate made in the test with the
// openssl command, a real TLS client (Boost.Asio ssl on OpenSSL) checking the protocol
// version and the headers (HSTS only under TLS), a client limited to TLS 1.1 refused, and
// plain HTTP on the TLS port closed without an answer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <filesystem>

#include "web/http/server.h"
#include "web/http/test_client.h"

namespace drieluik::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class TlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("drieluik-tls-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 -subj /CN=localhost "
                      "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
                      (dir_ / "key.pem").string() + "' -out '" + (dir_ / "cert.pem").string() +
                      "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a test certificate";
    router_.Add("GET", "/api/v1/ping", [](Request&) { return Response::Json(200, "{\"ok\":true}"); });
  }
  void TearDown() override { fs::remove_all(dir_); }

  ServerOptions Options() {
    ServerOptions o;
    o.port = 0;
    o.read_timeout = 2s;
    o.idle_timeout = 2s;
    o.tls_cert_file = (dir_ / "cert.pem").string();
    o.tls_key_file = (dir_ / "key.pem").string();
    return o;
  }

  struct TlsResult {
    bool handshake = false;
    std::string version;  // "TLSv1.3"
    http::response<http::string_body> response;
  };
  // One GET over TLS, trusting the test certificate; max_version limits the client.
  TlsResult Get(uint16_t port, int max_version = 0) {
    TlsResult out;
    asio::io_context ioc;
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.load_verify_file((dir_ / "cert.pem").string());
    ctx.set_verify_mode(asio::ssl::verify_peer);
    if (max_version) SSL_CTX_set_max_proto_version(ctx.native_handle(), max_version);
    if (max_version && max_version < TLS1_2_VERSION) {
      SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_VERSION);
      SSL_CTX_set_security_level(ctx.native_handle(), 0);  // let this client offer TLS 1.1
    }
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    beast::get_lowest_layer(stream).expires_after(5s);
    beast::get_lowest_layer(stream).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    beast::error_code ec;
    stream.handshake(asio::ssl::stream_base::client, ec);
    if (ec) return out;
    out.handshake = true;
    out.version = SSL_get_version(stream.native_handle());
    http::request<http::empty_body> req(http::verb::get, "/api/v1/ping", 11);
    req.set(http::field::host, "127.0.0.1");
    http::write(stream, req, ec);
    beast::flat_buffer buffer;
    if (!ec) http::read(stream, buffer, out.response, ec);
    return out;
  }

  fs::path dir_;
  Router router_;
};

TEST_F(TlsServerTest, ServesHttpsWithHstsAndTheSecurityHeaders) {
  testing::RunningServer server(Options(), router_);
  TlsResult r = Get(server.port());
  ASSERT_TRUE(r.handshake);
  EXPECT_TRUE(r.version == "TLSv1.3" || r.version == "TLSv1.2") << r.version;
  EXPECT_EQ(r.response.result_int(), 200);
  EXPECT_EQ(r.response.body(), "{\"ok\":true}");
  EXPECT_EQ(r.response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains");
  EXPECT_EQ(r.response["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(r.response["X-Frame-Options"], "DENY");
  EXPECT_EQ(r.response["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(r.response["Content-Security-Policy"],
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  // TLS 1.2 still works.
  TlsResult v12 = Get(server.port(), TLS1_2_VERSION);
  ASSERT_TRUE(v12.handshake);
  EXPECT_EQ(v12.version, "TLSv1.2");
  EXPECT_EQ(v12.response.result_int(), 200);
}

TEST_F(TlsServerTest, ClientsBelowTls12AreRefused) {
  testing::RunningServer server(Options(), router_);
  TlsResult r = Get(server.port(), TLS1_1_VERSION);
  EXPECT_FALSE(r.handshake) << r.version;
}

TEST_F(TlsServerTest, PlainHttpOnTheTlsPortGetsNoAnswer) {
  testing::RunningServer server(Options(), router_);
  testing::Connection c(server.port(), 3s);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send(testing::RequestText("GET", "/api/v1/ping")));
  std::string bytes = c.ReadAll();
  EXPECT_EQ(bytes.find("HTTP/1.1"), std::string::npos) << bytes;
  EXPECT_EQ(bytes.find("ok"), std::string::npos);
  // The server goes on serving TLS clients.
  EXPECT_EQ(Get(server.port()).response.result_int(), 200);
}

TEST_F(TlsServerTest, MissingOrMismatchedKeyIsAClearError) {
  ServerOptions o = Options();
  o.tls_key_file = (dir_ / "missing.pem").string();
  HttpServer missing(o, router_);
  Status s = missing.Start();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("TLS key " + o.tls_key_file), std::string::npos) << s.message();

  std::string other = "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out '" +
                      (dir_ / "other.pem").string() + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(other.c_str()), 0);
  o.tls_key_file = (dir_ / "other.pem").string();
  HttpServer mismatched(o, router_);
  s = mismatched.Start();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  // OpenSSL already refuses the key when it is loaded ("key values mismatch").
  EXPECT_NE(s.message().find("TLS key " + o.tls_key_file), std::string::npos) << s.message();

  o.tls_key_file.clear();
  HttpServer half(o, router_);
  EXPECT_EQ(half.Start().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace drieluik::web
