#include "store/migrations.h"

namespace drieluik::store {

extern const std::string_view kSqlite001Signals;
extern const std::string_view kSqlite002LinkKeys;
extern const std::string_view kSqlite003Accounts;
extern const std::string_view kSqlite006Compartments;
extern const std::string_view kPostgres001Signals;
extern const std::string_view kPostgres002LinkKeys;
extern const std::string_view kPostgres003Accounts;
extern const std::string_view kPostgres006Compartments;
extern const std::string_view kSqlite005Encryption;
extern const std::string_view kPostgres005Encryption;
extern const std::string_view kSqlite004Drieluik;
extern const std::string_view kPostgres004Drieluik;
extern const std::string_view kSqlite007Referrals;
extern const std::string_view kPostgres007Referrals;
extern const std::string_view kSqlite008UserEmail;
extern const std::string_view kPostgres008UserEmail;
extern const std::string_view kSqlite009KeyedLinkKeys;
extern const std::string_view kPostgres009KeyedLinkKeys;
extern const std::string_view kSqlite010TotpKey;
extern const std::string_view kPostgres010TotpKey;
extern const std::string_view kSqlite011DrieluikKey;
extern const std::string_view kPostgres011DrieluikKey;
extern const std::string_view kSqlite012DrieluikRetention;
extern const std::string_view kPostgres012DrieluikRetention;

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kSqlite001Signals},
      {2, "002_link_keys", kSqlite002LinkKeys},
      {3, "003_accounts", kSqlite003Accounts},
      {4, "004_drieluik", kSqlite004Drieluik},
      {5, "005_encryption", kSqlite005Encryption},
      {6, "006_compartments", kSqlite006Compartments},
      {7, "007_referrals", kSqlite007Referrals},
      {8, "008_user_email", kSqlite008UserEmail},
      {9, "009_keyed_link_keys", kSqlite009KeyedLinkKeys},
      {10, "010_totp_key", kSqlite010TotpKey},
      {11, "011_drieluik_key", kSqlite011DrieluikKey},
      {12, "012_drieluik_retention", kSqlite012DrieluikRetention},
  };
  return list;
}

const std::vector<Migration>& PostgresMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kPostgres001Signals},
      {2, "002_link_keys", kPostgres002LinkKeys},
      {3, "003_accounts", kPostgres003Accounts},
      {4, "004_drieluik", kPostgres004Drieluik},
      {5, "005_encryption", kPostgres005Encryption},
      {6, "006_compartments", kPostgres006Compartments},
      {7, "007_referrals", kPostgres007Referrals},
      {8, "008_user_email", kPostgres008UserEmail},
      {9, "009_keyed_link_keys", kPostgres009KeyedLinkKeys},
      {10, "010_totp_key", kPostgres010TotpKey},
      {11, "011_drieluik_key", kPostgres011DrieluikKey},
      {12, "012_drieluik_retention", kPostgres012DrieluikRetention},
  };
  return list;
}

}  // namespace drieluik::store
