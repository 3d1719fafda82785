// The accounts and audit-trail repositories of the PostgreSQL store (tables of migration
// 003_accounts), on the store's connection pool. Thread-safe.
#pragma once

#include "domain/account.h"
#include "store/postgres/postgres_store.h"

namespace drieluik::store::postgres {

class PostgresStore;

class PostgresAccounts final : public domain::AccountRepository, public domain::AuditRepository {
 public:
  /// `protector` encrypts and decrypts users.totp_secret (the store's).
  PostgresAccounts(PostgresStore::Pool& pool, const SignalProtector& protector) : pool_(pool), protector_(protector) {}

  Result<domain::User> CreateUser(const domain::User& u, const domain::AuditIntent* audit = nullptr) override;
  Result<domain::User> GetUser(domain::UserId id) override;
  Result<domain::User> FindUser(const std::string& username) override;
  Result<std::vector<domain::User>> ListUsers() override;
  Result<domain::User> UpdateUser(const domain::User& u) override;

  Status CreateSession(const domain::SessionRecord& s) override;
  Result<domain::SessionRecord> FindSession(const std::string& id_hash) override;
  Status TouchSession(const std::string& id_hash, TimePoint at) override;
  Status DeleteSession(const std::string& id_hash) override;
  Result<int> DeleteSessionsOf(domain::UserId user) override;
  Result<int> DeleteExpiredSessions(TimePoint idle_before, TimePoint created_before) override;

  Result<domain::TokenRecord> CreateToken(const domain::TokenRecord& t,
                                          const domain::AuditIntent* audit = nullptr) override;
  Result<domain::TokenRecord> FindTokenByHash(const std::string& token_hash) override;
  Result<std::vector<domain::TokenRecord>> ListTokens(domain::UserId user) override;
  Status RevokeToken(std::int64_t id, TimePoint at) override;

  Result<std::set<domain::Role>> TotpRequiredRoles() override;
  Status SetTotpRequired(domain::Role role, bool required) override;

  Result<domain::AuditEntry> AppendAudit(const domain::AuditEntry& draft, const domain::AuditHasher& hasher) override;
  Result<std::vector<domain::AuditEntry>> QueryAudit(const domain::AuditQuery& q) override;
  Result<std::optional<domain::ChainHead>> AuditAnchor() override;
  Status ScanAudit(const std::function<Status(const std::vector<domain::AuditEntry>&)>& sink, int page) override;

 private:
  PostgresStore::Pool& pool_;
  const SignalProtector& protector_;
};

}  // namespace drieluik::store::postgres
