// drieluik retention run: anonymises or deletes what is past its retention term
// (domain/retention.h, docs/PRIVACY.md section 5), the same job `serve` runs daily.
#include "cli/retention_command.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "auth/audit_log.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"
#include "crypto/sodium_secrets.h"

namespace drieluik::cli {

Result<domain::RetentionTerms> LoadRetentionTerms(const std::string& path) {
  if (path.empty()) return domain::RetentionTerms::Default();
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument("cannot read the retention configuration " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return domain::RetentionTerms::Parse(ss.str(), path);
}

Result<domain::RetentionReport> RunRetention(store::Store& db, domain::SignalService& signals, const Clock& clock,
                                             const domain::RetentionTerms& terms) {
  domain::RetentionService service(db, db.retention(), clock, terms, [&signals](const domain::SignalContent& c) {
    return std::string(domain::ToCode(signals.TriageOf(c).urgency.level));
  });
  // The run is recorded before it changes anything (no entry, no run) and after it with its
  // counts only: each signal it anonymises also gets an "anonymised" history entry.
  auth::AuditLog audit(db.audit(), clock);
  auto started = audit.RecordSystem(domain::AuditAction::kDelete, "retention", "start", "retention");
  if (!started.ok()) return started.status();
  auto report = service.Run();
  if (!report.ok()) return report;
  auto logged = audit.RecordSystem(domain::AuditAction::kDelete, "retention",
                                   fmt::format("s{}:r{}:a{}:c{}:m{}:d{}", report->signals_anonymised,
                                               report->reporters_erased, report->audit_entries_removed,
                                               report->cases_anonymised, report->meetings_anonymised,
                                               report->drieluik_rows_cleared),
                                   "retention");
  if (!logged.ok()) return logged.status();
  return report;
}

void AddRetentionCommand(CLI::App& app) {
  auto* retention = app.add_subcommand("retention", "Bewaartermijnen / retention");
  retention->require_subcommand(1);
  auto* cmd = retention->add_subcommand(
      "run", "Anonimiseer of verwijder wat over de termijn is / anonymise or delete what is past its term");
  auto o = std::make_shared<StoreOptions>();
  auto config = std::make_shared<std::string>();
  o->AddTo(*cmd);
  cmd->add_option("--retention-config", *config,
                  "JSON met de termijnen (standaard: data/config/retention.json) / JSON with the terms");
  cmd->callback([o, config] {
    auto terms = LoadRetentionTerms(*config);
    if (!terms.ok()) throw ExitWith{ReportError(terms.status())};
    auto store = o->OpenAndMigrate();
    if (!store.ok()) throw ExitWith{ReportError(store.status())};
    SystemClock clock;
    crypto::SodiumSecrets secrets;
    domain::SignalService signals(**store, domain::Catalog::Embedded(), clock, secrets, store->get());
    auto r = RunRetention(**store, signals, clock, *terms);
    if (!r.ok()) throw ExitWith{ReportError(r.status())};
    fmt::print(
        "bewaartermijnen toegepast / retention applied: {} meldingen geanonimiseerd / signals anonymised, {} "
        "melderscontacten gewist / reporter contacts erased, {} auditregels verwijderd / audit entries removed, {} "
        "casussen geanonimiseerd / cases anonymised, {} overleggen geanonimiseerd / meetings anonymised, {} "
        "Drieluikregels gewist / Drieluik rows cleared\n",
        r->signals_anonymised, r->reporters_erased, r->audit_entries_removed, r->cases_anonymised,
        r->meetings_anonymised, r->drieluik_rows_cleared);
  });
}

}  // namespace drieluik::cli
