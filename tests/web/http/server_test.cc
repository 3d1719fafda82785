#include "web/http/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <future>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "web/http/test_client.h"

namespace drieluik::web {
namespace {

using namespace std::chrono_literals;
using testing::Connection;
using testing::Fetch;
using testing::RequestText;
using testing::RunningServer;

ServerOptions TestOptions() {
  ServerOptions options;
  options.port = 0;
  options.io_threads = 2;
  options.worker_threads = 4;
  options.read_timeout = 2s;
  options.idle_timeout = 2s;
  options.shutdown_grace = 3s;
  return options;
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    router_.Add("GET", "/api/v1/signals/{id}", [](Request& r) {
      return Response::Json(200, "{\"id\":\"" + r.PathParam("id") + "\"}");
    });
    router_.Add("POST", "/api/v1/echo", [](Request& r) {
      return Response::Text(200, r.body, "text/plain");
    });
    router_.Add("GET", "/api/v1/query", [](Request& r) {
      return Response::Text(200, r.Query("q").value_or("<none>") + "|" + r.path + "|" +
                                     r.remote_address + "|" + std::string(r.Header("x-test")),
                            "text/plain");
    });
    router_.Add("GET", "/api/v1/throw", [](Request&) -> Response {
      throw std::runtime_error("kapot");
    });
    router_.Add("GET", "/api/v1/framed", [](Request&) {
      Response r = Response::Text(200, "x", "text/plain");
      r.SetHeader("X-Frame-Options", "SAMEORIGIN");
      return r;
    });
  }
  Router router_;
};

TEST_F(ServerTest, RoutesWithParamsOverRealSocket) {
  RunningServer server(TestOptions(), router_);
  auto r = Fetch(server.port(), "GET", "/api/v1/signals/abc%2F1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"id":"abc/1"})");
  EXPECT_EQ(r->Header("content-type"), "application/json");
  EXPECT_EQ(r->Header("content-length"), "14");
}

TEST_F(ServerTest, EveryResponseCarriesDateServerAndSecurityHeaders) {
  RunningServer server(TestOptions(), router_);
  auto r = Fetch(server.port(), "GET", "/nothing/here");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->Header("server"), "drieluik");
  EXPECT_EQ(r->Header("date").size(), 29u);  // "Sat, 28 Nov 2026 04:16:36 GMT"
  EXPECT_EQ(r->Header("date").substr(25), " GMT");
  EXPECT_EQ(r->Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r->Header("x-frame-options"), "DENY");
  EXPECT_EQ(r->Header("referrer-policy"), "no-referrer");
  EXPECT_EQ(r->Header("content-security-policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  EXPECT_EQ(r->Header("strict-transport-security"), "");  // HSTS only under TLS
  auto ok = Fetch(server.port(), "GET", "/api/v1/signals/1");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->Header("content-security-policy"), r->Header("content-security-policy"));
  EXPECT_EQ(ok->Header("x-content-type-options"), "nosniff");
  auto framed = Fetch(server.port(), "GET", "/api/v1/framed");
  ASSERT_TRUE(framed);
  EXPECT_EQ(framed->Header("x-frame-options"), "SAMEORIGIN");
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowed) {
  RunningServer server(TestOptions(), router_);
  auto missing = Fetch(server.port(), "GET", "/api/v1/nothing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->Header("content-type"), "application/problem+json");
  auto wrong = Fetch(server.port(), "DELETE", "/api/v1/signals/1");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->Header("allow"), "GET, HEAD");
}

TEST_F(ServerTest, HeadAnswersGetRouteWithoutBody) {
  RunningServer server(TestOptions(), router_);
  Connection c(server.port());
  ASSERT_TRUE(c.Send(RequestText("HEAD", "/api/v1/signals/12345")));
  auto head = c.Read(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("content-length"), "14");  // {"id":"12345"}
  EXPECT_EQ(head->body, "");
  // The connection is still in sync: the next response follows directly.
  ASSERT_TRUE(c.Send(RequestText("GET", "/api/v1/signals/1")));
  auto next = c.Read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, R"({"id":"1"})");
}

TEST_F(ServerTest, DecodesQueryAndPassesHeadersAndPeer) {
  RunningServer server(TestOptions(), router_);
  auto r = Fetch(server.port(), "GET", "/api/v1/query?x=1&q=a+b%26c", "X-Test: yes\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "a b&c|/api/v1/query|127.0.0.1|yes");
}

TEST_F(ServerTest, MalformedEscapeInPathIs400) {
  RunningServer server(TestOptions(), router_);
  auto r = Fetch(server.port(), "GET", "/api/v1/signals/%zz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  auto nul = Fetch(server.port(), "GET", "/api/v1/query?q=%00");
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->status, 400);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RunningServer server(TestOptions(), router_);
  Connection c(server.port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.Send(RequestText("POST", "/api/v1/echo", "", "body " + std::to_string(i))));
    auto r = c.Read();
    ASSERT_TRUE(r) << "request " << i;
    EXPECT_EQ(r->body, "body " + std::to_string(i));
    EXPECT_EQ(r->Header("connection"), "");  // HTTP/1.1 default: keep-alive
  }
  // Two pipelined requests in one write are answered in order.
  ASSERT_TRUE(c.Send(RequestText("GET", "/api/v1/signals/a") + RequestText("GET", "/api/v1/signals/b")));
  EXPECT_EQ(c.Read()->body, R"({"id":"a"})");
  EXPECT_EQ(c.Read()->body, R"({"id":"b"})");
  // Connection: close is honoured.
  ASSERT_TRUE(c.Send(RequestText("GET", "/api/v1/signals/c", "Connection: close\r\n")));
  auto last = c.Read();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->Header("connection"), "close");
  EXPECT_TRUE(c.ClosedByServer());
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAlive) {
  RunningServer server(TestOptions(), router_);
  Connection c(server.port());
  ASSERT_TRUE(c.Send("GET /api/v1/signals/1 HTTP/1.0\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(c.ClosedByServer());
}

TEST_F(ServerTest, OversizeBodyIs413AndCloses) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 100;
  RunningServer server(options, router_);
  Connection c(server.port());
  ASSERT_TRUE(c.Send(RequestText("POST", "/api/v1/echo", "", std::string(1000, 'x'))));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->Header("content-type"), "application/problem+json");
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_EQ(r->body, R"({"type":"https://drieluik.example/problems/request-too-large",)"
                     R"("title":"Verzoek te groot / Request too large","status":413})");
  EXPECT_TRUE(c.ClosedByServer());
  // Exactly at the limit is fine.
  auto ok = Fetch(server.port(), "POST", "/api/v1/echo", "", std::string(100, 'y'));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 100;
  RunningServer server(options, router_);
  Connection c(server.port());
  std::string chunk(80, 'z');
  ASSERT_TRUE(c.Send("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "50\r\n" + chunk + "\r\n50\r\n" + chunk + "\r\n0\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, OversizeHeaderIs431) {
  ServerOptions options = TestOptions();
  options.max_header_bytes = 1024;
  RunningServer server(options, router_);
  Connection c(server.port());
  ASSERT_TRUE(c.Send(RequestText("GET", "/api/v1/signals/1",
                                 "X-Big: " + std::string(2000, 'h') + "\r\n")));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(c.ClosedByServer());
}

TEST_F(ServerTest, MalformedRequestIs400AndCloses) {
  RunningServer server(TestOptions(), router_);
  for (std::string bad : {"NOT HTTP AT ALL\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                          "GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
                          "GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n",
                          "GET /api/v1/signals/1 HTTP/1.1\r\n\r\n",  // no Host
                          "POST /api/v1/echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}) {
    Connection c(server.port());
    ASSERT_TRUE(c.Send(bad));
    auto r = c.Read();
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_TRUE(c.ClosedByServer()) << bad;
  }
}

TEST_F(ServerTest, SlowlorisIsCutOffAfterReadTimeoutWith408) {
  ServerOptions options = TestOptions();
  options.read_timeout = 300ms;
  RunningServer server(options, router_);
  Connection c(server.port());
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.Send("GET /api/v1/signals/1 HTTP/1.1\r\nHost: x\r\n"));
  // One more header line every 100 ms never completes the request in time.
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(100ms);
    c.Send("X-Slow: " + std::to_string(i) + "\r\n");
  }
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 408);
  EXPECT_TRUE(c.ClosedByServer());
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, 2s);
}

TEST_F(ServerTest, SilentConnectionIsClosedWithoutResponse) {
  ServerOptions options = TestOptions();
  options.read_timeout = 200ms;
  RunningServer server(options, router_);
  Connection c(server.port());
  EXPECT_EQ(c.ReadAll(), "");
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
  ServerOptions options = TestOptions();
  options.idle_timeout = 200ms;
  RunningServer server(options, router_);
  Connection c(server.port());
  ASSERT_TRUE(c.Send(RequestText("GET", "/api/v1/signals/1")));
  ASSERT_TRUE(c.Read());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.ClosedByServer());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
}

TEST_F(ServerTest, HandlerExceptionIs500WithoutDetail) {
  RunningServer server(TestOptions(), router_);
  auto r = Fetch(server.port(), "GET", "/api/v1/throw");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body, R"({"type":"https://drieluik.example/problems/internal",)"
                     R"("title":"Interne fout / Internal server error","status":500})");
  // The connection and the server survive it.
  auto next = Fetch(server.port(), "GET", "/api/v1/signals/1");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, ServesTwoHundredConcurrentConnections) {
  RunningServer server(TestOptions(), router_);
  constexpr int kConnections = 200;
  std::vector<std::unique_ptr<Connection>> connections;
  for (int i = 0; i < kConnections; ++i) {
    connections.push_back(std::make_unique<Connection>(server.port()));
    ASSERT_TRUE(connections.back()->connected()) << i;
  }
  for (int i = 0; i < kConnections; ++i) {
    ASSERT_TRUE(connections[i]->Send(RequestText("GET", "/api/v1/signals/" + std::to_string(i))));
  }
  int served = 0;
  for (int i = 0; i < kConnections; ++i) {
    auto r = connections[i]->Read();
    if (r && r->status == 200 && r->body == "{\"id\":\"" + std::to_string(i) + "\"}") ++served;
  }
  EXPECT_EQ(served, kConnections);
}

TEST_F(ServerTest, HandlersDoNotBlockIoThreads) {
  // One I/O thread; a slow handler on the worker pool must not hold up other requests.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  router_.Add("GET", "/api/v1/slow", [released](Request&) {
    released.wait_for(5s);
    return Response::Text(200, "slow", "text/plain");
  });
  ServerOptions options = TestOptions();
  options.io_threads = 1;
  RunningServer server(options, router_);
  Connection slow(server.port());
  ASSERT_TRUE(slow.Send(RequestText("GET", "/api/v1/slow")));
  auto start = std::chrono::steady_clock::now();
  auto fast = Fetch(server.port(), "GET", "/api/v1/signals/1");
  ASSERT_TRUE(fast);
  EXPECT_EQ(fast->status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  release.set_value();
  EXPECT_EQ(slow.Read()->body, "slow");
}

TEST_F(ServerTest, GracefulStopFinishesInFlightRequestAndRefusesNewConnections) {
  std::promise<void> entered;
  router_.Add("GET", "/api/v1/slow", [&entered](Request&) {
    entered.set_value();
    std::this_thread::sleep_for(500ms);
    return Response::Text(200, "done", "text/plain");
  });
  RunningServer server(TestOptions(), router_);
  uint16_t port = server.port();
  Connection idle(port);  // an idle keep-alive connection
  ASSERT_TRUE(idle.Send(RequestText("GET", "/api/v1/signals/1")));
  ASSERT_TRUE(idle.Read());
  Connection busy(port);
  ASSERT_TRUE(busy.Send(RequestText("GET", "/api/v1/slow")));
  entered.get_future().wait();

  server.server().Stop();
  auto r = busy.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "done");
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(busy.ClosedByServer());
  EXPECT_TRUE(idle.ClosedByServer());
  Connection late(port);
  EXPECT_FALSE(late.connected());
  server.StopAndJoin();
  EXPECT_TRUE(server.stopped());
}

TEST_F(ServerTest, StopAfterGraceClosesStuckRequests) {
  std::promise<void> entered;
  router_.Add("GET", "/api/v1/stuck", [&entered](Request&) {
    entered.set_value();
    std::this_thread::sleep_for(1s);
    return Response::Text(200, "late", "text/plain");
  });
  ServerOptions options = TestOptions();
  options.shutdown_grace = 100ms;
  RunningServer server(options, router_);
  Connection busy(server.port());
  ASSERT_TRUE(busy.Send(RequestText("GET", "/api/v1/stuck")));
  entered.get_future().wait();
  auto start = std::chrono::steady_clock::now();
  server.StopAndJoin();
  // Run() returns only after the handler finished, so the database can close after it.
  EXPECT_GE(std::chrono::steady_clock::now() - start, 500ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_FALSE(busy.Read().has_value());
}

TEST_F(ServerTest, ExpectContinueGetsGoAheadThenResponse) {
  RunningServer server(TestOptions(), router_);
  Connection c(server.port());
  ASSERT_TRUE(c.Send("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                     "Expect: 100-continue\r\n\r\n"));
  auto go_ahead = c.Read();
  ASSERT_TRUE(go_ahead);
  EXPECT_EQ(go_ahead->status, 100);
  ASSERT_TRUE(c.Send("hallo"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hallo");
}

TEST_F(ServerTest, ExpectContinueOverLimitIs413WithoutGoAhead) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 100;
  RunningServer server(options, router_);
  Connection c(server.port());
  ASSERT_TRUE(c.Send("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n"
                     "Expect: 100-continue\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, ConnectionsOverTheLimitAreClosed) {
  ServerOptions options = TestOptions();
  options.max_connections = 2;
  RunningServer server(options, router_);
  auto first = std::make_unique<Connection>(server.port());
  Connection second(server.port());
  for (Connection* c : {first.get(), &second}) {
    ASSERT_TRUE(c->Send(RequestText("GET", "/api/v1/signals/1")));
    ASSERT_TRUE(c->Read());
  }
  Connection third(server.port());
  ASSERT_TRUE(third.connected());  // the kernel accepts; the server closes it at once
  EXPECT_TRUE(third.ClosedByServer());
  first.reset();
  std::this_thread::sleep_for(100ms);
  auto r = Fetch(server.port(), "GET", "/api/v1/signals/4");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, ClientThatDoesNotReadIsCutOffAfterWriteTimeout) {
  constexpr std::size_t kBig = 64 << 20;
  router_.Add("GET", "/api/v1/big", [](Request&) {
    return Response::Text(200, std::string(kBig, 'b'), "application/octet-stream");
  });
  ServerOptions options = TestOptions();
  options.write_timeout = 300ms;
  RunningServer server(options, router_);
  Connection c(server.port());
  ASSERT_TRUE(c.Send(RequestText("GET", "/api/v1/big")));
  std::this_thread::sleep_for(1s);  // not reading: the server's write stalls
  auto start = std::chrono::steady_clock::now();
  std::string got = c.ReadAll();
  EXPECT_LT(got.size(), kBig);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);  // closed, not our read timeout
}

TEST_F(ServerTest, UnsafeHandlerHeadersAreDroppedAndBadStatusIs500) {
  router_.Add("GET", "/api/v1/split", [](Request&) {
    Response r = Response::Text(200, "ok", "text/plain");
    r.SetHeader("X-Name", "a\r\nSet-Cookie: evil=1");
    r.SetHeader("Bad Name", "v");
    r.SetHeader("X-Fine", "yes");
    return r;
  });
  router_.Add("GET", "/api/v1/status", [](Request&) { return Response::Text(42, "", "text/plain"); });
  RunningServer server(TestOptions(), router_);
  auto r = Fetch(server.port(), "GET", "/api/v1/split");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("x-name"), "");
  EXPECT_EQ(r->Header("set-cookie"), "");
  EXPECT_EQ(r->Header("x-fine"), "yes");
  auto bad = Fetch(server.port(), "GET", "/api/v1/status");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 500);
}

TEST_F(ServerTest, SigtermStopsRunGracefully) {
  std::promise<void> entered;
  router_.Add("GET", "/api/v1/slow", [&entered](Request&) {
    entered.set_value();
    std::this_thread::sleep_for(200ms);
    return Response::Text(200, "done", "text/plain");
  });
  HttpServer server(TestOptions(), router_);
  ASSERT_TRUE(server.Start().ok());
  server.HandleSignals(true);
  std::atomic<bool> returned{false};
  std::thread runner([&] {
    server.Run();
    returned = true;
  });
  // A served request shows Run() is up, and with it the signal handlers.
  ASSERT_TRUE(Fetch(server.port(), "GET", "/api/v1/signals/1"));
  Connection busy(server.port());
  ASSERT_TRUE(busy.Send(RequestText("GET", "/api/v1/slow")));
  entered.get_future().wait();
  ASSERT_EQ(std::raise(SIGTERM), 0);
  auto r = busy.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "done");
  runner.join();
  EXPECT_TRUE(returned);
  EXPECT_FALSE(Connection(server.port()).connected());
}

TEST_F(ServerTest, AccessLogHasNoQueryStringAndNoBody) {
  std::ostringstream log;
  auto previous = spdlog::default_logger();
  auto capture = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  capture->set_pattern("%v");
  spdlog::set_default_logger(capture);
  {
    RunningServer server(TestOptions(), router_);
    auto r = Fetch(server.port(), "POST", "/api/v1/echo?bsn=123456782", "",
                   "{\"naam\":\"Jansen\"}");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    ASSERT_TRUE(Fetch(server.port(), "GET", "/api/v1/throw?naam=Jansen"));
  }
  spdlog::set_default_logger(previous);
  std::string text = log.str();
  EXPECT_EQ(text.find("123456782"), std::string::npos) << text;
  EXPECT_EQ(text.find("Jansen"), std::string::npos) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("\nhttp POST /api/v1/echo 200 [0-9.]+ms 17B\n")))
      << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("\nhttp GET /api/v1/throw 500 [0-9.]+ms 113B\n")))
      << text;
}

TEST_F(ServerTest, PortInUseIsUnavailable) {
  RunningServer first(TestOptions(), router_);
  ServerOptions options = TestOptions();
  options.port = first.port();
  HttpServer second(options, router_);
  Status status = second.Start();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  std::string where = "127.0.0.1:" + std::to_string(first.port());
  EXPECT_EQ(status.message(), "kan niet luisteren op " + where +
                                  ": adres al in gebruik / cannot listen on " + where +
                                  ": address already in use");
}

TEST_F(ServerTest, RunWithoutStartReturnsAtOnce) {
  HttpServer server(TestOptions(), router_);
  server.Run();
  EXPECT_EQ(server.port(), 0);
}

TEST_F(ServerTest, StopBeforeRunReturnsAtOnce) {
  HttpServer server(TestOptions(), router_);
  ASSERT_TRUE(server.Start().ok());
  server.Stop();
  server.Run();
  Connection late(server.port());
  EXPECT_FALSE(late.connected());
}

}  // namespace
}  // namespace drieluik::web
