#include "support/test_store.h"

#include <cstdlib>
#include <mutex>

#include "support/test_keys.h"

#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <random>
#include <stdexcept>

namespace drieluik::testing {

const std::string& TestKeysText() {
  static const std::string text = [] {
    const char* env = std::getenv(crypto::kKeysEnvironmentVariable);
    if (env != nullptr && *env != '\0') return std::string(env);
    std::string line = crypto::KeyRing::GenerateKeyLine("test");
    ::setenv(crypto::kKeysEnvironmentVariable, line.c_str(), 1);
    return line;
  }();
  return text;
}

std::shared_ptr<const crypto::KeyRing> TestKeys() {
  static const std::shared_ptr<const crypto::KeyRing> ring = [] {
    auto r = crypto::KeyRing::FromEnvironmentValue(TestKeysText());
    if (!r.ok()) throw std::runtime_error("test keys: " + r.status().ToString());
    return std::make_shared<const crypto::KeyRing>(std::move(r).value());
  }();
  return ring;
}

std::shared_ptr<const crypto::KeyRing> RingOf(const std::string& text) {
  auto r = crypto::KeyRing::Parse(text, "test");
  if (!r.ok()) throw std::runtime_error("test ring: " + r.status().ToString());
  return std::make_shared<const crypto::KeyRing>(std::move(r).value());
}

TestStore::TestStore(const std::string& backend, bool migrate) : backend_(backend) {
  if (backend == "sqlite") {
    std::random_device rd;
    dir_ = (std::filesystem::temp_directory_path() / ("drieluik-test-" + std::to_string(rd()) + std::to_string(rd())))
               .string();
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + dir_ + "/drieluik.db";
  } else if (backend == "postgres") {
    const char* pg = std::getenv("DRIELUIK_TEST_PG");
    if (!pg || !*pg) {
      skip_reason_ = "DRIELUIK_TEST_PG is not set (make test starts a PostgreSQL server and sets it)";
      return;
    }
    // A fresh database per TestStore, created through the admin connection.
    std::random_device rd;
    pg_admin_ = pg;
    pg_db_ = "t_" + std::to_string(rd()) + "_" + std::to_string(rd() % 100000);
    try {
      pqxx::connection admin(pg_admin_);
      pqxx::nontransaction tx(admin);
      tx.exec("CREATE DATABASE " + pg_db_);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("cannot create test database: ") + e.what());
    }
    url_ = pg_admin_ + " dbname=" + pg_db_;  // in a conninfo the last value of a key wins
  } else {
    skip_reason_ = "unknown backend " + backend;
    return;
  }
  Status s = Reopen();
  if (s.ok() && migrate) s = store_->Migrate();
  if (!s.ok()) {
    skip_reason_.clear();
    store_.reset();
    throw std::runtime_error("cannot open test store: " + s.ToString());
  }
}

Status TestStore::Reopen() {
  store_.reset();
  auto s = store::OpenStore(url_, TestKeys());
  if (!s.ok()) return s.status();
  store_ = std::move(s).value();
  return Status::Ok();
}

TestStore::~TestStore() {
  store_.reset();
  if (!pg_db_.empty()) {
    try {
      pqxx::connection admin(pg_admin_);
      pqxx::nontransaction tx(admin);
      tx.exec("DROP DATABASE IF EXISTS " + pg_db_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // The server is going away with the test run; nothing to clean up then.
    }
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

}  // namespace drieluik::testing
