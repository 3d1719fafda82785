// Runs the built `drieluik estimate` binary and checks its exit code and output.
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

struct CliRun {
  int code;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Data(const std::string& name) { return std::string(DRIELUIK_STATS_TESTDATA) + "/" + name; }

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

CliRun Estimate(const std::string& args) {
  std::string dir = ::testing::TempDir();
  // ctest runs tests in parallel processes: the file names must be unique per process.
  std::string tag = std::to_string(::getpid());
  std::string out = dir + "/estimate_out_" + tag + ".txt", err = dir + "/estimate_err_" + tag + ".txt";
  std::string cmd = std::string(DRIELUIK_BINARY) + " estimate " + args + " >" + out + " 2>" + err;
  int status = std::system(cmd.c_str());
  return {WEXITSTATUS(status), Slurp(out), Slurp(err)};
}

TEST(EstimateCommandTest, JsonOutputForUkData) {
  CliRun r = Estimate("--input " + Data("UKdat_5.csv") + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["lists"], nlohmann::json({"LA", "NG", "PFNCA", "GO", "GP"}));
  EXPECT_EQ(j["observed"], 2744);
  EXPECT_EQ(std::lround(j["estimate"].get<double>()), 11313);
  EXPECT_EQ(std::lround(j["dark"].get<double>()), 11313 - 2744);
  EXPECT_EQ(j["method"], "stepwise");
  EXPECT_EQ(j["model"]["terms"].size(), 11u);
  EXPECT_EQ(j["ci"]["level"], 0.95);
  EXPECT_EQ(j["ci"]["kind"], "wald");
  EXPECT_EQ(std::lround(j["ci"]["low"].get<double>()), 9884);
  EXPECT_EQ(std::lround(j["ci"]["high"].get<double>()), 13027);
  EXPECT_EQ(j["warnings"], nlohmann::json::array());
}

TEST(EstimateCommandTest, TextIsDutchByDefaultAndEnglishOnRequest) {
  CliRun nl = Estimate("--input " + Data("NewOrl.csv") + " --method main");
  ASSERT_EQ(nl.code, 0);
  EXPECT_NE(nl.out.find("Gezien (op minstens één lijst): 185\n"), std::string::npos) << nl.out;
  EXPECT_NE(nl.out.find("Geschat totaal: 997\n"), std::string::npos) << nl.out;
  EXPECT_NE(nl.out.find("95%-betrouwbaarheidsinterval totaal: 645 tot 1.618 (Wald)\n"), std::string::npos) << nl.out;
  CliRun en = Estimate("--input " + Data("UKdat_5.csv") + " --lang en");
  ASSERT_EQ(en.code, 0);
  EXPECT_NE(en.out.find("Estimated total: 11,313\n"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("95% confidence interval for the total: 9,884 to 13,027 (Wald)\n"), std::string::npos);
}

TEST(EstimateCommandTest, BadInputNamesLineAndColumnAndPrintsNoEstimate) {
  std::string path = WriteTemp("bad.csv", "A,B,count\n1,0,5\n0,2,3\n");
  CliRun r = Estimate("--input " + path);
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, path + ":regel 3, kolom B: verwacht 0 of 1, kreeg \"2\" / line 3, column B: expected 0 or 1, got \"2\"\n");
}

TEST(EstimateCommandTest, SingleListIsRejected) {
  CliRun r = Estimate("--input " + WriteTemp("one.csv", "A,count\n1,5\n"));
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("minstens twee lijsten nodig, gevonden: 1 / line 1: at least two lists are needed, found: 1"),
            std::string::npos) << r.err;
}

TEST(EstimateCommandTest, RefusedModelGivesNoNumberAndExitOne) {
  CliRun r = Estimate("--input " + Data("Artificial_3.csv") + " --model A:B --format json --lang en");
  EXPECT_EQ(r.code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["estimate"].is_null());
  EXPECT_TRUE(j["ci"].is_null());
  EXPECT_EQ(j["warnings"][1]["code"], "model_refused");
  EXPECT_EQ(j["warnings"][1]["message"], "model A:B refused: the estimate does not exist (infinite)");
}

TEST(EstimateCommandTest, StrataAndTheirSum) {
  std::string csv = "jaar,A,B,count\n2023,1,0,60\n2023,0,1,30\n2023,1,1,10\n2024,1,0,40\n2024,0,1,50\n2024,1,1,20\n";
  CliRun r = Estimate("--input " + WriteTemp("strata.csv", csv) + " --by jaar --method main --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["strata"].size(), 2u);
  EXPECT_EQ(j["strata"][0]["stratum"], "2023");
  EXPECT_NEAR(j["strata"][0]["estimate"].get<double>(), 100 + 180, 1e-6);  // Lincoln-Petersen
  EXPECT_NEAR(j["strata"][1]["estimate"].get<double>(), 110 + 100, 1e-6);
  EXPECT_NEAR(j["total"]["estimate"].get<double>(), 490, 1e-6);
  EXPECT_EQ(j["total"]["observed"], 210);
}

TEST(EstimateCommandTest, SparseStratumGetsNoEstimateAndNoSum) {
  std::string csv = "jaar,A,B,count\n2023,1,0,60\n2023,0,1,30\n2023,1,1,10\n2024,1,0,4\n";
  CliRun r = Estimate("--input " + WriteTemp("sparse.csv", csv) + " --by jaar --method main --lang en");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("jaar = 2023\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  Estimated total: 280\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  Note: only 1 list(s) contain anybody; at least two are needed\n"), std::string::npos);
  EXPECT_NE(r.out.find("  No sum: not every group has an estimate.\n"), std::string::npos);
}

TEST(EstimateCommandTest, BootstrapIsReproducibleForASeed) {
  std::string args = "--input " + Data("Western.csv") + " --bootstrap 50 --seed 7 --threads 2 --format json";
  CliRun a = Estimate(args), b = Estimate(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["ci"]["kind"], "bootstrap-bca");
  EXPECT_NE(a.err.find("bootstrap"), std::string::npos);  // progress on stderr
}

}  // namespace
